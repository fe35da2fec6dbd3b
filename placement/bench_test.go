package placement

import (
	"fmt"
	"testing"
)

// BenchmarkSchedule: one round over 64 node candidates with a claim predicate, Additive defaults
// and two add-on scores, the size of a dynamic-scoring epoch on a large scenario.
func BenchmarkSchedule(b *testing.B) {
	var cands []Candidate
	scores := table{}
	var own []string
	for i := range 64 {
		name := fmt.Sprintf("node%02d", i)
		cands = append(cands, Candidate{Name: name, Cluster: fmt.Sprintf("c%d", i%4),
			Claims: map[string]string{"mig.stable": []string{"true", "false"}[i%3/2]}})
		scores[[3]string{name, "power", "headroom"}] = Score{Value: (i*37)%201 - 100, Expires: true, ValidUntil: 100}
		scores[[3]string{name, "perf", "tput"}] = Score{Value: (i*53)%201 - 100}
		if i%5 == 0 {
			own = append(own, name)
		}
	}
	spec := Spec{NumberOfClusters: 2,
		Predicates:   []Predicate{{Claims: ClaimSelector{MatchExpressions: []Requirement{{Key: "mig.stable", Operator: In, Values: []string{"true"}}}}}},
		Prioritizers: PrioritizerPolicy{Configurations: []PrioritizerConfig{addOn("power", "headroom", 3), addOn("perf", "tput", 2)}}}
	in := Input{Candidates: cands, Current: Current{Own: own, Others: []PlacementDecisions{{Selected: own[:3]}}}, Scores: scores, Now: 50}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Schedule(spec, in); err != nil {
			b.Fatal(err)
		}
	}
}

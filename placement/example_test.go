package placement_test

import (
	"fmt"

	"github.com/airansim/airansim/placement"
)

// ExampleSchedule picks one cluster among those whose MIG layout is compliant and stable, by an
// add-on power-headroom score weighted 3 on top of the default Balance and Steady.
func ExampleSchedule() {
	spec := placement.Spec{
		NumberOfClusters: 1,
		Predicates: []placement.Predicate{{Claims: placement.ClaimSelector{MatchExpressions: []placement.Requirement{
			{Key: "mig.stable", Operator: placement.In, Values: []string{"true"}},
		}}}},
		Prioritizers: placement.PrioritizerPolicy{Mode: placement.Additive, Configurations: []placement.PrioritizerConfig{
			{Coordinate: placement.Coordinate{Type: placement.CoordinateAddOn, Resource: "power", ScoreName: "headroom"}, Weight: 3},
		}},
	}
	stable := map[string]string{"mig.stable": "true"}
	headroom := map[string]int{"edge-1": 20, "edge-2": 60, "core-1": 90}
	in := placement.Input{
		Candidates: []placement.Candidate{
			{Name: "edge-1", Claims: stable},
			{Name: "edge-2", Claims: stable},
			{Name: "core-1", Claims: map[string]string{"mig.stable": "false"}},
		},
		Current: placement.Current{Own: []string{"edge-1"}},
		Scores: placement.ScoresFunc(func(c, _, _ string, _ float64) (placement.Score, bool) {
			v, ok := headroom[c]
			return placement.Score{Value: v, Expires: true, ValidUntil: 30}, ok
		}),
		Now: 10,
	}
	r, err := placement.Schedule(spec, in)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i, p := range r.Prioritizers {
		if i > 0 {
			fmt.Print(" ")
		}
		fmt.Printf("%s×%d", p.Name, p.Weight)
	}
	fmt.Println()
	for _, k := range r.Ranking {
		fmt.Println(k.Name, k.Scores, k.Total)
	}
	fmt.Println("selected", r.Selected, r.Reason)
	// Output:
	// Balance×1 Steady×1 AddOn/power/headroom×3
	// edge-2 [100 0 60] 280
	// edge-1 [100 100 20] 260
	// selected [edge-2] AllDecisionsScheduled
}

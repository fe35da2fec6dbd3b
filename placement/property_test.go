package placement

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestScheduleProperties runs seeded random rounds and checks the invariants every OCM schedule
// holds: each prioritizer score lies in [-100, 100]; a total is Σ weight × score; the ranking is
// sorted by total descending then name; the selection is the ranking's prefix of length
// min(NumberOfClusters, feasible); every ranked candidate passes the filters, every excluded one
// fails one.
func TestScheduleProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 5))
	pick := func(xs ...string) string { return xs[r.IntN(len(xs))] }
	for round := range 300 {
		n := r.IntN(8)
		var cands []Candidate
		var all []string
		for i := range n {
			name := fmt.Sprintf("c%d", i)
			all = append(all, name)
			c := Candidate{Name: name, Labels: map[string]string{}, Claims: map[string]string{},
				Allocatable: map[string]float64{}, Capacity: map[string]float64{}}
			if r.IntN(2) == 0 {
				c.Labels["gpu"] = pick("a100", "h100")
			}
			if r.IntN(2) == 0 {
				c.Claims["mig.stable"] = pick("true", "false")
			}
			if r.IntN(3) > 0 {
				c.Allocatable[ResourceCPU] = float64(r.IntN(32))
				c.Capacity[ResourceCPU] = 32
			}
			if r.IntN(4) == 0 {
				c.Taints = []Taint{{Key: "k", Effect: TaintEffect(pick(string(NoSelect), string(PreferNoSelect), string(NoSelectIfNew)))}}
			}
			cands = append(cands, c)
		}
		scores := table{}
		for _, c := range all {
			if r.IntN(3) > 0 {
				scores[[3]string{c, "res", "s"}] = Score{Value: r.IntN(201) - 100, Expires: r.IntN(2) == 0, ValidUntil: float64(r.IntN(20))}
			}
		}
		cur := Current{}
		for _, c := range all {
			if r.IntN(3) == 0 {
				cur.Own = append(cur.Own, c)
			}
		}
		for range r.IntN(3) {
			var sel []string
			for _, c := range all {
				if r.IntN(2) == 0 {
					sel = append(sel, c)
				}
			}
			cur.Others = append(cur.Others, PlacementDecisions{Selected: sel})
		}
		spec := Spec{NumberOfClusters: r.IntN(5), Prioritizers: PrioritizerPolicy{Mode: Mode(pick("", "Additive", "Exact"))}}
		for range r.IntN(4) {
			w := r.IntN(21) - 10
			if r.IntN(2) == 0 {
				spec.Prioritizers.Configurations = append(spec.Prioritizers.Configurations, addOn("res", "s", w))
			} else {
				spec.Prioritizers.Configurations = append(spec.Prioritizers.Configurations,
					builtIn(pick(Balance, Steady, ResourceAllocatableCPU, ResourceAllocatableMemory), w))
			}
		}
		if r.IntN(2) == 0 {
			spec.Predicates = []Predicate{{Labels: LabelSelector{MatchExpressions: []Requirement{{Key: "gpu", Operator: Exists}}}},
				{Claims: ClaimSelector{MatchExpressions: []Requirement{{Key: "mig.stable", Operator: In, Values: []string{"true"}}}}}}
		}
		if r.IntN(2) == 0 {
			spec.Tolerations = []Toleration{{Key: "k", Operator: TolerationExists, Effect: NoSelect}}
		}
		in := Input{Candidates: cands, Current: cur, Scores: scores, Now: float64(r.IntN(20))}
		res, err := Schedule(spec, in)
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		own := map[string]bool{}
		for _, o := range cur.Own {
			own[o] = true
		}
		byName := map[string]*Candidate{}
		for i := range cands {
			byName[cands[i].Name] = &cands[i]
		}
		for i, k := range res.Ranking {
			total := 0
			for j, s := range k.Scores {
				if s < MinScore || s > MaxScore {
					t.Fatalf("round %d: %s score %d out of range", round, k.Name, s)
				}
				total += s * res.Prioritizers[j].Weight
			}
			if total != k.Total {
				t.Fatalf("round %d: %s total %d, Σ w×s = %d", round, k.Name, k.Total, total)
			}
			if i > 0 {
				p := res.Ranking[i-1]
				if p.Total < k.Total || (p.Total == k.Total && p.Name >= k.Name) {
					t.Fatalf("round %d: ranking out of order at %d: %+v", round, i, res.Ranking)
				}
			}
			c := byName[k.Name]
			if !matchesAny(spec.Predicates, c) || !tolerated(c, spec.Tolerations, own[c.Name], in.Now) {
				t.Fatalf("round %d: infeasible %s ranked", round, k.Name)
			}
		}
		for _, e := range res.Excluded {
			c := byName[e.Name]
			if matchesAny(spec.Predicates, c) && tolerated(c, spec.Tolerations, own[c.Name], in.Now) {
				t.Fatalf("round %d: feasible %s excluded", round, e.Name)
			}
		}
		if len(res.Ranking)+len(res.Excluded) != n {
			t.Fatalf("round %d: %d ranked + %d excluded != %d", round, len(res.Ranking), len(res.Excluded), n)
		}
		want := len(res.Ranking)
		if spec.NumberOfClusters > 0 && spec.NumberOfClusters < want {
			want = spec.NumberOfClusters
		}
		var prefix []string
		for _, k := range res.Ranking[:want] {
			prefix = append(prefix, k.Name)
		}
		if !slices.Equal(res.Selected, prefix) && !(len(prefix) == 0 && len(res.Selected) == 0) {
			t.Fatalf("round %d: selected %v, ranking prefix %v", round, res.Selected, prefix)
		}
	}
}

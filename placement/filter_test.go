// Comments cite open-cluster-management-io/ocm as "ocm" and open-cluster-management-io/api as "api".

package placement

import (
	"slices"
	"testing"
)

// fleet: four candidates with labels and claims; "gpu-x" carries the MIG claims a MIG controller
// publishes once a layout is compliant and stable, "gpu-y" is still reconfiguring.
var fleet = []Candidate{
	{Name: "cpu-1", Labels: map[string]string{"site": "edge", "gpu": "none"}},
	{Name: "gpu-x", Labels: map[string]string{"site": "edge", "gpu": "h100"},
		Claims: map[string]string{"mig.layout": "3g.40gb-x2", "mig.stable": "true"}},
	{Name: "gpu-y", Labels: map[string]string{"site": "core", "gpu": "a100"},
		Claims: map[string]string{"mig.layout": "1g.10gb-x7", "mig.stable": "false"}},
	{Name: "gpu-z", Labels: map[string]string{"site": "core", "gpu": "h100"}},
}

func feasibleNames(t *testing.T, spec Spec, in Input) []string {
	t.Helper()
	r, err := Schedule(spec, in)
	if err != nil {
		t.Fatal(err)
	}
	out := []string{}
	for _, k := range r.Ranking {
		out = append(out, k.Name)
	}
	slices.Sort(out)
	return out
}

func TestPredicates(t *testing.T) {
	req := func(k string, op Operator, v ...string) Requirement {
		return Requirement{Key: k, Operator: op, Values: v}
	}
	tests := []struct {
		name  string
		preds []Predicate
		want  []string
	}{
		// ocm pkg/placement/plugins/predicate/predicate.go: no predicates → every cluster.
		{"no predicates", nil, []string{"cpu-1", "gpu-x", "gpu-y", "gpu-z"}},
		// api types_placement.go ClusterSelector: an empty selector matches all objects.
		{"empty predicate", []Predicate{{}}, []string{"cpu-1", "gpu-x", "gpu-y", "gpu-z"}},
		// metav1.LabelSelector matchLabels: every pair must equal.
		{"matchLabels", []Predicate{{Labels: LabelSelector{MatchLabels: map[string]string{"site": "edge", "gpu": "h100"}}}},
			[]string{"gpu-x"}},
		// labels.Requirement: In needs the key present with a listed value.
		{"In", []Predicate{{Labels: LabelSelector{MatchExpressions: []Requirement{req("gpu", In, "a100", "h100")}}}},
			[]string{"gpu-x", "gpu-y", "gpu-z"}},
		// NotIn holds when the key is absent: every candidate lacks "mig.stable" = "false" except gpu-y.
		{"NotIn matches absent keys", []Predicate{{Claims: ClaimSelector{MatchExpressions: []Requirement{req("mig.stable", NotIn, "false")}}}},
			[]string{"cpu-1", "gpu-x", "gpu-z"}},
		{"Exists", []Predicate{{Claims: ClaimSelector{MatchExpressions: []Requirement{req("mig.layout", Exists)}}}},
			[]string{"gpu-x", "gpu-y"}},
		{"DoesNotExist", []Predicate{{Claims: ClaimSelector{MatchExpressions: []Requirement{req("mig.layout", DoesNotExist)}}}},
			[]string{"cpu-1", "gpu-z"}},
		// ocm helpers/clusters.go ClusterSelector.Matches: label selector AND claim selector.
		// The MIG gate: layout X compliant and stable, on an edge site.
		{"labels AND claims (MIG layout compliant and stable)", []Predicate{{
			Labels: LabelSelector{MatchLabels: map[string]string{"site": "edge"}},
			Claims: ClaimSelector{MatchExpressions: []Requirement{req("mig.layout", In, "3g.40gb-x2"), req("mig.stable", In, "true")}},
		}}, []string{"gpu-x"}},
		// Requirements inside one selector are ANDed.
		{"expressions ANDed", []Predicate{{Labels: LabelSelector{MatchExpressions: []Requirement{
			req("site", In, "core"), req("gpu", NotIn, "a100")}}}}, []string{"gpu-z"}},
		// api types_placement.go PlacementSpec.Predicates: "The predicates are ORed"
		// (predicate.go keeps a cluster on its first matching predicate).
		{"predicates ORed", []Predicate{
			{Labels: LabelSelector{MatchLabels: map[string]string{"gpu": "none"}}},
			{Claims: ClaimSelector{MatchExpressions: []Requirement{req("mig.stable", In, "true")}}},
		}, []string{"cpu-1", "gpu-x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := feasibleNames(t, Spec{Predicates: tc.preds}, Input{Candidates: fleet})
			if !slices.Equal(got, tc.want) {
				t.Errorf("feasible %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTaints(t *testing.T) {
	secs := func(s float64) *float64 { return &s }
	cands := []Candidate{
		{Name: "clean"},
		{Name: "noselect", Taints: []Taint{{Key: "maint", Value: "yes", Effect: NoSelect, TimeAdded: 100}}},
		{Name: "prefer", Taints: []Taint{{Key: "busy", Effect: PreferNoSelect}}},
		{Name: "ifnew-own", Taints: []Taint{{Key: "drain", Effect: NoSelectIfNew}}},
		{Name: "ifnew-new", Taints: []Taint{{Key: "drain", Effect: NoSelectIfNew}}},
	}
	cur := Current{Own: []string{"ifnew-own"}}
	tests := []struct {
		name string
		tols []Toleration
		now  float64
		want []string
	}{
		// ocm plugins/tainttoleration/taint_toleration.go isTaintTolerated: PreferNoSelect is
		// always admitted; NoSelectIfNew only for a cluster already in this placement's decisions;
		// NoSelect needs a toleration.
		{"no tolerations", nil, 0, []string{"clean", "ifnew-own", "prefer"}},
		// isTolerated: Equal compares key and value; the effect must match when set.
		{"equal toleration", []Toleration{{Key: "maint", Value: "yes"}}, 0, []string{"clean", "ifnew-own", "noselect", "prefer"}},
		{"wrong value", []Toleration{{Key: "maint", Value: "no"}}, 0, []string{"clean", "ifnew-own", "prefer"}},
		{"wrong effect", []Toleration{{Key: "maint", Operator: TolerationExists, Effect: NoSelectIfNew}}, 0,
			[]string{"clean", "ifnew-own", "prefer"}},
		// An empty key with Exists tolerates every taint.
		{"tolerate all", []Toleration{{Operator: TolerationExists}}, 0,
			[]string{"clean", "ifnew-new", "ifnew-own", "noselect", "prefer"}},
		// isTolerationTimeExpired: tolerated while now is before TimeAdded + TolerationSeconds.
		{"toleration seconds running", []Toleration{{Key: "maint", Operator: TolerationExists, TolerationSeconds: secs(60)}}, 159.9,
			[]string{"clean", "ifnew-own", "noselect", "prefer"}},
		{"toleration seconds over", []Toleration{{Key: "maint", Operator: TolerationExists, TolerationSeconds: secs(60)}}, 160,
			[]string{"clean", "ifnew-own", "prefer"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := feasibleNames(t, Spec{Tolerations: tc.tols}, Input{Candidates: cands, Current: cur, Now: tc.now})
			if !slices.Equal(got, tc.want) {
				t.Errorf("feasible %v, want %v", got, tc.want)
			}
		})
	}
}

// TestExcluded: the filter that removed each candidate is reported, predicates first (ocm
// schedule.go NewPluginScheduler: predicate.New, then tainttoleration.New).
func TestExcluded(t *testing.T) {
	cands := []Candidate{
		{Name: "b", Labels: map[string]string{"gpu": "h100"}, Taints: []Taint{{Key: "k", Effect: NoSelect}}},
		{Name: "a", Taints: []Taint{{Key: "k", Effect: NoSelect}}},
		{Name: "c", Labels: map[string]string{"gpu": "h100"}},
	}
	spec := Spec{Predicates: []Predicate{{Labels: LabelSelector{MatchLabels: map[string]string{"gpu": "h100"}}}}}
	r, err := Schedule(spec, Input{Candidates: cands})
	if err != nil {
		t.Fatal(err)
	}
	want := []Excluded{{Name: "a", Filter: FilterPredicate}, {Name: "b", Filter: FilterTaintToleration}}
	if !slices.Equal(r.Excluded, want) || !slices.Equal(r.Selected, []string{"c"}) {
		t.Errorf("excluded %v selected %v, want %v and [c]", r.Excluded, r.Selected, want)
	}
}

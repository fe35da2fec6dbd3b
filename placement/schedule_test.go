// Test comments cite the rule each case checks by repository and path: "ocm" is the repository
// open-cluster-management-io/ocm, "api" is open-cluster-management-io/api.

package placement

import (
	"errors"
	"slices"
	"testing"
)

// table is a map-backed Scores for tests, keyed by candidate, resource, score name.
type table map[[3]string]Score

func (t table) Score(c, r, s string, _ float64) (Score, bool) {
	v, ok := t[[3]string{c, r, s}]
	return v, ok
}

func names(ns ...string) []Candidate {
	out := make([]Candidate, len(ns))
	for i, n := range ns {
		out[i] = Candidate{Name: n}
	}
	return out
}

func addOn(resource, score string, w int) PrioritizerConfig {
	return PrioritizerConfig{Coordinate: Coordinate{Type: CoordinateAddOn, Resource: resource, ScoreName: score}, Weight: w}
}

func builtIn(name string, w int) PrioritizerConfig {
	return PrioritizerConfig{Coordinate: Coordinate{BuiltIn: name}, Weight: w}
}

func totals(r Result) map[string]int {
	out := map[string]int{}
	for _, k := range r.Ranking {
		out[k.Name] = k.Total
	}
	return out
}

func prioNames(r Result) []string {
	var out []string
	for _, p := range r.Prioritizers {
		out = append(out, p.Name)
	}
	return out
}

// powerScores: add-on resource "power", score "headroom": a 90, b 10, c 50, all valid forever.
var powerScores = table{
	{"a", "power", "headroom"}: {Value: 90},
	{"b", "power", "headroom"}: {Value: 10},
	{"c", "power", "headroom"}: {Value: 50},
}

func TestSchedule(t *testing.T) {
	tests := []struct {
		name     string
		spec     Spec
		in       Input
		selected []string
		totals   map[string]int
		prios    []string
		unsched  int
		reason   string
	}{
		{
			// open-cluster-management-io/ocm pkg/placement/plugins/balance/balance.go: a candidate
			// not in other placements' decisions scores 100; one selected count times, with
			// maxCount 3, scores 2*int64(100*(0.5-count/3)): 3 → -100, 2 → 2*int(-16.67) = -32,
			// 1 → 2*int(16.67) = 32. This placement's own decisions (Own) are not counted.
			// Ties (b, c at 32) by name (controllers/scheduling/schedule.go sort).
			name: "balance alone",
			spec: Spec{NumberOfClusters: 3, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{builtIn(Balance, 1)}}},
			in: Input{Candidates: names("a", "b", "c", "d", "e"), Current: Current{
				Own: []string{"a", "d"},
				Others: []PlacementDecisions{
					{Placement: "p1", Selected: []string{"a", "b", "e"}},
					{Placement: "p2", Selected: []string{"a", "e"}},
					{Placement: "p3", Selected: []string{"a", "c"}},
				}}},
			selected: []string{"d", "b", "c"},
			totals:   map[string]int{"a": -100, "b": 32, "c": 32, "d": 100, "e": -32},
			prios:    []string{Balance},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm pkg/placement/plugins/steady/steady.go: 100 for a candidate in this placement's
			// existing decisions, 0 otherwise; b and c tie at 100, by name b first.
			name: "steady alone",
			spec: Spec{NumberOfClusters: 1, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{builtIn(Steady, 1)}}},
			in: Input{Candidates: names("a", "c", "b"), Current: Current{Own: []string{"c", "b"},
				Others: []PlacementDecisions{{Selected: []string{"b"}}}}},
			selected: []string{"b"},
			totals:   map[string]int{"a": 0, "b": 100, "c": 100},
			prios:    []string{Steady},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm pkg/placement/controllers/scheduling/schedule.go getWeights/mergeWeights and
			// open-cluster-management-io/api cluster/v1beta1/types_placement.go PrioritizerPolicy:
			// Additive keeps Balance 1 and Steady 1 and adds the add-on: a 100+0+90 = 190,
			// b 100+100+10 = 210, c 100+0+50 = 150 → b.
			name: "additive adds the defaults",
			spec: Spec{NumberOfClusters: 1, Prioritizers: PrioritizerPolicy{Mode: Additive,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}},
			in:       Input{Candidates: names("a", "b", "c"), Current: Current{Own: []string{"b"}}, Scores: powerScores},
			selected: []string{"b"},
			totals:   map[string]int{"a": 190, "b": 210, "c": 150},
			prios:    []string{Balance, Steady, "AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm pkg/placement/controllers/scheduling/schedule.go getWeights (Exact: mergeWeights(nil,
			// ...)) and api cluster/v1beta1/types_placement.go ("In Exact mode, any prioritizer not
			// explicitly enumerated is weighted as zero"). Same input as above: only the add-on
			// counts → a (90), not b.
			name: "exact uses only the configured",
			spec: Spec{NumberOfClusters: 1, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}},
			in:       Input{Candidates: names("a", "b", "c"), Current: Current{Own: []string{"b"}}, Scores: powerScores},
			selected: []string{"a"},
			totals:   map[string]int{"a": 90, "b": 10, "c": 50},
			prios:    []string{"AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// The empty mode is Additive (schedule.go getWeights: mode == "" falls with Additive);
			// a configured Steady weight 0 overrides the default 1 and disables it
			// (getPrioritizers skips weight 0): a 190, b 110, c 150 → a.
			name: "empty mode is additive; weight 0 disables a default",
			spec: Spec{NumberOfClusters: 1, Prioritizers: PrioritizerPolicy{
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 1), builtIn(Steady, 0)}}},
			in:       Input{Candidates: names("a", "b", "c"), Current: Current{Own: []string{"b"}}, Scores: powerScores},
			selected: []string{"a"},
			totals:   map[string]int{"a": 190, "b": 110, "c": 150},
			prios:    []string{Balance, "AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// api types_placement.go PrioritizerConfig.Weight: "A negative weight indicates wants
			// to select the last ones". Exact, headroom weight -2: a -180, b -20, c -100 → b, c.
			name: "negative weight prefers the lowest score",
			spec: Spec{NumberOfClusters: 2, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", -2)}}},
			in:       Input{Candidates: names("a", "b", "c"), Scores: powerScores},
			selected: []string{"b", "c"},
			totals:   map[string]int{"a": -180, "b": -20, "c": -100},
			prios:    []string{"AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// Additive with Steady -10 (mergeWeights overrides the default 1) and headroom 1:
			// a 100+0+90 = 190, b 100-1000+10 = -890, c 100+0+50 = 150 → the current choice b is
			// pushed to the bottom.
			name: "negative steady repels the current decision",
			spec: Spec{Prioritizers: PrioritizerPolicy{Mode: Additive,
				Configurations: []PrioritizerConfig{builtIn(Steady, -10), addOn("power", "headroom", 1)}}},
			in:       Input{Candidates: names("a", "b", "c"), Current: Current{Own: []string{"b"}}, Scores: powerScores},
			selected: []string{"a", "c", "b"},
			totals:   map[string]int{"a": 190, "b": -890, "c": 150},
			prios:    []string{Balance, Steady, "AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// Weights at the bounds ±10 are accepted (api cluster/v1beta1/types_placement.go Minimum -10,
			// Maximum 10): a 900-900 = 0, b 100-100 = 0, c 500-500 = 0; all tie → by name.
			name: "weights at the bounds",
			spec: Spec{Prioritizers: PrioritizerPolicy{Mode: Exact, Configurations: []PrioritizerConfig{
				addOn("power", "headroom", 10), addOn("power", "headroom", -10)}}},
			in:       Input{Candidates: names("c", "b", "a"), Scores: powerScores},
			selected: []string{"a", "b", "c"},
			totals:   map[string]int{"a": 0, "b": 0, "c": 0},
			prios:    []string{"AddOn/power/headroom", "AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm schedule.go mergeWeights keys by ScoreCoordinate, whose AddOn field is a pointer:
			// two entries naming the same add-on score are two prioritizers and both count
			// (a 2*90, b 2*10, c 2*50); a repeated built-in overrides (Balance 1 then 0 → off).
			name: "repeated add-on counts twice, repeated built-in overrides",
			spec: Spec{NumberOfClusters: 1, Prioritizers: PrioritizerPolicy{Mode: Exact, Configurations: []PrioritizerConfig{
				builtIn(Balance, 1), addOn("power", "headroom", 1), addOn("power", "headroom", 1), builtIn(Balance, 0)}}},
			in:       Input{Candidates: names("a", "b", "c"), Scores: powerScores},
			selected: []string{"a"},
			totals:   map[string]int{"a": 180, "b": 20, "c": 100},
			prios:    []string{"AddOn/power/headroom", "AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm pkg/placement/plugins/addon/addon.go: default score 0; no AddOnPlacementScore
			// (b) → 0; validUntil set and now.After(validUntil) (d: 49.9 < 50) → 0 and a warning;
			// validUntil == now (e) is not After → still valid; no validUntil (c) never expires.
			// Totals: e 60, a 40, b 0, d 0, c -30; b and d tie, by name b. A missing score is 0, not a
			// filter: b beats c.
			name: "missing and expired scores count 0",
			spec: Spec{NumberOfClusters: 3, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}},
			in: Input{Candidates: names("a", "b", "c", "d", "e"), Now: 50, Scores: table{
				{"a", "power", "headroom"}: {Value: 40, Expires: true, ValidUntil: 100},
				{"c", "power", "headroom"}: {Value: -30},
				{"d", "power", "headroom"}: {Value: 80, Expires: true, ValidUntil: 49.9},
				{"e", "power", "headroom"}: {Value: 60, Expires: true, ValidUntil: 50},
				{"b", "power", "other"}:    {Value: 100},
			}},
			selected: []string{"e", "a", "b"},
			totals:   map[string]int{"a": 40, "b": 0, "c": -30, "d": 0, "e": 60},
			prios:    []string{"AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// addon.go with no scores at all (nil Scores): every candidate 0; ties by name.
			name: "nil scores",
			spec: Spec{NumberOfClusters: 2, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 5)}}},
			in:       Input{Candidates: names("b", "a", "c")},
			selected: []string{"a", "b"},
			totals:   map[string]int{"a": 0, "b": 0, "c": 0},
			prios:    []string{"AddOn/power/headroom"},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm schedule.go step 4: sort.SliceStable by score, equal scores by name with Go's
			// string < (byte order): "Node3" < "node10" < "node2". Exact with no configurations
			// runs no prioritizer, so every total is 0.
			name:     "ties by name in byte order",
			spec:     Spec{NumberOfClusters: 2, Prioritizers: PrioritizerPolicy{Mode: Exact}},
			in:       Input{Candidates: names("node2", "node10", "Node3")},
			selected: []string{"Node3", "node10"},
			totals:   map[string]int{"Node3": 0, "node10": 0, "node2": 0},
			reason:   ReasonAllScheduled,
		},
		{
			// ocm schedule.go selectClusters truncates only when numberOfClusters is smaller; the
			// rest is unscheduled (numberOfClusters − decisions) and scheduling_controller.go
			// newSatisfiedCondition reports NotAllDecisionsScheduled.
			name: "numberOfClusters larger than the feasible set",
			spec: Spec{NumberOfClusters: 5, Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}},
			in:       Input{Candidates: names("a", "b", "c"), Scores: powerScores},
			selected: []string{"a", "c", "b"},
			totals:   map[string]int{"a": 90, "b": 10, "c": 50},
			prios:    []string{"AddOn/power/headroom"},
			unsched:  2,
			reason:   ReasonNotAllScheduled,
		},
		{
			// ocm pkg/placement/plugins/predicate/predicate.go: no candidate matches the claim
			// selector → nothing feasible; newSatisfiedCondition: NoManagedClusterMatched.
			name: "predicate filters everything",
			spec: Spec{NumberOfClusters: 2, Predicates: []Predicate{{Claims: ClaimSelector{
				MatchExpressions: []Requirement{{Key: "mig.layout", Operator: In, Values: []string{"3g.40gb-x2"}}}}}}},
			in:       Input{Candidates: names("a", "b"), Scores: powerScores},
			selected: []string{},
			totals:   map[string]int{},
			prios:    []string{Balance, Steady},
			unsched:  2,
			reason:   ReasonNoMatch,
		},
		{
			// scheduling_controller.go newSatisfiedCondition: no clusters at all →
			// AllManagedClusterSetsEmpty.
			name:     "no candidates",
			spec:     Spec{},
			in:       Input{},
			selected: []string{},
			totals:   map[string]int{},
			prios:    []string{Balance, Steady},
			reason:   ReasonNoCandidates,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Schedule(tc.spec, tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(r.Selected, tc.selected) {
				t.Errorf("selected %v, want %v", r.Selected, tc.selected)
			}
			got := totals(r)
			if len(got) != len(tc.totals) {
				t.Errorf("totals %v, want %v", got, tc.totals)
			}
			for n, w := range tc.totals {
				if got[n] != w {
					t.Errorf("total of %s = %d, want %d", n, got[n], w)
				}
			}
			if !slices.Equal(prioNames(r), tc.prios) {
				t.Errorf("prioritizers %v, want %v", prioNames(r), tc.prios)
			}
			if r.Unscheduled != tc.unsched {
				t.Errorf("unscheduled %d, want %d", r.Unscheduled, tc.unsched)
			}
			if r.Reason != tc.reason {
				t.Errorf("reason %s, want %s", r.Reason, tc.reason)
			}
			if r.Satisfied() != (tc.reason == ReasonAllScheduled) {
				t.Errorf("Satisfied() = %v with reason %s", r.Satisfied(), r.Reason)
			}
		})
	}
}

// TestScheduleStates checks the per-candidate explanation of missing and expired add-on scores
// (ocm pkg/placement/plugins/addon/addon.go: both give 0; only expiry raises a warning).
func TestScheduleStates(t *testing.T) {
	spec := Spec{Prioritizers: PrioritizerPolicy{Mode: Exact, Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}}
	in := Input{Candidates: names("a", "b", "d"), Now: 50, Scores: table{
		{"a", "power", "headroom"}: {Value: 40, Expires: true, ValidUntil: 100},
		{"d", "power", "headroom"}: {Value: 80, Expires: true, ValidUntil: 49.9},
	}}
	r, err := Schedule(spec, in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		score int
		state ScoreState
	}{"a": {40, ScoreSet}, "b": {0, ScoreMissing}, "d": {0, ScoreExpired}}
	for _, k := range r.Ranking {
		w := want[k.Name]
		if k.Scores[0] != w.score || k.States[0] != w.state {
			t.Errorf("%s: score %d (%v), want %d (%v)", k.Name, k.Scores[0], k.States[0], w.score, w.state)
		}
	}
	if len(r.Warnings) != 1 {
		t.Errorf("warnings %q, want one (for d)", r.Warnings)
	}
}

// TestResourceAllocatable: ocm pkg/placement/plugins/resource/resource.go, score =
// int((ratio − 0.5) × 2 × 100) with ratio = (alloc − min)/(max − min) over the candidates that state
// allocatable and capacity: 2 → -100, 3 → int(-66.67) = -66, 5 → 0, 8 → 100; "nocap" states no
// capacity and gets no score (0); equal allocatable everywhere gives 100.
func TestResourceAllocatable(t *testing.T) {
	cand := func(n string, alloc float64, withCap bool) Candidate {
		c := Candidate{Name: n, Allocatable: map[string]float64{ResourceCPU: alloc, ResourceMemory: 64}}
		if withCap {
			c.Capacity = map[string]float64{ResourceCPU: 16, ResourceMemory: 64}
		}
		return c
	}
	in := Input{Candidates: []Candidate{cand("n2", 2, true), cand("n3", 3, true), cand("n5", 5, true),
		cand("n8", 8, true), cand("nocap", 16, false)}}
	tests := []struct {
		name   string
		prio   string
		totals map[string]int
		first  string
	}{
		{"cpu", ResourceAllocatableCPU, map[string]int{"n2": -100, "n3": -66, "n5": 0, "n8": 100, "nocap": 0}, "n8"},
		{"memory all equal", ResourceAllocatableMemory, map[string]int{"n2": 100, "n3": 100, "n5": 100, "n8": 100, "nocap": 0}, "n2"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Schedule(Spec{Prioritizers: PrioritizerPolicy{Mode: Exact,
				Configurations: []PrioritizerConfig{builtIn(tc.prio, 1)}}}, in)
			if err != nil {
				t.Fatal(err)
			}
			got := totals(r)
			for n, w := range tc.totals {
				if got[n] != w {
					t.Errorf("%s: %d, want %d", n, got[n], w)
				}
			}
			if r.Selected[0] != tc.first {
				t.Errorf("first %s, want %s", r.Selected[0], tc.first)
			}
			for _, k := range r.Ranking {
				if (k.Name == "nocap") != (k.States[0] == ScoreMissing) {
					t.Errorf("%s: state %v", k.Name, k.States[0])
				}
			}
		})
	}
}

// TestScheduleErrors: what OCM refuses (CRD validation or a Misconfigured status) is refused with
// the matching sentinel and no decision.
func TestScheduleErrors(t *testing.T) {
	exact := func(c ...PrioritizerConfig) Spec {
		return Spec{Prioritizers: PrioritizerPolicy{Mode: Exact, Configurations: c}}
	}
	pred := func(r Requirement) Spec {
		return Spec{Predicates: []Predicate{{Labels: LabelSelector{MatchExpressions: []Requirement{r}}}}}
	}
	tol := func(t Toleration) Spec { return Spec{Tolerations: []Toleration{t}} }
	ok := Input{Candidates: names("a", "b")}
	tests := []struct {
		name string
		spec Spec
		in   Input
		want error
	}{
		// api cluster/v1beta1/types_placement.go PrioritizerConfig.Weight: Minimum -10, Maximum 10.
		{"weight 11", exact(builtIn(Balance, 11)), ok, ErrWeight},
		{"weight -11", exact(addOn("power", "headroom", -11)), ok, ErrWeight},
		// ocm controllers/scheduling/schedule.go getWeights: "incorrect prioritizer policy mode".
		{"unknown mode", Spec{Prioritizers: PrioritizerPolicy{Mode: "Sum"}}, ok, ErrMode},
		// schedule.go getPrioritizers: "incorrect builtin prioritizer".
		{"unknown built-in", exact(builtIn("Random", 1)), ok, ErrCoordinate},
		// types_placement.go ScoreCoordinate.Type enum BuiltIn;AddOn and AddOnScore required fields.
		{"unknown type", exact(PrioritizerConfig{Coordinate: Coordinate{Type: "Plugin"}, Weight: 1}), ok, ErrCoordinate},
		{"add-on without score name", exact(addOn("power", "", 1)), ok, ErrCoordinate},
		// Kubernetes labels.NewRequirement, called by ocm helpers.NewClusterSelector.
		{"In without values", pred(Requirement{Key: "k", Operator: In}), ok, ErrSelector},
		{"Exists with values", pred(Requirement{Key: "k", Operator: Exists, Values: []string{"v"}}), ok, ErrSelector},
		{"unknown operator", pred(Requirement{Key: "k", Operator: "Gt", Values: []string{"1"}}), ok, ErrSelector},
		{"claim NotIn without values", Spec{Predicates: []Predicate{{Claims: ClaimSelector{
			MatchExpressions: []Requirement{{Key: "k", Operator: NotIn}}}}}}, ok, ErrSelector},
		// ocm plugins/tainttoleration/taint_toleration.go Filter's Misconfigured checks; CRD effect enum.
		{"empty key with Equal", tol(Toleration{Value: "v"}), ok, ErrToleration},
		{"Exists with value", tol(Toleration{Key: "k", Operator: TolerationExists, Value: "v"}), ok, ErrToleration},
		{"unknown effect", tol(Toleration{Key: "k", Effect: "NoExecute"}), ok, ErrToleration},
		{"unknown toleration operator", tol(Toleration{Key: "k", Operator: "In"}), ok, ErrToleration},
		// Our own guards (OCM would slice with a negative length).
		{"negative number", Spec{NumberOfClusters: -1}, ok, ErrNumber},
		{"empty name", Spec{}, Input{Candidates: names("a", "")}, ErrCandidate},
		{"duplicate name", Spec{}, Input{Candidates: names("a", "a")}, ErrCandidate},
		// api cluster/v1alpha1 AddOnPlacementScore CRD: value minimum -100, maximum 100.
		{"score 101", exact(addOn("power", "headroom", 1)), Input{Candidates: names("a"),
			Scores: table{{"a", "power", "headroom"}: {Value: 101}}}, ErrScore},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := Schedule(tc.spec, tc.in)
			if !errors.Is(err, tc.want) {
				t.Fatalf("error %v, want %v", err, tc.want)
			}
			if r.Selected != nil || r.Ranking != nil {
				t.Errorf("a refused spec returned a decision: %+v", r)
			}
		})
	}
}

// TestScheduleAccepted: what OCM lets through must not be refused.
func TestScheduleAccepted(t *testing.T) {
	tests := []struct {
		name string
		spec Spec
	}{
		// schedule.go getPrioritizers skips weight 0 before checking the built-in name.
		{"unknown built-in at weight 0", Spec{Prioritizers: PrioritizerPolicy{Configurations: []PrioritizerConfig{builtIn("Random", 0)}}}},
		// The empty coordinate type is BuiltIn (types_placement.go default).
		{"bounds", Spec{Prioritizers: PrioritizerPolicy{Mode: Exact, Configurations: []PrioritizerConfig{
			builtIn(Balance, 10), builtIn(Steady, -10)}}}},
		// taint_toleration.go: an empty key with Exists tolerates everything.
		{"empty key Exists", Spec{Tolerations: []Toleration{{Operator: TolerationExists}}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Schedule(tc.spec, Input{Candidates: names("a")}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestScheduleOrderIndependent: the result depends on the candidates, not on their order.
func TestScheduleOrderIndependent(t *testing.T) {
	spec := Spec{NumberOfClusters: 2, Prioritizers: PrioritizerPolicy{Configurations: []PrioritizerConfig{addOn("power", "headroom", 1)}}}
	in := Input{Candidates: names("c", "a", "b"), Current: Current{Own: []string{"c"}}, Scores: powerScores}
	r1, err := Schedule(spec, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Candidates = names("b", "c", "a")
	r2, err := Schedule(spec, in)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r1.Selected, r2.Selected) || !slices.EqualFunc(r1.Ranking, r2.Ranking, func(x, y Ranked) bool {
		return x.Name == y.Name && x.Total == y.Total && slices.Equal(x.Scores, y.Scores)
	}) {
		t.Errorf("order changed the result: %+v vs %+v", r1, r2)
	}
	// DecisionNames sorts by name, as OCM's PlacementDecision lists them.
	if got := r1.DecisionNames(); !slices.Equal(got, []string{"a", "c"}) {
		t.Errorf("DecisionNames %v", got)
	}
}

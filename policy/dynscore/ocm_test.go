package dynscore_test

import (
	"reflect"
	"testing"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
)

// headroom is the add-on coordinate of the test scorer's per-node score.
var headroom = placement.Coordinate{Type: placement.CoordinateAddOn, Resource: "headroom", ScoreName: dynscore.NodeDimension}

func cfgs(cs ...placement.PrioritizerConfig) []placement.PrioritizerConfig { return cs }

func addOn(w int) placement.PrioritizerConfig {
	return placement.PrioritizerConfig{Coordinate: headroom, Weight: w}
}

func builtIn(name string, w int) placement.PrioritizerConfig {
	return placement.PrioritizerConfig{Coordinate: placement.Coordinate{BuiltIn: name}, Weight: w}
}

// TestOCMSelectionEndToEnd runs the method on three nodes (a: DU, CU-UP and the small model; b: the
// large model; c: empty) with a scorer giving the per-node score "headroom" a 10, b 60, c 90 every
// 5 s, and checks the first epoch's decision (t = 5 s, right after the scorer's first call) against
// totals computed by hand with OCM's rules (docs/placement.md): Σ weight × score, Balance counting
// the other AI instance's node, Steady the instance's own, ties by name. The small model (instance
// 2) decides first; the large one (instance 3) only when the small one stays (one move per epoch).
func TestOCMSelectionEndToEnd(t *testing.T) {
	cases := []struct {
		name  string
		mode  placement.Mode
		cfgs  []placement.PrioritizerConfig
		score string // the scorer's score name ("headroom" unless testing a missing score)
		want  sim.Plan
	}{
		// small: a 10, b 60, c 90 → c.
		{"exact", placement.Exact, cfgs(addOn(1)), "headroom", sim.Plan{sim.Migrate{Instance: 2, To: 2}}},
		// small: a −10, b −60, c −90 → a (stays); large: a −10, b −60, c −90 → a.
		{"exact-negative", placement.Exact, cfgs(addOn(-1)), "headroom", sim.Plan{sim.Migrate{Instance: 3, To: 0}}},
		// small: a 100+100+10 = 210, b −100+0+60 = −40, c 100+0+90 = 190 → a;
		// large: a −100+0+10 = −90, b 100+100+60 = 260, c 100+0+90 = 190 → b. No move.
		{"additive", placement.Additive, cfgs(addOn(1)), "headroom", nil},
		// small: a 100+100+30 = 230, b −100+0+180 = 80, c 100+0+270 = 370 → c.
		{"additive-x3", placement.Additive, cfgs(addOn(3)), "headroom", sim.Plan{sim.Migrate{Instance: 2, To: 2}}},
		// Steady disabled: small: a 100+10 = 110, b −100+60 = −40, c 100+90 = 190 → c.
		{"additive-no-steady", placement.Additive, cfgs(builtIn(placement.Steady, 0), addOn(1)), "headroom", sim.Plan{sim.Migrate{Instance: 2, To: 2}}},
		// Missing scores count 0: every total 0, ties by name: small → a (stays), large → a.
		{"missing", placement.Exact, cfgs(addOn(1)), "other", sim.Plan{sim.Migrate{Instance: 3, To: 0}}},
		// Balance alone: small: a 100, b −100, c 100 → a; large: a −100, b 100, c 100 → b. No move.
		{"balance", placement.Exact, cfgs(builtIn(placement.Balance, 1)), "headroom", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			sc := &fixed{name: "headroom-scorer", score: tc.score, interval: 5, values: map[string]float64{"a": 10, "b": 60, "c": 90}}
			spec := placement.Spec{Prioritizers: placement.PrioritizerPolicy{Mode: tc.mode, Configurations: tc.cfgs}}
			l, _, st, _ := run(t, three(), aiLoad(20, 0.5, 1), dynscore.Options{Scorers: []scoring.Scorer{sc}, Placement: &spec}, nil)
			var got sim.Plan
			if len(l.plans) > 0 && l.plans[0].t == 5 {
				got = l.plans[0].plan
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("first epoch's plan %v, want %v (all plans %v)", got, tc.want, l.plans)
			}
			if st.Rejected != 0 {
				t.Errorf("%d actions rejected: %s", st.Rejected, st.RejectionSummary())
			}
			if sc.calls == 0 || l.Hub().Stats()[0].Stored == 0 {
				t.Errorf("scorer called %d times, stored %+v", sc.calls, l.Hub().Stats())
			}
		})
	}
}

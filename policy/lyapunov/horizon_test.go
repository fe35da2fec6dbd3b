package lyapunov_test

import (
	"context"
	"math"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/lyapunov"
	"github.com/airansim/airansim/sim"
)

// TestHorizonMovesTheLLM checks the horizon variant against the hand computation of twoLLMs
// (Ĉ = 300 TFLOP/s, T = 5 s, W = H·T, J = H·D_W + V·P, P = R_s·d, d = a + Q/T = 2.75):
//   - H = 1 (the paper's reading): no-op μ = 0.5 each, D = 2·10·(0.75 − 0.5) = 5, J = 5; moving an
//     LLM leaves it unserved all slot (R_s = 8 s > T) while the other gets μ = 1: D = 10·0.75 −
//     10·0.25 = 5, P = 8·2.75 = 22, J = 27: no move.
//   - H = 3 (W = 15 s): no-op J = 3·5 = 15; the mover gets μ = min(7/15, 10/15 + 0.75) = 7/15, the
//     other 1: D = 10·(0.75 − 7/15) − 2.5 = 1/3, J = 1 + 22 = 23: no move.
//   - H = 4 (W = 20 s, HorizonSlots): no-op J = 20; μ = min(12/20, 0.5 + 0.75) = 0.6 and 1: D =
//     1.5 − 2.5 = −1, J = −4 + 22 = 18 < 20: the first LLM moves to node 1.
func TestHorizonMovesTheLLM(t *testing.T) {
	move := &sim.Migrate{Instance: 0, To: 1}
	for _, tc := range []struct {
		horizon      int
		name         string
		noop, onMove float64
		want         []sim.Migrate
	}{
		{0, lyapunov.Name, 5, 27, nil},
		{1, lyapunov.Name, 5, 27, nil},
		{3, lyapunov.HorizonName, 15, 23, nil},
		{lyapunov.HorizonSlots, lyapunov.HorizonName, 20, 18, []sim.Migrate{*move}},
	} {
		p := newPolicy(t, lyapunov.Options{Horizon: tc.horizon})
		if p.Name() != tc.name {
			t.Errorf("H = %d: name %q, want %q", tc.horizon, p.Name(), tc.name)
		}
		s := twoLLMs()
		for _, c := range []struct {
			m    *sim.Migrate
			want float64
		}{{nil, tc.noop}, {move, tc.onMove}} {
			if got := p.Objective(s, c.m); math.Abs(got-c.want) > 1e-9 {
				t.Errorf("H = %d: Objective(%v) = %.12g, want %g", tc.horizon, c.m, got, c.want)
			}
		}
		got, err := p.Decide(context.Background(), s, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, sim.PlanOf(tc.want)) {
			t.Errorf("H = %d: Decide = %v, want %v", tc.horizon, got, tc.want)
		}
	}
}

// TestHorizonOneIsThePaperReading: Horizon 1 gives the same objective as the default on the
// hotspot of TestObjective for every candidate.
func TestHorizonOneIsThePaperReading(t *testing.T) {
	a, b, s := newPolicy(t, lyapunov.Options{}), newPolicy(t, lyapunov.Options{Horizon: 1}), hotspot()
	for _, m := range []*sim.Migrate{nil, {Instance: 0, To: 1}, {Instance: 1, To: 1}} {
		if x, y := a.Objective(s, m), b.Objective(s, m); x != y {
			t.Errorf("Objective(%v): default %v, Horizon 1 %v", m, x, y)
		}
	}
}

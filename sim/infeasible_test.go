package sim_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// TestRANInfeasibleCountsOnlyRealExcess runs one RAN-only request on a node of 1 TFLOP/s and 1 core
// (deadline 1 s). At its arrival the DU's GPU floor is its work over its slack, Φ^g/(τ − Φ^c_CU/C);
// with no CU-UP work that is Φ^g/1 s, so Φ^g sets how far the floor exceeds the capacity. An excess of
// 1e-12 relative is rounding (Stats.RANRounding), not counted as RAN-infeasible; 1 % is. A slack already negative
// (CU-UP work of 2 core-s: −1 s at the DU) is infeasible even with a tiny floor, and the CU-UP's floor
// 2 cores / (1 − 1e-9 s) then exceeds its one core: two events.
func TestRANInfeasibleCountsOnlyRealExcess(t *testing.T) {
	tests := []struct {
		name       string
		du, cu     sim.Work
		infeasible int64 // Stats.RANInfeasible
		rounding   int64 // Stats.RANRounding
	}{
		{"floors 1e-12 above capacity", sim.Work{GPU: 1 + 1e-12}, sim.Work{}, 0, 1},
		{"floors 1 % above capacity", sim.Work{GPU: 1.01}, sim.Work{}, 1, 0},
		{"floors 1 % below capacity", sim.Work{GPU: 0.99}, sim.Work{}, 0, 0},
		{"negative slack", sim.Work{GPU: 1e-9}, sim.Work{CPU: 2}, 2, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := oneNode(1, 1, 80)
			cfg.Source = newGen(1, 1, func(int, float64, *rand.Rand) (sim.Request, float64) {
				return sim.Request{Class: sim.URLLC, Deadline: 1, DU: tc.du, CU: tc.cu}, 0
			})
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.Run(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if st.RANInfeasible != tc.infeasible || st.RANRounding != tc.rounding {
				t.Errorf("RAN-infeasible %d, rounding %d; want %d and %d", st.RANInfeasible, st.RANRounding, tc.infeasible, tc.rounding)
			}
		})
	}
}

package sim_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// ranWithAI alternates AI requests (50 TFLOP, 1 core-s, deadline 2 s: an overload of 5× the GPU and
// 2.5× the CPU of the one-node configuration, so the AI instance's urgency dominates and the RAN
// instances get little more than their floors) with URLLC requests of the given DU and CU-UP work
// (deadline 1 ms), one every 0.05 s: n/2 of each, URLLC arriving at 0.05 + 0.1k s.
func ranWithAI(n int, du, cu sim.Work) *genSource {
	return newGen(n, 5, func(i int, _ float64, _ *rand.Rand) (sim.Request, float64) {
		if i%2 == 0 {
			return sim.Request{Class: sim.AI, Service: 2, Deadline: 2, AIWork: sim.Work{GPU: 50, CPU: 1}}, 0.05
		}
		return sim.Request{Class: sim.URLLC, Deadline: 1e-3, DU: du, CU: cu}, 0.05
	})
}

// TestRANFloorsCoverBothPhases checks the RAN floors of eq. (15) when a DU also has CPU work or a
// CU-UP also has GPU work: every URLLC request meets its 1 ms deadline next to an overloaded AI
// instance (HAF allocator, one node of 100 TFLOP/s and 8 cores), and the DU's GPU floor when a
// request arrives at an idle DU equals the hand-computed value.
//
// Hand computation (G = 100 TFLOP/s, C = 8 cores, hops 0, τ = 1 ms). The slack left after the
// downstream CU-UP (at whole-node rates) is S = τ − α̂^down; it is split between the DU's GPU and CPU
// phases in proportion to their whole-node times t_g = Φ^g/G and t_c = Φ^c/C, so the GPU floor is
// Φ^g / (S·t_g/(t_g+t_c)) = G·(t_g+t_c)/S.
//   - DU {0.01 TFLOP, 1e-4 core-s}, CU {5e-5 core-s}: t_g = 1e-4, t_c = 1.25e-5, α̂^down = 6.25e-6,
//     S = 9.9375e-4, floor = 100·1.125e-4/9.9375e-4 = 11.320754716981132 TFLOP/s.
//   - DU {0.01 TFLOP}, CU {0.002 TFLOP, 5e-5 core-s}: t_c = 0, α̂^down = 2e-5 + 6.25e-6 = 2.625e-5,
//     S = 9.7375e-4, floor = 0.01/9.7375e-4 = 10.269576379974326 TFLOP/s.
//   - DU {0.01 TFLOP}, CU {5e-5 core-s} (no second phase): S = 9.9375e-4, floor = 10.062893081761006.
//
// The other phase's floor, when its queue fills at t for a request that arrived at a, is its work
// over the time left for it: the DU's CPU phase Φ^c/(a + τ − α̂^down − t); the CU-UP's GPU phase
// Φ^g/((a + τ − t)·t_g/(t_g+t_c)) with t_g = 2e-5, t_c = 6.25e-6; a CU-UP's CPU phase Φ^c/(a + τ − t).
func TestRANFloorsCoverBothPhases(t *testing.T) {
	tests := []struct {
		name    string
		du, cu  sim.Work
		duFloor float64 // DU GPU floor at an arrival at an idle DU, TFLOP/s
		// second names the instance and resource of the other phase and its floor, by hand, when its
		// queue becomes non-empty at t for a request that arrived at a.
		inst, res int
		second    func(a, t float64) float64
	}{
		{"DU with CPU work", sim.Work{GPU: 0.01, CPU: 1e-4}, sim.Work{CPU: 5e-5}, 11.320754716981132,
			0, 1, func(a, t float64) float64 { return 1e-4 / (a + 1e-3 - 6.25e-6 - t) }},
		{"CU-UP with GPU work", sim.Work{GPU: 0.01}, sim.Work{GPU: 0.002, CPU: 5e-5}, 10.269576379974326,
			1, 0, func(a, t float64) float64 { return 0.002 / ((a + 1e-3 - t) * 2e-5 / 2.625e-5) }},
		{"one phase each", sim.Work{GPU: 0.01}, sim.Work{CPU: 5e-5}, 10.062893081761006,
			1, 1, func(a, t float64) float64 { return 5e-5 / (a + 1e-3 - t) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := oneNode(100, 8, 80)
			cfg.Allocator = allocator.HAF{}
			cfg.Source = ranWithAI(100, tc.du, tc.cu)
			sink := &collect{}
			cfg.Sink = sink
			checked, idle, idle2, a := 0, true, true, 0.0
			cfg.AfterEvent = func(s *sim.Sim) {
				snap := s.Snapshot()
				du, in := snap.Instances[0], snap.Instances[tc.inst]
				if busy := du.BacklogGPU > 0; busy && idle {
					checked, a = checked+1, s.Now() // a URLLC arrival
					if math.Abs(du.Floor[0]-tc.duFloor) > 1e-12*tc.duFloor {
						t.Errorf("t=%g: DU GPU floor %.17g, want %.17g", s.Now(), du.Floor[0], tc.duFloor)
					}
				}
				idle = du.BacklogGPU == 0
				backlog := [2]float64{in.BacklogGPU, in.BacklogCPU}[tc.res]
				if busy := backlog > 0; busy && idle2 {
					if want := tc.second(a, s.Now()); math.Abs(in.Floor[tc.res]-want) > 1e-9*want {
						t.Errorf("t=%g: second-phase floor %.17g, want %.17g", s.Now(), in.Floor[tc.res], want)
					}
				}
				idle2 = backlog == 0
			}
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			met, n, aiMet := 0, 0, 0
			for _, r := range sink.recs {
				switch {
				case r.Class == sim.URLLC:
					n++
					if r.Met() {
						met++
					}
				case r.Met():
					aiMet++
				}
			}
			if n != 50 || met != n || checked != n {
				t.Errorf("URLLC met %d of %d (want all 50); DU floor checked at %d arrivals", met, n, checked)
			}
			if aiMet == 50 {
				t.Errorf("all AI requests met: the AI instance is not overloaded, the test is vacuous")
			}
		})
	}
}

// TestRANMargin checks the floors' safety margin (Config.RANMargin, RANGuard) next to an overloaded AI
// instance, DU {0.01 TFLOP}, CU-UP {5e-5 core-s}, τ = 1 ms, S = τ − α̂^down = 9.9375e-4 s (see
// TestRANFloorsCoverBothPhases). By hand: the DU's GPU floor at an idle DU is 0.01/((1−m)·S − g); the
// DU finishes by t1 = a + (1−m)·S − g at the latest, the CU-UP then plans (1−m)·(a + τ − t1) − g, so
// every latency is at most m·((1−m)·S − g) + (1−m)·τ − g: with a margin, RAN requests meet their
// deadlines without the 1 ns tolerance (MetTolerance).
func TestRANMargin(t *testing.T) {
	const tau, S = 1e-3, 9.9375e-4
	for _, tc := range []struct{ m, g float64 }{{0, 0}, {0.2, 0}, {0.1, 1e-4}, {0, 5e-5}} {
		cfg := oneNode(100, 8, 80)
		cfg.Allocator, cfg.RANMargin, cfg.RANGuard = allocator.HAF{}, tc.m, tc.g
		cfg.Source = ranWithAI(100, sim.Work{GPU: 0.01}, sim.Work{CPU: 5e-5})
		sink := &collect{}
		cfg.Sink = sink
		floor, idle, checked := 0.01/((1-tc.m)*S-tc.g), true, 0
		cfg.AfterEvent = func(s *sim.Sim) {
			du := s.Snapshot().Instances[0]
			if busy := du.BacklogGPU > 0; busy && idle {
				checked++
				if math.Abs(du.Floor[0]-floor) > 1e-12*floor {
					t.Errorf("m=%g g=%g t=%g: DU GPU floor %.17g, want %.17g", tc.m, tc.g, s.Now(), du.Floor[0], floor)
				}
			}
			idle = du.BacklogGPU == 0
		}
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		bound := tc.m*((1-tc.m)*S-tc.g) + (1-tc.m)*tau - tc.g
		n := 0
		for _, r := range sink.recs {
			if r.Class != sim.URLLC {
				continue
			}
			n++
			if lat := r.Finish - r.Arrival; !r.Finished || lat > bound+1e-12 {
				t.Errorf("m=%g g=%g: URLLC latency %.9g s, want ≤ %.9g", tc.m, tc.g, lat, bound)
			}
			if (tc.m > 0 || tc.g > 0) && r.Finish > r.Arrival+tau {
				t.Errorf("m=%g g=%g: met only by the tolerance (finish %.17g, deadline %.17g)", tc.m, tc.g, r.Finish, r.Arrival+tau)
			}
		}
		if n != 50 || checked != 50 {
			t.Errorf("m=%g g=%g: %d URLLC requests, floor checked at %d arrivals; want 50, 50", tc.m, tc.g, n, checked)
		}
	}
}

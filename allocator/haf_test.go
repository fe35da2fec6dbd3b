package allocator_test

import (
	"math"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// dm builds a demand with ω = 1, so that ω·Ψ = work.
func dm(work, floor float64) sim.Demand { return sim.Demand{Work: work, Urgency: 1, Floor: floor} }

// allocCase is one hand-computed allocation.
type allocCase struct {
	name     string
	c        float64
	d        []sim.Demand
	want     []float64
	feasible bool
}

// runCases checks a allocator against hand-computed cases, to relTol·max(C, 1).
func runCases(t *testing.T, a sim.Allocator, cases []allocCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := make([]float64, len(tc.d)+1)
			out[len(tc.d)] = 42 // Must stay untouched.
			feasible := a.Allocate(tc.c, tc.d, out)
			if feasible != tc.feasible {
				t.Errorf("floorsFeasible = %v, want %v", feasible, tc.feasible)
			}
			for i, w := range tc.want {
				if math.Abs(out[i]-w) > relTol*max(tc.c, 1) {
					t.Errorf("out = %v, want %v", out[:len(tc.d)], tc.want)
					break
				}
			}
			if out[len(tc.d)] != 42 {
				t.Errorf("Allocate wrote past len(d)")
			}
			checkInvariants(t, tc.c, tc.d, out, feasible)
		})
	}
}

func TestHAFTable(t *testing.T) {
	runCases(t, allocator.HAF{}, []allocCase{
		{"empty", 5, nil, nil, true},
		// One instance takes everything.
		{"single", 10, []sim.Demand{dm(4, 0)}, []float64{10}, true},
		// sqrt(ωΨ) = 1, 2 → shares 1/3, 2/3 of 9.
		{"sqrt 1:2", 9, []sim.Demand{dm(1, 0), dm(4, 0)}, []float64{3, 6}, true},
		// sqrt(ωΨ) = 1, 2, 3 → 12·(1, 2, 3)/6. Urgency and work enter only through their product.
		{"sqrt 1:2:3", 12, []sim.Demand{{Work: 0.5, Urgency: 2}, {Work: 16, Urgency: 0.25}, dm(9, 0)},
			[]float64{2, 4, 6}, true},
		// Equal weights give 5, 5; the second is below its floor 8 → clipped; the first gets 10 − 8.
		{"floor binds", 10, []sim.Demand{dm(1, 0), dm(1, 8)}, []float64{2, 8}, true},
		// Unconstrained shares 3, 6 already meet the floor 2.
		{"floor slack", 9, []sim.Demand{dm(1, 2), dm(4, 0)}, []float64{3, 6}, true},
		// sqrt = 1, 1, 10, floors 0, 3, 8.5, C = 12. Round 1: k = 1 → (1, 1, 10): #2 clipped at 3.
		// Round 2: k = 9/11 → #3 gets 90/11 < 8.5: clipped. Round 3: #1 alone gets 12 − 11.5 = 0.5.
		{"cascade", 12, []sim.Demand{dm(1, 0), dm(1, 3), dm(100, 8.5)}, []float64{0.5, 3, 8.5}, true},
		// No work → exactly the floor, even with urgency; the other takes the rest.
		{"zero work", 5, []sim.Demand{{Work: 0, Urgency: 5, Floor: 1}, dm(4, 0)}, []float64{1, 4}, true},
		// No urgency → ω·Ψ = 0 → floor (0).
		{"zero urgency", 2, []sim.Demand{{Work: 3}, dm(1, 0)}, []float64{0, 2}, true},
		// Every ω·Ψ = 0: only floors, the rest stays unused (eq. 18 with a zero denominator).
		{"all zero weights", 10, []sim.Demand{{Floor: 1}, {Work: 2, Floor: 2}}, []float64{1, 2}, true},
		// Rounding residue of the engine is treated as zero work.
		{"negative work", 3, []sim.Demand{{Work: -1e-18, Urgency: 1}, dm(1, 0)}, []float64{0, 3}, true},
		// Floors exactly fill the capacity: the weighted instance gets its floor.
		{"floors fill C", 4, []sim.Demand{dm(1, 1), dm(0, 3)}, []float64{1, 3}, true},
		{"zero capacity", 0, []sim.Demand{dm(1, 0), dm(2, 0)}, []float64{0, 0}, true},
		// Infeasible: Σf = 8 > 4 → floors halved.
		{"infeasible", 4, []sim.Demand{dm(1, 2), dm(5, 6), dm(3, 0)}, []float64{1, 3, 0}, false},
		{"infeasible zero C", 0, []sim.Demand{dm(1, 2)}, []float64{0}, false},
		{"negative C", -1, []sim.Demand{dm(1, 0)}, []float64{0}, false},
		// Ratios of 1e12 in ω·Ψ → 1e6 in shares: (1, 1e6)/(1e6+1) of 1e6+1.
		{"wide range", 1e6 + 1, []sim.Demand{dm(1e-6, 0), dm(1e6, 0)}, []float64{1, 1e6}, true},
	})
}

func TestAllocatorsPanicOnMisuse(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name string
		c    float64
		d    []sim.Demand
		out  int
	}{
		{"short out", 1, []sim.Demand{dm(1, 0), dm(1, 0)}, 1},
		{"NaN capacity", nan, []sim.Demand{dm(1, 0)}, 1},
		{"Inf capacity", math.Inf(1), []sim.Demand{dm(1, 0)}, 1},
		{"NaN work", 1, []sim.Demand{{Work: nan, Urgency: 1}}, 1},
		{"Inf urgency", 1, []sim.Demand{{Work: 1, Urgency: math.Inf(1)}}, 1},
		{"-Inf floor", 1, []sim.Demand{{Floor: math.Inf(-1)}}, 1},
	}
	for _, a := range []sim.Allocator{allocator.HAF{}, allocator.EqualShare{}, allocator.MaxWeight{}, allocator.Proportional{}} {
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				defer func() {
					if recover() == nil {
						t.Errorf("%T: no panic", a)
					}
				}()
				a.Allocate(tc.c, tc.d, make([]float64, tc.out))
			})
		}
	}
}

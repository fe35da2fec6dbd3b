package allocator_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

func TestMaxWeightTable(t *testing.T) {
	runCases(t, allocator.MaxWeight{}, []allocCase{
		{"empty", 5, nil, nil, true},
		// Weights ω·Ψ = 1, 5, 9: the third takes all 12.
		{"winner takes all", 12, []sim.Demand{dm(1, 0), dm(5, 0), dm(9, 0)}, []float64{0, 0, 12}, true},
		// Floors 1, 0, 2 first; the residual 9 − 3 = 6 goes to the heaviest (weight 4): 1, 6, 2.
		{"floors then residual", 9, []sim.Demand{dm(1, 1), dm(4, 0), dm(0, 2)}, []float64{1, 6, 2}, true},
		// Urgency counts: ω·Ψ = 1·100 = 100 beats 50·1 = 50.
		{"urgency weighs", 2, []sim.Demand{{Work: 50, Urgency: 1}, {Work: 1, Urgency: 100}}, []float64{0, 2}, true},
		// Weights 6, 6 (2·3 and 3·2) tie exactly: the residual 10 − 1 = 9 is split 4.5, 4.5.
		{"tie splits", 10, []sim.Demand{{Work: 2, Urgency: 3}, {Work: 3, Urgency: 2, Floor: 1}, dm(1, 0)},
			[]float64{4.5, 5.5, 0}, true},
		// No instance has weight (no work, or no urgency): floors only.
		{"no weight", 10, []sim.Demand{dm(0, 1), {Work: 3, Floor: 2}}, []float64{1, 2}, true},
		// The winner's own floor adds to its share: 3 + (8 − 3 − 1) = 7.
		{"winner with floor", 8, []sim.Demand{dm(5, 3), dm(1, 1)}, []float64{7, 1}, true},
		// Rounding residue of the engine is treated as zero work.
		{"negative work", 3, []sim.Demand{{Work: -1e-18, Urgency: 1}, dm(1e-30, 0)}, []float64{0, 3}, true},
		{"zero capacity", 0, []sim.Demand{dm(1, 0), dm(2, 0)}, []float64{0, 0}, true},
		// Σf = 8 > 4 → floors halved, nothing else.
		{"infeasible", 4, []sim.Demand{dm(1, 2), dm(5, 6), dm(30, 0)}, []float64{1, 3, 0}, false},
		{"negative C", -1, []sim.Demand{dm(1, 0)}, []float64{0}, false},
		// Both products overflow to +Inf: they tie and split the capacity.
		{"overflow ties", 2, []sim.Demand{{Work: 1e300, Urgency: 1e300}, {Work: 1e200, Urgency: 1e200}},
			[]float64{1, 1}, true},
	})
}

// TestMaxWeightRandom checks on seeded random instances that MaxWeight gives the residual only to the
// instances of largest ω·Ψ, equally among them, exactly the floor to every other instance, and uses all
// of C whenever some ω·Ψ > 0.
func TestMaxWeightRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 29))
	out := make([]float64, 13)
	for k := range 5000 {
		c, d := randomInstance(r)
		if r.IntN(5) == 0 { // force a tie (this may make the floors infeasible)
			d = append(d, d[0])
		}
		feasible := allocator.MaxWeight{}.Allocate(c, d, out)
		checkInvariants(t, c, d, out, feasible)
		if !feasible {
			continue
		}
		wmax := 0.0
		for _, v := range d {
			wmax = max(wmax, v.Work*v.Urgency)
		}
		sum, extra := 0.0, -1.0
		for i, v := range d {
			sum += out[i]
			if w := v.Work * v.Urgency; w == 0 || w < wmax {
				if out[i] != v.Floor {
					t.Fatalf("instance %d: weight %g < max %g but out[%d] = %g ≠ floor %g", k, w, wmax, i, out[i], v.Floor)
				}
				continue
			}
			e := out[i] - v.Floor
			if extra >= 0 && math.Abs(e-extra) > 1e-12*c {
				t.Fatalf("instance %d: unequal shares %g and %g among tied winners", k, e, extra)
			}
			extra = e
		}
		if wmax > 0 && sum < c*(1-1e-12) {
			t.Fatalf("instance %d: Σ out = %.17g < C = %.17g", k, sum, c)
		}
	}
}

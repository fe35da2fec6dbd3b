package allocator_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

func TestProportionalTable(t *testing.T) {
	runCases(t, allocator.Proportional{}, []allocCase{
		{"empty", 5, nil, nil, true},
		// Bids 1, 2, 3 share 12 as 2, 4, 6.
		{"linear 1:2:3", 12, []sim.Demand{dm(1, 0), dm(2, 0), dm(3, 0)}, []float64{2, 4, 6}, true},
		// Floors 1, 0, 2 first; the residual 9 − 3 = 6 is split 1:3 between the bidders: 1+1.5, 4.5, 2.
		{"floors then residual", 9, []sim.Demand{dm(1, 1), dm(3, 0), dm(0, 2)}, []float64{2.5, 4.5, 2}, true},
		// Urgency and work enter through their product: 0.5·2 = 1 and 0.25·12 = 3 → 2, 6 of 8.
		{"product", 8, []sim.Demand{{Work: 0.5, Urgency: 2}, {Work: 12, Urgency: 0.25}}, []float64{2, 6}, true},
		// No bids (no work, or no urgency): floors only, the rest stays unused.
		{"no bids", 10, []sim.Demand{dm(0, 1), {Work: 3, Floor: 2}}, []float64{1, 2}, true},
		// Floors fill C: the bidder gets only its floor.
		{"floors fill C", 4, []sim.Demand{dm(1, 1), dm(0, 3)}, []float64{1, 3}, true},
		// Rounding residue of the engine is treated as zero work.
		{"negative work", 3, []sim.Demand{{Work: -1e-18, Urgency: 1}, dm(1, 0)}, []float64{0, 3}, true},
		{"zero capacity", 0, []sim.Demand{dm(1, 0), dm(2, 0)}, []float64{0, 0}, true},
		// Σf = 8 > 4 → floors halved, nothing else.
		{"infeasible", 4, []sim.Demand{dm(1, 2), dm(5, 6), dm(3, 0)}, []float64{1, 3, 0}, false},
		{"negative C", -1, []sim.Demand{dm(1, 0)}, []float64{0}, false},
		// Products 1e600 and 3e600 overflow float64, but the normalised bids 1/3 and 1 do not: 1, 3 of 4.
		{"no overflow", 4, []sim.Demand{{Work: 1e300, Urgency: 1e300}, {Work: 3e300, Urgency: 1e300}},
			[]float64{1, 3}, true},
		// Bid ratio 1e12 → shares (1, 1e12)/(1e12+1) of 1e12+1.
		{"wide range", 1e12 + 1, []sim.Demand{dm(1e-6, 0), dm(1e6, 0)}, []float64{1, 1e12}, true},
	})
}

// TestProportionalRandom checks on seeded random instances that Proportional gives every bidder the
// same residual per unit of bid ω·Ψ, exactly the floor to instances without a bid, and uses all of C
// whenever some bid is positive.
func TestProportionalRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 31))
	out := make([]float64, 12)
	for k := range 5000 {
		c, d := randomInstance(r)
		feasible := allocator.Proportional{}.Allocate(c, d, out)
		checkInvariants(t, c, d, out, feasible)
		if !feasible {
			continue
		}
		bsum, sum := 0.0, 0.0
		for _, v := range d {
			bsum += v.Work * v.Urgency
		}
		for i, v := range d {
			sum += out[i]
			want := v.Floor
			if bsum > 0 {
				want += (c - floorSum(d)) * v.Work * v.Urgency / bsum
			}
			if math.Abs(out[i]-want) > 1e-9*c {
				t.Fatalf("instance %d: out[%d] = %g, want %g (C=%g d=%v)", k, i, out[i], want, c, d)
			}
		}
		if bsum > 0 && sum < c*(1-1e-12) {
			t.Fatalf("instance %d: Σ out = %.17g < C = %.17g", k, sum, c)
		}
	}
}

package allocator_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// TestHAFKKT checks the KKT conditions of problem (16) directly on the closed form's output for seeded
// random instances. Problem (16) is convex, so they certify optimality by themselves:
//   - stationarity: ω_iΨ_i/x_i² = λ for every unclipped instance (x_i > f_i, ω_iΨ_i > 0);
//   - dual feasibility: μ_i = λ − ω_iΨ_i/f_i² ≥ 0 for every instance at its floor;
//   - complementary slackness: Σ x = C (λ > 0) whenever some ω_iΨ_i > 0; instances with ω_iΨ_i = 0
//     sit exactly at their floors.
func TestHAFKKT(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 2000
	}
	r := rand.New(rand.NewPCG(2026, 17))
	out := make([]float64, 12)
	for k := range n {
		c, d := randomInstance(r)
		if !(allocator.HAF{}).Allocate(c, d, out) {
			continue
		}
		checkKKT(t, k, c, d, out[:len(d)])
	}
}

// checkKKT asserts the KKT conditions listed at TestHAFKKT, with relative tolerance 1e-9.
func checkKKT(t *testing.T, k int, c float64, d []sim.Demand, x []float64) {
	t.Helper()
	const tol = 1e-9
	lo, hi, clippedMax, weighted := math.Inf(1), 0.0, 0.0, false
	sum := 0.0
	for i, v := range d {
		sum += x[i]
		a := v.Urgency * v.Work
		switch {
		case a == 0:
			if x[i] != v.Floor {
				t.Fatalf("instance %d: ω·Ψ = 0 but x[%d] = %g ≠ floor %g", k, i, x[i], v.Floor)
			}
		case x[i] > v.Floor:
			weighted = true
			lo, hi = min(lo, a/(x[i]*x[i])), max(hi, a/(x[i]*x[i]))
		default:
			weighted = true
			clippedMax = max(clippedMax, a/(x[i]*x[i]))
		}
	}
	if hi > 0 && (hi-lo > tol*hi || clippedMax > hi*(1+tol)) {
		t.Fatalf("instance %d: λ over unclipped in [%g, %g], max over clipped %g (C=%g d=%v x=%v)",
			k, lo, hi, clippedMax, c, d, x)
	}
	if weighted && sum < c*(1-1e-12) {
		t.Fatalf("instance %d: Σx = %.17g < C = %.17g with weighted instances (d=%v x=%v)", k, sum, c, d, x)
	}
}

// TestInfeasibleFloors checks on seeded random instances whose floors sum to 1..3 times the capacity
// that every allocator scales the floors proportionally to fill C, give nothing else, and return false.
func TestInfeasibleFloors(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 19))
	out := make([]float64, 12)
	for _, a := range []sim.Allocator{allocator.HAF{}, allocator.EqualShare{}, allocator.MaxWeight{}, allocator.Proportional{}} {
		for range 2000 {
			c := logUniform(r, 1e-4, 1e5)
			d := randomDemands(r, c, 1+2*r.Float64()+1e-9)
			if floorSum(d) == 0 {
				continue
			}
			if a.Allocate(c, d, out) {
				t.Fatalf("%T: floorsFeasible = true for Σf = %g > C = %g", a, floorSum(d), c)
			}
			checkInvariants(t, c, d, out, false) // Includes out[i] = f_i·C/Σf to 1e-12·C.
			sum := 0.0
			for _, x := range out[:len(d)] {
				sum += x
			}
			if sum < c*(1-1e-12) {
				t.Fatalf("%T: Σ out = %.17g, want C = %.17g", a, sum, c)
			}
		}
	}
}

// TestEqualShareRandom checks on seeded random instances that EqualShare gives every instance with
// work the same amount above its floor, the others exactly their floor, and uses all of C.
func TestEqualShareRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(2026, 23))
	out := make([]float64, 12)
	for k := range 5000 {
		c, d := randomInstance(r)
		feasible := allocator.EqualShare{}.Allocate(c, d, out)
		checkInvariants(t, c, d, out, feasible)
		if !feasible {
			continue
		}
		extra, sum, hasWork := -1.0, 0.0, false
		for i, v := range d {
			sum += out[i]
			if v.Work == 0 {
				if out[i] != v.Floor {
					t.Fatalf("instance %d: no work but out[%d] = %g ≠ floor %g", k, i, out[i], v.Floor)
				}
				continue
			}
			hasWork = true
			e := out[i] - v.Floor
			if extra >= 0 && math.Abs(e-extra) > 1e-12*c {
				t.Fatalf("instance %d: unequal residual shares %g and %g", k, e, extra)
			}
			extra = e
		}
		if hasWork && sum < c*(1-1e-12) {
			t.Fatalf("instance %d: Σ out = %.17g < C = %.17g", k, sum, c)
		}
	}
}

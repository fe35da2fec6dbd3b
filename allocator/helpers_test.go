package allocator_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// relTol is the tolerance for comparing allocations with hand-computed values, relative to capacity.
// The allocators deliberately leave at most 8(n+1)·2⁻⁵³·C unused, far below it.
const relTol = 1e-12

// objective returns Σ ω_iΨ_i/x_i (eq. 16a for one resource), with 0/0 = 0 and a/0 = +Inf for a > 0.
func objective(d []sim.Demand, x []float64) float64 {
	s := 0.0
	for i, v := range d {
		a := max(v.Urgency, 0) * max(v.Work, 0)
		if a > 0 {
			s += a / x[i]
		}
	}
	return s
}

// floorSum returns Σ max(f_i, 0).
func floorSum(d []sim.Demand) float64 {
	s := 0.0
	for _, v := range d {
		s += max(v.Floor, 0)
	}
	return s
}

// checkInvariants asserts the contract shared by all allocators: finite non-negative output,
// Σ out ≤ C exactly (index order and reverse order), the return value, floors met when feasible and
// proportional scaling otherwise.
func checkInvariants(t *testing.T, c float64, d []sim.Demand, out []float64, feasible bool) {
	t.Helper()
	sf := floorSum(d)
	if want := sf <= c; feasible != want {
		t.Fatalf("floorsFeasible = %v, want %v (Σf=%g, C=%g)", feasible, want, sf, c)
	}
	fwd, rev := 0.0, 0.0
	for i, x := range out[:len(d)] {
		if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
			t.Fatalf("out[%d] = %g, want finite ≥ 0 (d=%v C=%g)", i, x, d, c)
		}
		fwd += x
		rev += out[len(d)-1-i]
		f := max(d[i].Floor, 0)
		if feasible && x < f {
			t.Fatalf("out[%d] = %g below floor %g (d=%v C=%g)", i, x, f, d, c)
		}
		if want := f / sf * c; !feasible && c > 0 && !math.IsInf(sf, 0) && math.Abs(x-want) > 1e-12*c {
			t.Fatalf("out[%d] = %g, want scaled floor %g (d=%v C=%g)", i, x, want, d, c)
		}
	}
	if fwd > max(c, 0) || rev > max(c, 0) {
		t.Fatalf("Σ out = %g (reverse %g) exceeds capacity %g by %g (d=%v)", fwd, rev, c, fwd-c, d)
	}
}

// logUniform draws from [lo, hi] uniformly in log scale.
func logUniform(r *rand.Rand, lo, hi float64) float64 {
	return lo * math.Pow(hi/lo, r.Float64())
}

// randomDemands draws 1..12 demands for capacity c: about 10 % without work, 10 % without urgency,
// 40 % with a floor. The floors sum to floorFrac·c, so floorFrac < 1 gives feasible floors (often
// binding) and floorFrac > 1 infeasible ones. Work spans 1e-6..1e4, urgency 1e-2..1e5.
func randomDemands(r *rand.Rand, c, floorFrac float64) []sim.Demand {
	d := make([]sim.Demand, 1+r.IntN(12))
	raw := 0.0
	for i := range d {
		d[i] = sim.Demand{Work: logUniform(r, 1e-6, 1e4), Urgency: logUniform(r, 1e-2, 1e5)}
		switch r.IntN(10) {
		case 0:
			d[i].Work = 0
		case 1:
			d[i].Urgency = 0
		}
		if r.IntN(10) < 4 {
			d[i].Floor = r.Float64()
			raw += d[i].Floor
		}
	}
	if raw == 0 {
		return d
	}
	for i := range d {
		d[i].Floor *= floorFrac * c / raw
	}
	return d
}

// randomInstance draws a capacity (1e-4..1e5) and demands with feasible floors whose total fills a
// random fraction of the capacity (a quarter of the time almost all of it).
func randomInstance(r *rand.Rand) (float64, []sim.Demand) {
	c := logUniform(r, 1e-4, 1e5)
	frac := r.Float64()
	if r.IntN(4) == 0 {
		frac = 1 - logUniform(r, 1e-6, 1e-1)
	}
	return c, randomDemands(r, c, frac)
}

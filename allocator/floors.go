package allocator

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// nonNeg returns v, or 0 if v is negative (rounding residue from the engine's bookkeeping).
func nonNeg(v float64) float64 {
	if v < 0 {
		return 0
	}
	return v
}

// floorOf returns the floor of d as used by the allocators, in the resource's unit.
func floorOf(d sim.Demand) float64 { return nonNeg(d.Floor) }

// finite reports whether v is neither NaN nor ±Inf.
func finite(v float64) bool { return math.Abs(v) <= math.MaxFloat64 }

// checkArgs panics on programmer misuse of the arguments other than the demand values: non-finite
// capacity, or out shorter than d. Each allocator checks the demands with checkDemand in its own first
// pass over d, so that the validation costs no extra pass.
func checkArgs(capacity float64, d []sim.Demand, out []float64) {
	if len(out) < len(d) {
		panic("allocator: len(out) < len(d)")
	}
	if !finite(capacity) {
		panic("allocator: capacity is NaN or infinite")
	}
}

// checkDemand panics if a field of v is NaN or ±Inf. It uses one comparison: x − x is +0 for a finite x
// and NaN otherwise, so the sum of the three differences is 0 iff all three fields are finite.
func checkDemand(v sim.Demand) {
	if (v.Work-v.Work)+(v.Urgency-v.Urgency)+(v.Floor-v.Floor) != 0 {
		panic("allocator: demand has a NaN or infinite field")
	}
}

// usable returns the part of capacity the allocators distribute, capacity·(1 − 8(n+1)·2⁻⁵³) − 8(n+1)·2⁻¹⁰⁷⁴:
// the relative term absorbs the rounding of n-term sums and products, the absolute one their rounding
// in the subnormal range, so that Σ out ≤ capacity holds exactly in float64. It may be negative.
func usable(capacity float64, n int) float64 {
	g := float64(8 * (n + 1))
	u := capacity - capacity*(g*0x1p-53)
	if math.Abs(u) >= 0x1p-900 {
		// |g·2⁻¹⁰⁷⁴| ≤ 2⁶³·2⁻¹⁰⁷⁴ is far below half an ulp of u (≥ 2⁻⁹⁵⁴), so subtracting it rounds back
		// to u exactly: skip the subnormal arithmetic, which is slow on common CPUs.
		return u
	}
	return u - g*0x1p-1074
}

// scaleFloors writes the floors of d scaled down by a common factor so that they sum to (at most)
// capacity; all zero if capacity ≤ 0. sumF is Σ f_i, which must exceed capacity. Each out[i] is
// computed as (f_i/Σf)·C so that no intermediate factor underflows.
func scaleFloors(capacity, sumF float64, d []sim.Demand, out []float64) {
	c := nonNeg(usable(capacity, len(d)))
	for i, v := range d {
		out[i] = 0
		if c > 0 {
			out[i] = floorOf(v) / sumF * c // sumF > capacity > 0; 0 if sumF = +Inf.
		}
	}
}

// setFloors writes f_i to out[i] for every i.
func setFloors(d []sim.Demand, out []float64) {
	for i, v := range d {
		out[i] = floorOf(v)
	}
}

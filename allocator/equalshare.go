package allocator

import "github.com/airansim/airansim/sim"

// EqualShare is the allocator of the Round-Robin baseline: every instance first gets its floor, then the
// residual capacity C − Σ f_i is split equally among the instances with Work > 0 (urgency is ignored).
// Instances without work get exactly their floor. The zero value is ready to use and it holds no state.
type EqualShare struct{}

var _ sim.Allocator = EqualShare{}

// Allocate writes the allocation of d[i] to out[i] (capacity's unit: TFLOP/s or cores) and reports
// whether the floors are feasible (Σ f_i ≤ capacity). See the package documentation for the contract
// shared with [HAF]: infeasible floors are scaled down proportionally, Σ out ≤ capacity exactly, out is
// finite and non-negative, NaN or infinite inputs and len(out) < len(d) panic, nothing is allocated.
func (EqualShare) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := checkArgs(capacity, d, out)
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	share := equalResidual(capacity, sumF, d)
	for i, v := range d {
		out[i] = floorOf(v)
		if v.Work > 0 {
			out[i] += share
		}
	}
	return true
}

// equalResidual returns the residual per instance with work, (C − Σf)/k, or 0 when k = 0 or the
// residual is negative after the rounding guard of usable.
func equalResidual(capacity, sumF float64, d []sim.Demand) float64 {
	k := 0
	for _, v := range d {
		if v.Work > 0 {
			k++
		}
	}
	if k == 0 {
		return 0
	}
	return nonNeg((usable(capacity, len(d)) - sumF) / float64(k))
}

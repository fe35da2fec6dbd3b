package allocator

import "github.com/airansim/airansim/sim"

// EqualShare is the allocator of the Round-Robin baseline: every instance first gets its floor, then the
// residual capacity C − Σ f_i is split equally among the instances with Work > 0 (urgency is ignored).
// Instances without work get exactly their floor. The zero value is ready to use and it holds no state.
type EqualShare struct{}

var (
	_ sim.Allocator      = EqualShare{}
	_ sim.UrgencyIgnorer = EqualShare{}
)

// IgnoresUrgency reports true: the shares depend on Work and Floor only, so the engine need not compute
// the urgency ω.
func (EqualShare) IgnoresUrgency() bool { return true }

// Allocate writes the allocation of d[i] to out[i] (capacity's unit: TFLOP/s or cores) and reports
// whether the floors are feasible (Σ f_i ≤ capacity). See the package documentation for the contract
// shared with [HAF]: infeasible floors are scaled down proportionally, Σ out ≤ capacity exactly, out is
// finite and non-negative, NaN or infinite inputs and len(out) < len(d) panic, nothing is allocated.
func (EqualShare) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	checkArgs(capacity, d, out)
	out = out[:len(d)]
	sumF, k := 0.0, 0 // Σ f_i and the number of instances with work, in the validating pass.
	for _, v := range d {
		checkDemand(v)
		sumF += floorOf(v)
		if v.Work > 0 {
			k++
		}
	}
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	share := 0.0
	if k > 0 { // The residual per instance with work, or 0 if it is negative after usable's guard.
		share = nonNeg((usable(capacity, len(d)) - sumF) / float64(k))
	}
	for i, v := range d {
		out[i] = floorOf(v)
		if v.Work > 0 {
			out[i] += share
		}
	}
	return true
}

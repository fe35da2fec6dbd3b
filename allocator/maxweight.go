package allocator

import "github.com/airansim/airansim/sim"

// MaxWeight is the allocator of the Lyapunov baseline, the MaxWeight rule of Tassiulas and Ephremides
// (1992) over the residual capacity: every instance first gets its floor, then the whole residual
// C − Σ f_i goes to the instance with the largest weight w_i = ω_i·Ψ_i (urgency-weighted residual work,
// the coefficient of instance i in objective (16a)), split equally among the instances that tie for the
// largest weight. Every other instance, and every instance with w_i = 0, gets exactly its floor; if no
// instance has w_i > 0 only the floors are applied. Products ω·Ψ that overflow compare as +Inf (and
// tie), products that underflow as 0. The zero value is ready to use and it holds no state.
type MaxWeight struct{}

var _ sim.Allocator = MaxWeight{}

// Allocate writes the allocation of d[i] to out[i] (capacity's unit: TFLOP/s or cores) and reports
// whether the floors are feasible (Σ f_i ≤ capacity). See the package documentation for the contract
// shared by all allocators: infeasible floors are scaled down proportionally, Σ out ≤ capacity exactly,
// out is finite and non-negative, NaN or infinite inputs and len(out) < len(d) panic, nothing is
// allocated. The cost is O(n).
func (MaxWeight) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	checkArgs(capacity, d, out)
	out = out[:len(d)]
	// One pass validates d, sums the floors and finds the largest bid and how many instances attain it.
	sumF, wmax, k := 0.0, 0.0, 0
	for _, v := range d {
		checkDemand(v)
		sumF += floorOf(v)
		switch w := bid(v); {
		case w > wmax:
			wmax, k = w, 1
		case w == wmax:
			k++
		}
	}
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	share := 0.0
	if wmax > 0 {
		share = nonNeg((usable(capacity, len(d)) - sumF) / float64(k))
	}
	for i, v := range d {
		out[i] = floorOf(v)
		if wmax > 0 && bid(v) == wmax {
			out[i] += share
		}
	}
	return true
}

// bid returns ω·Ψ with negative values treated as 0; it may be +Inf when the product overflows.
func bid(v sim.Demand) float64 { return nonNeg(v.Urgency) * nonNeg(v.Work) }

package allocator

import "github.com/airansim/airansim/sim"

// Proportional is the allocator of the Game Theory baseline, proportional market clearing of the
// residual capacity in the sense of Kelly (1997): every instance first gets its floor, then the residual
// C − Σ f_i is divided in proportion to the bids b_i = ω_i·Ψ_i (urgency-weighted residual work, the
// coefficient of instance i in objective (16a)), x_i = f_i + (C − Σf)·b_i/Σ_j b_j. Instances with
// b_i = 0 get exactly their floor; if every bid is zero only the floors are applied. Bids are
// normalised as (ω_i/max ω)(Ψ_i/max Ψ), so no product overflows; a bid more than about 2¹⁰⁷⁴ times
// below max ω · max Ψ counts as zero. The zero value is ready to use and it holds no state.
type Proportional struct{}

var _ sim.Allocator = Proportional{}

// Allocate writes the allocation of d[i] to out[i] (capacity's unit: TFLOP/s or cores) and reports
// whether the floors are feasible (Σ f_i ≤ capacity). See the package documentation for the contract
// shared by all allocators: infeasible floors are scaled down proportionally, Σ out ≤ capacity exactly,
// out is finite and non-negative, NaN or infinite inputs and len(out) < len(d) panic, nothing is
// allocated. The cost is O(n).
func (Proportional) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	checkArgs(capacity, d, out)
	out = out[:len(d)]
	// One pass validates d, sums the floors and finds max ω and max Ψ.
	sumF, omax, pmax := 0.0, 0.0, 0.0
	for _, v := range d {
		checkDemand(v)
		sumF += floorOf(v)
		omax, pmax = max(omax, nonNeg(v.Urgency)), max(pmax, nonNeg(v.Work))
	}
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	vsum := loadBids(omax, pmax, d, out)
	if vsum == 0 {
		setFloors(d, out)
		return true
	}
	k := nonNeg(usable(capacity, len(d))-sumF) / vsum // vsum ≥ 1, so k is finite.
	for i, v := range d {
		out[i] = floorOf(v) + k*out[i]
	}
	return true
}

// loadBids writes the normalised bid v_i ∈ [0, 1] of every instance to out[i], the largest being
// exactly 1, and returns Σ v_i (≥ 1), or 0 when every bid is zero. omax and pmax are max_i ω_i and
// max_i Ψ_i (negative values counted as 0).
func loadBids(omax, pmax float64, d []sim.Demand, out []float64) float64 {
	if !(omax > 0 && pmax > 0) {
		return 0 // Every bid is zero.
	}
	vmax := 0.0
	for i, v := range d {
		out[i] = nonNeg(v.Urgency) / omax * (nonNeg(v.Work) / pmax)
		vmax = max(vmax, out[i])
	}
	if vmax == 0 {
		return 0
	}
	sum := 0.0
	for i := range d {
		out[i] /= vmax // Division, not multiplication by 1/vmax: vmax may be subnormal.
		sum += out[i]
	}
	return sum
}

package allocator

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// HAF is the allocation layer of the HAF paper (eqs. 17-19): it solves problem (16) for one resource
// exactly, giving x_i = max(f_i, k·sqrt(ω_iΨ_i)) with k set so that the capacity is fully used. Instances
// with ω_iΨ_i = 0 get exactly their floor; if every ω_iΨ_i is zero only the floors are applied. The zero
// value is ready to use and it holds no state.
type HAF struct{}

var _ sim.Allocator = HAF{}

// Allocate writes the optimal allocation of d[i] to out[i] (capacity's unit: TFLOP/s or cores) and
// reports whether the floors are feasible (Σ f_i ≤ capacity). See the package documentation for the
// contract shared with [EqualShare]: infeasible floors are scaled down proportionally, Σ out ≤ capacity
// exactly, out is finite and non-negative, NaN or infinite inputs and len(out) < len(d) panic, nothing is
// allocated. The cost is O(n) per clipping round and at most n rounds.
func (HAF) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := checkArgs(capacity, d, out)
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	if !loadWeights(d, out) {
		setFloors(d, out) // Denominator of eq. (18) is zero: only the floors apply.
		return true
	}
	waterFill(usable(capacity, len(d)), d, out)
	return true
}

// loadWeights marks the candidates of the unclipped set U by writing −v_i < 0 to out[i], where
// v_i = sqrt(ω_iΨ_i)/max_j sqrt(ω_jΨ_j) ∈ (0, 1]; every other instance gets its floor (≥ 0). It reports
// whether U is non-empty. Normalising by the maximum keeps every later quotient finite.
func loadWeights(d []sim.Demand, out []float64) bool {
	wmax := 0.0
	for i, v := range d {
		w := weight(nonNeg(v.Urgency), nonNeg(v.Work))
		out[i] = -w
		wmax = max(wmax, w)
	}
	if wmax == 0 {
		return false
	}
	inv := 1 / wmax
	for i, v := range d {
		if inv <= math.MaxFloat64 {
			out[i] *= inv
		} else {
			out[i] /= wmax // wmax is subnormal.
		}
		if !(out[i] < 0) { // ω·Ψ = 0, or a weight that underflows relative to the largest one.
			out[i] = floorOf(v)
		}
	}
	return true
}

// weight returns sqrt(ω·Ψ) for ω, Ψ ≥ 0, with one square root unless the product over- or underflows.
func weight(omega, psi float64) float64 {
	p := omega * psi
	if p < 0x1p-1000 || p > 0x1p1000 {
		return math.Sqrt(omega) * math.Sqrt(psi)
	}
	return math.Sqrt(p)
}

// waterFill runs the active-set clipping of eqs. (18)-(19) on the weights left by loadWeights and writes
// the final allocation. Each round gives U the residual C̃ = c − Σ_{B} f in proportion to v_i and moves
// every instance whose share falls below its floor to B. The optimal level k* never exceeds the current
// level, so an instance clipped in one round is clipped at the optimum and the rounds are monotone.
func waterFill(c float64, d []sim.Demand, out []float64) {
	for {
		fixed, wsum := 0.0, 0.0
		for _, x := range out[:len(d)] {
			if x < 0 {
				wsum -= x
			} else {
				fixed += x
			}
		}
		if wsum == 0 {
			return // Everyone is at its floor.
		}
		k := (c - fixed) / wsum
		if !clip(k, d, out) {
			spread(k, out[:len(d)])
			return
		}
	}
}

// clip moves to B (out[i] = f_i) every instance of U whose share k·v_i is below its floor, and reports
// whether it moved any.
func clip(k float64, d []sim.Demand, out []float64) bool {
	moved := false
	for i, v := range d {
		if x := out[i]; x < 0 && k*-x < floorOf(v) {
			out[i] = floorOf(v)
			moved = true
		}
	}
	return moved
}

// spread writes the share k·v_i of every instance still in U; by construction it is ≥ its floor.
func spread(k float64, out []float64) {
	for i, x := range out {
		if x < 0 {
			out[i] = k * -x
		}
	}
}

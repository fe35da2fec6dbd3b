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
	checkArgs(capacity, d, out)
	out = out[:len(d)]
	// One pass validates d, sums the floors and writes −w_i = −sqrt(ω_iΨ_i) < 0 to out[i] for the
	// instances with a positive weight, the floor f_i ≥ 0 for the others. fz is Σ f_i over the latter
	// and j the last instance with w_j > 0.
	sumF, fz, wmax, npos, j := 0.0, 0.0, 0.0, 0, 0
	for i, v := range d {
		checkDemand(v)
		f := floorOf(v)
		sumF += f
		if w := weight(nonNeg(v.Urgency), nonNeg(v.Work)); w > 0 {
			out[i] = -w
			wmax = max(wmax, w)
			npos, j = npos+1, i
		} else {
			out[i] = f
			fz += f
		}
	}
	if !(sumF <= capacity) {
		scaleFloors(capacity, sumF, d, out)
		return false
	}
	switch npos {
	case 0: // Denominator of eq. (18) is zero: only the floors apply, and out holds them.
	case 1:
		fillOne(usable(capacity, len(d)), fz, wmax, d[j], &out[j])
	default:
		fixed, wsum := normalise(wmax, d, out)
		waterFill(usable(capacity, len(d)), fixed, wsum, d, out)
	}
	return true
}

// fillOne is normalise and waterFill for a single instance with a positive weight, w = wmax, whose
// raw weight −w is at *x, all others being at their floors with Σ f = fixed: the same operations on the
// same values, without the passes over the others. Its share is k·v with k = (c − Σf)/v, or its floor
// if that is larger.
func fillOne(c, fixed, wmax float64, d sim.Demand, x *float64) {
	v := *x
	if inv := 1 / wmax; inv <= math.MaxFloat64 {
		v *= inv
	} else {
		v /= wmax // wmax is subnormal.
	}
	if !(v < 0) { // Unreachable (w/w rounds to about 1), kept so that fillOne mirrors normalise exactly.
		*x = floorOf(d)
		return
	}
	k := (c - fixed) / -v
	if k*-v < floorOf(d) {
		*x = floorOf(d)
		return
	}
	*x = k * -v
}

// weight returns sqrt(ω·Ψ) for ω, Ψ ≥ 0, with one square root unless the product over- or underflows.
// A zero weight may come out as +0 where sqrt(ω)·sqrt(Ψ) would give −0 (ω or Ψ = −0); HAF treats both
// alike, as an instance outside U.
func weight(omega, psi float64) float64 {
	p := omega * psi
	if p >= 0x1p-1000 && p <= 0x1p1000 { // p is never NaN.
		return math.Sqrt(p)
	}
	if omega == 0 || psi == 0 {
		return 0 // An idle instance, the most common case in the engine: no square root.
	}
	return math.Sqrt(omega) * math.Sqrt(psi)
}

// normalise turns the raw weights −w_i < 0 in out into the candidates of the unclipped set U, −v_i < 0
// with v_i = w_i/wmax ∈ (0, 1]; an instance whose v_i underflows gets its floor, and the floors (≥ 0)
// already in out stay. Normalising by the maximum wmax > 0 keeps every later quotient finite. It returns
// the sums over B and U that start the first round of waterFill: fixed = Σ_{B} f_i and
// wsum = Σ_{U} v_i, in index order.
func normalise(wmax float64, d []sim.Demand, out []float64) (fixed, wsum float64) {
	inv := 1 / wmax
	for i, v := range d {
		x := out[i]
		if x < 0 {
			if inv <= math.MaxFloat64 {
				x *= inv
			} else {
				x /= wmax // wmax is subnormal.
			}
			if !(x < 0) { // A weight that underflows relative to the largest one.
				x = floorOf(v)
			}
			out[i] = x
		}
		if x < 0 {
			wsum -= x
		} else {
			fixed += x
		}
	}
	return fixed, wsum
}

// waterFill runs the active-set clipping of eqs. (18)-(19) on the weights left by normalise, with
// fixed = Σ_{B} f and wsum = Σ_{U} v_i, and writes the final allocation. Each round gives U the residual
// C̃ = c − Σ_{B} f in proportion to v_i and moves every instance whose share falls below its floor to B,
// summing B and U for the next round in the same pass. The optimal level k* never exceeds the current
// level, so an instance clipped in one round is clipped at the optimum and the rounds are monotone.
func waterFill(c, fixed, wsum float64, d []sim.Demand, out []float64) {
	for wsum != 0 { // wsum = 0: everyone is at its floor.
		k := (c - fixed) / wsum
		moved := false
		fixed, wsum = 0, 0
		for i, v := range d {
			x := out[i]
			if x < 0 && k*-x < floorOf(v) {
				x = floorOf(v)
				out[i] = x
				moved = true
			}
			if x < 0 {
				wsum -= x
			} else {
				fixed += x
			}
		}
		if !moved {
			spread(k, out)
			return
		}
	}
}

// spread writes the share k·v_i of every instance still in U; by construction it is ≥ its floor.
func spread(k float64, out []float64) {
	for i, x := range out {
		if x < 0 {
			out[i] = k * -x
		}
	}
}

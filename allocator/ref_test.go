package allocator

import (
	"math"

	"github.com/airansim/airansim/sim"
)

// This file keeps a frozen copy of the allocators as they were before the single-pass rewrite
// (commit 180c2d1), as the reference of the differential tests: the optimised allocators must return
// bit-identical outputs for every input. Do not optimise or restyle it.

// refHAF is the reference copy of [HAF].
type refHAF struct{}

// refEqualShare is the reference copy of [EqualShare].
type refEqualShare struct{}

// refMaxWeight is the reference copy of [MaxWeight].
type refMaxWeight struct{}

// refProportional is the reference copy of [Proportional].
type refProportional struct{}

func refNonNeg(v float64) float64 {
	if v < 0 {
		return 0
	}
	return v
}

func refFloorOf(d sim.Demand) float64 { return refNonNeg(d.Floor) }

func refFinite(v float64) bool { return math.Abs(v) <= math.MaxFloat64 }

func refCheckArgs(capacity float64, d []sim.Demand, out []float64) (sumF float64) {
	if len(out) < len(d) {
		panic("allocator: len(out) < len(d)")
	}
	if !refFinite(capacity) {
		panic("allocator: capacity is NaN or infinite")
	}
	for _, v := range d {
		if !refFinite(v.Work) || !refFinite(v.Urgency) || !refFinite(v.Floor) {
			panic("allocator: demand has a NaN or infinite field")
		}
		sumF += refFloorOf(v)
	}
	return sumF
}

func refUsable(capacity float64, n int) float64 {
	g := float64(8 * (n + 1))
	return capacity - capacity*(g*0x1p-53) - g*0x1p-1074
}

func refScaleFloors(capacity, sumF float64, d []sim.Demand, out []float64) {
	c := refNonNeg(refUsable(capacity, len(d)))
	for i, v := range d {
		out[i] = 0
		if c > 0 {
			out[i] = refFloorOf(v) / sumF * c
		}
	}
}

func refSetFloors(d []sim.Demand, out []float64) {
	for i, v := range d {
		out[i] = refFloorOf(v)
	}
}

func (refHAF) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := refCheckArgs(capacity, d, out)
	if !(sumF <= capacity) {
		refScaleFloors(capacity, sumF, d, out)
		return false
	}
	if !refLoadWeights(d, out) {
		refSetFloors(d, out)
		return true
	}
	refWaterFill(refUsable(capacity, len(d)), d, out)
	return true
}

func refLoadWeights(d []sim.Demand, out []float64) bool {
	wmax := 0.0
	for i, v := range d {
		w := refWeight(refNonNeg(v.Urgency), refNonNeg(v.Work))
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
			out[i] /= wmax
		}
		if !(out[i] < 0) {
			out[i] = refFloorOf(v)
		}
	}
	return true
}

func refWeight(omega, psi float64) float64 {
	p := omega * psi
	if p < 0x1p-1000 || p > 0x1p1000 {
		return math.Sqrt(omega) * math.Sqrt(psi)
	}
	return math.Sqrt(p)
}

func refWaterFill(c float64, d []sim.Demand, out []float64) {
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
			return
		}
		k := (c - fixed) / wsum
		if !refClip(k, d, out) {
			refSpread(k, out[:len(d)])
			return
		}
	}
}

func refClip(k float64, d []sim.Demand, out []float64) bool {
	moved := false
	for i, v := range d {
		if x := out[i]; x < 0 && k*-x < refFloorOf(v) {
			out[i] = refFloorOf(v)
			moved = true
		}
	}
	return moved
}

func refSpread(k float64, out []float64) {
	for i, x := range out {
		if x < 0 {
			out[i] = k * -x
		}
	}
}

func (refEqualShare) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := refCheckArgs(capacity, d, out)
	if !(sumF <= capacity) {
		refScaleFloors(capacity, sumF, d, out)
		return false
	}
	share := refEqualResidual(capacity, sumF, d)
	for i, v := range d {
		out[i] = refFloorOf(v)
		if v.Work > 0 {
			out[i] += share
		}
	}
	return true
}

func refEqualResidual(capacity, sumF float64, d []sim.Demand) float64 {
	k := 0
	for _, v := range d {
		if v.Work > 0 {
			k++
		}
	}
	if k == 0 {
		return 0
	}
	return refNonNeg((refUsable(capacity, len(d)) - sumF) / float64(k))
}

func (refMaxWeight) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := refCheckArgs(capacity, d, out)
	if !(sumF <= capacity) {
		refScaleFloors(capacity, sumF, d, out)
		return false
	}
	wmax, k := refMaxBid(d)
	share := 0.0
	if wmax > 0 {
		share = refNonNeg((refUsable(capacity, len(d)) - sumF) / float64(k))
	}
	for i, v := range d {
		out[i] = refFloorOf(v)
		if wmax > 0 && refBid(v) == wmax {
			out[i] += share
		}
	}
	return true
}

func refBid(v sim.Demand) float64 { return refNonNeg(v.Urgency) * refNonNeg(v.Work) }

func refMaxBid(d []sim.Demand) (wmax float64, k int) {
	for _, v := range d {
		switch w := refBid(v); {
		case w > wmax:
			wmax, k = w, 1
		case w == wmax:
			k++
		}
	}
	return wmax, k
}

func (refProportional) Allocate(capacity float64, d []sim.Demand, out []float64) (floorsFeasible bool) {
	sumF := refCheckArgs(capacity, d, out)
	if !(sumF <= capacity) {
		refScaleFloors(capacity, sumF, d, out)
		return false
	}
	vsum := refLoadBids(d, out)
	if vsum == 0 {
		refSetFloors(d, out)
		return true
	}
	k := refNonNeg(refUsable(capacity, len(d))-sumF) / vsum
	for i, v := range d {
		out[i] = refFloorOf(v) + k*out[i]
	}
	return true
}

func refLoadBids(d []sim.Demand, out []float64) float64 {
	omax, pmax := 0.0, 0.0
	for _, v := range d {
		omax, pmax = max(omax, refNonNeg(v.Urgency)), max(pmax, refNonNeg(v.Work))
	}
	vmax := 0.0
	for i, v := range d {
		out[i] = 0
		if omax > 0 && pmax > 0 {
			out[i] = refNonNeg(v.Urgency) / omax * (refNonNeg(v.Work) / pmax)
		}
		vmax = max(vmax, out[i])
	}
	if vmax == 0 {
		return 0
	}
	sum := 0.0
	for i := range d {
		out[i] /= vmax
		sum += out[i]
	}
	return sum
}

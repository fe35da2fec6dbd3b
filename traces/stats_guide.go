package traces

import (
	"slices"
	"sort"
)

// guideBuckets is the number of buckets of a cdfGuide. It is a power of two so that u·guideBuckets
// is exact: bucket k then holds exactly the u in [k/guideBuckets, (k+1)/guideBuckets), and its start
// index is computed from the exact bound k/guideBuckets.
const guideBuckets = 512

// cdfGuide is a guide table (Chen and Asau's indexed search) over a non-decreasing probability grid
// p. search(u) returns exactly sort.SearchFloat64s(p, u), the first index with p[i] ≥ u, but starts
// from a precomputed index for u's bucket and scans forward, so that a grid like
// DefaultProbabilities (steps ≥ 1/200 except in the tails) costs one or two comparisons instead of a
// binary search of eight. The Sampler draws three quantiles per row through it, the hottest part of
// the paper scenario's source.
//
// A cdfGuide is immutable after newCDFGuide, so copies (Sampler.Fork) may share it.
type cdfGuide struct {
	p     []float64
	start []int32 // start[k] = sort.SearchFloat64s(p, k/guideBuckets), k = 0..guideBuckets.
}

// newCDFGuide returns the guide of p, which must be sorted in non-decreasing order. It keeps its
// own copy of p, so that a caller changing p afterwards cannot make start disagree with it.
func newCDFGuide(p []float64) cdfGuide {
	g := cdfGuide{p: slices.Clone(p), start: make([]int32, guideBuckets+1)}
	for k := range g.start {
		g.start[k] = int32(sort.SearchFloat64s(p, float64(k)/guideBuckets))
	}
	return g
}

// search returns the first index i with p[i] ≥ u, len(p) if none: sort.SearchFloat64s(p, u) for
// every u. For u in [0, 1] the answer is at or after start[k] of u's bucket k (the search is
// monotone in u and u ≥ k/guideBuckets), and every index before start[k] has p[i] < k/guideBuckets
// ≤ u, so the first index from start[k] on with p[i] ≥ u is the first overall. Other u (negative,
// above 1, NaN) fall back to the binary search.
func (g *cdfGuide) search(u float64) int {
	if !(u >= 0 && u <= 1) {
		return sort.SearchFloat64s(g.p, u)
	}
	p := g.p
	i := int(g.start[int(u*guideBuckets)])
	for i < len(p) && p[i] < u {
		i++
	}
	return i
}

// inverse returns inverseCDF(g.p, q, u) using the guide to find the interval.
func (g *cdfGuide) inverse(q []float64, u float64) float64 {
	return interpolate(g.p, q, g.search(u), u)
}

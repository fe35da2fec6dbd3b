package metrics

import "math"

// Histogram bins positive values on a log scale, binsPerDecade bins per decade from 1 µs to 10⁵ s,
// so quantiles carry a relative error below 10^(1/binsPerDecade) − 1 ≈ 2.3 %. Values outside the
// range fall in the first or last bin. It also keeps the exact sum of the values, for the mean. The
// zero value is ready to use.
type Histogram struct {
	bins  []int64
	n     int64
	sum   float64
	min   float64
	max   float64
	valid bool
}

const (
	binsPerDecade = 100
	histLo        = -6 // log10 of the smallest binned value
	histHi        = 5  // log10 of the largest binned value
	numBins       = (histHi - histLo) * binsPerDecade
)

// Add records value v (s).
func (h *Histogram) Add(v float64) {
	if h.bins == nil {
		h.bins = make([]int64, numBins)
	}
	h.bins[binOf(v)]++
	h.n++
	h.sum += v
	if !h.valid || v < h.min {
		h.min = v
	}
	if !h.valid || v > h.max {
		h.max = v
	}
	h.valid = true
}

func binOf(v float64) int {
	if v <= 0 {
		return 0
	}
	b := int(math.Floor((math.Log10(v) - histLo) * binsPerDecade))
	return min(max(b, 0), numBins-1)
}

// Count returns how many values were added.
func (h *Histogram) Count() int64 { return h.n }

// Mean returns the exact arithmetic mean of the values added (not binned), in their unit (s); NaN
// when empty.
func (h *Histogram) Mean() float64 {
	if h.n == 0 {
		return math.NaN()
	}
	return h.sum / float64(h.n)
}

// Quantile returns the q-quantile: the geometric centre of the bin holding it, clamped to the exact
// minimum and maximum seen. NaN when empty.
func (h *Histogram) Quantile(q float64) float64 {
	if h.n == 0 {
		return math.NaN()
	}
	rank := int64(math.Ceil(q * float64(h.n)))
	rank = min(max(rank, 1), h.n)
	var seen int64
	for b, c := range h.bins {
		seen += c
		if seen >= rank {
			v := math.Pow(10, histLo+(float64(b)+0.5)/binsPerDecade)
			return math.Min(math.Max(v, h.min), h.max)
		}
	}
	return h.max
}

// Merge adds o's values to h.
func (h *Histogram) Merge(o *Histogram) {
	if o.n == 0 {
		return
	}
	if h.bins == nil {
		h.bins = make([]int64, numBins)
	}
	for i, c := range o.bins {
		h.bins[i] += c
	}
	if !h.valid || o.min < h.min {
		h.min = o.min
	}
	if !h.valid || o.max > h.max {
		h.max = o.max
	}
	h.n += o.n
	h.sum += o.sum
	h.valid = true
}

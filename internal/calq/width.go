package calq

import "math"

var inf = math.Inf(1)

// Width estimate, after Brown: the mean gap between the sampleSize earliest times, recomputed
// without the gaps above twice that mean (a few far-future outliers), times widthFactor, so that a
// day holds a few ids near the front of the queue, where the pops happen.
const (
	sampleSize  = 25
	widthFactor = 3
	// Widths are kept in [minWidth, maxWidth] so that 1/width is finite and t/width of ordinary
	// times does not overflow to the clamped days.
	minWidth = 1e-300
	maxWidth = 1e300
)

// fitWidth sets the day width from the times of ids, keeping the previous width (or 1) when they
// give none (fewer than two distinct finite times).
func (q *Queue) fitWidth(ids []int32) {
	ts := q.times[:0]
	for _, id := range ids {
		if t := q.ents[id].t; t-t == 0 { // finite
			ts = append(ts, t)
		}
	}
	q.times = ts
	w := estimateWidth(ts)
	if !(w >= minWidth && w <= maxWidth) {
		w = q.width
		if !(w >= minWidth && w <= maxWidth) {
			w = 1
		}
	}
	q.width, q.inv = w, 1/w
}

// estimateWidth returns the width for the finite times ts, which it reorders; it returns 0 or a
// non-finite value when ts gives none.
func estimateWidth(ts []float64) float64 {
	if len(ts) < 2 {
		return 0
	}
	k := min(len(ts), sampleSize)
	selectSmallest(ts, k)
	s := ts[:k]
	insertionSort(s)
	if avg := (s[k-1] - s[0]) / float64(k-1); avg > 0 && avg <= maxWidth {
		sum, cnt := 0.0, 0
		for i := 1; i < k; i++ {
			if d := s[i] - s[i-1]; d <= 2*avg {
				sum, cnt = sum+d, cnt+1
			}
		}
		if sum > 0 {
			return widthFactor * sum / float64(cnt)
		}
	}
	// The front is a block of equal times: a day as long as the gap to the next distinct time.
	next := inf
	for _, t := range ts {
		if t > s[0] && t < next {
			next = t
		}
	}
	return next - s[0]
}

// selectSmallest reorders a so that a[:k] holds its k smallest values (Hoare's selection).
func selectSmallest(a []float64, k int) {
	lo, hi := 0, len(a)-1
	for lo < hi {
		p := median3(a[lo], a[lo+(hi-lo)/2], a[hi])
		i, j := lo, hi
		for i <= j {
			for a[i] < p {
				i++
			}
			for a[j] > p {
				j--
			}
			if i <= j {
				a[i], a[j] = a[j], a[i]
				i, j = i+1, j-1
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return
		}
	}
}

func median3(a, b, c float64) float64 {
	if a > b {
		a, b = b, a
	}
	if b > c {
		b = c
	}
	return max(a, b)
}

func insertionSort(s []float64) {
	for i := 1; i < len(s); i++ {
		v, j := s[i], i
		for ; j > 0 && s[j-1] > v; j-- {
			s[j] = s[j-1]
		}
		s[j] = v
	}
}

package traces

import (
	"math"
	"sort"
)

// DefaultProbabilities returns the probability grid of the embedded model: 0, 0.005, …, 1 (201
// points) refined in both tails to steps of 0.001 below 0.005 and above 0.995, and to 0.0001 above
// 0.999, so that heavy tails (the code trace's inter-arrival gaps reach 217 s) keep their mean.
func DefaultProbabilities() []float64 {
	var k []int // in units of 1e-4
	for i := 0; i <= 200; i++ {
		k = append(k, 50*i)
	}
	for i := 1; i <= 4; i++ {
		k = append(k, 10*i, 10000-10*i)
	}
	for i := 1; i <= 9; i++ {
		k = append(k, 10000-i)
	}
	sort.Ints(k)
	p := make([]float64, 0, len(k))
	for i, v := range k {
		if i > 0 && v == k[i-1] {
			continue
		}
		p = append(p, float64(v)/1e4)
	}
	return p
}

// quantile returns the p-quantile of sorted data (type 7: linear interpolation between the order
// statistics at h = (n−1)p). sorted must be non-empty.
func quantile(sorted []float64, p float64) float64 {
	h := float64(len(sorted)-1) * p
	lo := math.Floor(h)
	i := int(lo)
	if i >= len(sorted)-1 {
		return sorted[len(sorted)-1]
	}
	return sorted[i] + (h-lo)*(sorted[i+1]-sorted[i])
}

// inverseCDF maps u ∈ [0, 1] to the quantile function that interpolates q linearly between the
// probabilities p (increasing from 0 to 1). It is the definition; the Sampler computes the same
// values, bit for bit, through a cdfGuide, which finds the same index faster.
func inverseCDF(p, q []float64, u float64) float64 {
	return interpolate(p, q, sort.SearchFloat64s(p, u), u)
}

// interpolate is inverseCDF given i, the first index with p[i] ≥ u (len(p) if none).
func interpolate(p, q []float64, i int, u float64) float64 {
	if i == 0 {
		return q[0]
	}
	if i >= len(p) {
		return q[len(q)-1]
	}
	f := (u - p[i-1]) / (p[i] - p[i-1])
	return q[i-1] + f*(q[i]-q[i-1])
}

// tableMean is the mean of the distribution whose quantile function interpolates q linearly
// between the probabilities p: Σ (p[i+1]−p[i])·(q[i]+q[i+1])/2.
func tableMean(p, q []float64) float64 {
	var s float64
	for i := 1; i < len(p); i++ {
		s += (p[i] - p[i-1]) * (q[i] + q[i-1]) / 2
	}
	return s
}

// TableMeans returns the means of the distributions the Sampler draws from: prompt and output
// tokens (before rounding to integers ≥ 1, which changes them by well under 1 %) and the
// inter-arrival time in seconds. They are exact for the piecewise-linear quantile functions and
// close to the trace's own means (MeanPrompt, MeanOutput, MeanInterarrivalS).
func (t *TraceModel) TableMeans() (prompt, output, interarrivalS float64) {
	p := t.Probabilities
	return tableMean(p, t.PromptTokens), tableMean(p, t.OutputTokens), tableMean(p, t.InterarrivalS)
}

// TableRate returns the mean arrival rate of the Sampler, requests/s: 1 / mean inter-arrival time.
// It is +Inf when the table's mean inter-arrival time is zero.
func (t *TraceModel) TableRate() float64 {
	_, _, ia := t.TableMeans()
	return 1 / ia
}

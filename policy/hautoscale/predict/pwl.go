package predict

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Sample is one profiling measurement: the inference time observed at a load.
type Sample struct {
	Load float64 // y: co-running application instances (or any load measure), ≥ 0.
	Time float64 // Observed inference time t_inf(y), s.
}

// Options configures Fit.
type Options struct {
	// Breakpoint ỹ, in the load's unit: segment I fits the samples with Load ≤ Breakpoint, segment II
	// the others, each side needing two distinct loads. 0: search every split between two distinct
	// sample loads for the least total squared error.
	Breakpoint float64
	// Conservative shifts each segment's least-squares line up by its largest residual, so that the
	// model is ≥ every sample (the paper's "conservative fit ... through piecewise linear bounding");
	// false: the average fit (least squares, which may underestimate).
	Conservative bool
}

// Model is the paper's two-segment piecewise-linear inference-time model (§6.2, eq. 5):
// t_inf(y) = Slope[0]·y + Intercept[0] if y ≤ Breakpoint, Slope[1]·y + Intercept[1] otherwise.
type Model struct {
	Breakpoint   float64    // ỹ, in the load's unit.
	Slope        [2]float64 // λ^I, λ^II, s per load unit.
	Intercept    [2]float64 // b^I, b^II, s.
	Conservative bool       // The lines were shifted up to bound the samples.
	SSE          float64    // Sum of squared residuals of the average fit, s².
}

// Predict returns the predicted inference time at load y, s.
func (m Model) Predict(y float64) float64 {
	k := 0
	if y > m.Breakpoint {
		k = 1
	}
	return m.Slope[k]*y + m.Intercept[k]
}

// MaxLoad returns the largest load y in [0, limit] with Predict(y) ≤ deadline, searched on the integers
// (loads are instance counts), or −1 if none: the admission bound of a replica.
func (m Model) MaxLoad(deadline float64, limit int) int {
	best := -1
	for y := 0; y <= limit; y++ {
		if m.Predict(float64(y)) <= deadline {
			best = y
		}
	}
	return best
}

// Fit fits the two-segment model to the samples by least squares (gonum stat.LinearRegression on each
// side of the breakpoint). When it searches the breakpoint, ỹ is where the two lines cross if that lies
// in [last load of segment I, first load of segment II] (an elbow), else the last load of
// segment I. It returns an error for non-finite or negative values, a given breakpoint leaving fewer
// than two distinct loads on a side, or fewer than four distinct loads when searching.
func Fit(samples []Sample, o Options) (Model, error) {
	if !(o.Breakpoint >= 0) || math.IsInf(o.Breakpoint, 0) {
		return Model{}, fmt.Errorf("predict: breakpoint %g must be finite and ≥ 0", o.Breakpoint)
	}
	s := slices.Clone(samples)
	for i, p := range s {
		if !(p.Load >= 0) || math.IsInf(p.Load, 0) || math.IsNaN(p.Time) || math.IsInf(p.Time, 0) {
			return Model{}, fmt.Errorf("predict: sample %d: load %g, time %g s: need finite values, load ≥ 0", i, p.Load, p.Time)
		}
	}
	slices.SortStableFunc(s, func(a, b Sample) int {
		switch {
		case a.Load < b.Load:
			return -1
		case a.Load > b.Load:
			return 1
		}
		return 0
	})
	// cuts[j] is the index of the first sample of the j-th distinct load.
	var cuts []int
	for i := range s {
		if i == 0 || s[i].Load != s[i-1].Load {
			cuts = append(cuts, i)
		}
	}
	var m Model
	if o.Breakpoint > 0 {
		n := slices.IndexFunc(s, func(p Sample) bool { return p.Load > o.Breakpoint })
		if n < 0 {
			n = len(s)
		}
		j := slices.Index(cuts, n)
		if j < 2 || len(cuts)-j < 2 {
			return Model{}, fmt.Errorf("predict: breakpoint %g leaves fewer than two distinct loads on a side (%d loads)", o.Breakpoint, len(cuts))
		}
		m = fitSplit(s, n)
		m.Breakpoint = o.Breakpoint
	} else {
		if len(cuts) < 4 {
			return Model{}, fmt.Errorf("predict: %d distinct loads: need ≥ 4 to search a breakpoint", len(cuts))
		}
		m.SSE = math.Inf(1)
		for j := 2; j <= len(cuts)-2; j++ {
			if c := fitSplit(s, cuts[j]); c.SSE < m.SSE {
				m = c
			}
		}
	}
	if o.Conservative {
		m.Conservative = true
		n := slices.IndexFunc(s, func(p Sample) bool { return p.Load > m.Breakpoint })
		if n < 0 {
			n = len(s)
		}
		for k, part := range [2][]Sample{s[:n], s[n:]} {
			up := 0.0
			for _, p := range part {
				up = math.Max(up, p.Time-(m.Slope[k]*p.Load+m.Intercept[k]))
			}
			m.Intercept[k] += up
		}
	}
	return m, nil
}

// fitSplit fits s[:n] and s[n:] (sorted by load) separately and places the breakpoint.
func fitSplit(s []Sample, n int) Model {
	var m Model
	for k, part := range [2][]Sample{s[:n], s[n:]} {
		x, y := make([]float64, len(part)), make([]float64, len(part))
		for i, p := range part {
			x[i], y[i] = p.Load, p.Time
		}
		b, a := stat.LinearRegression(x, y, nil, false)
		m.Slope[k], m.Intercept[k] = a, b
		for i := range x {
			r := y[i] - (a*x[i] + b)
			m.SSE += r * r
		}
	}
	lo, hi := s[n-1].Load, s[n].Load
	m.Breakpoint = lo
	if d := m.Slope[0] - m.Slope[1]; d != 0 {
		if x := (m.Intercept[1] - m.Intercept[0]) / d; x >= lo && x <= hi {
			m.Breakpoint = x
		}
	}
	return m
}

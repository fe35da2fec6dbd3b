package telemetry

import (
	"fmt"
	"math"
	"sort"
)

// timeSlack is the tolerance, as a fraction of the step, with which Query takes a sample time for
// an evaluation time: start + k·step and the sample times k'·Step are computed in floating point, and
// a rounding difference must not miss the sample of the same nominal time.
const timeSlack = 1e-9

// MaxPoints is the most evaluation times one query may ask for per series, as Prometheus's
// query_range limit (11,000 points per time series).
const MaxPoints = 11000

// Query answers a range query as Prometheus's /api/v1/query_range does for the selector
// metric{label="value", …}: one Series per node whose labels (LabelName = metric, LabelNode,
// LabelCluster) equal every pair of sel (a label a series lacks has the value "", so a pair with an
// unknown label and a non-empty value matches nothing), in node order, each with at most one Sample
// per evaluation time.
//
// Evaluation times are start, start + step, start + 2·step, … up to end (start + k·step computed in
// floating point, no alignment: align start to a multiple of step yourself, as Grafana does, for
// windows that do not shift). At an evaluation time t the sample is the latest one stored at a time
// T with t − Lookback < T ≤ t (T up to 1e-9·Step after t counts, against rounding), stamped t: between sample times the value holds (no interpolation), a
// time before the first sample, more than Lookback after the last, or older than the retention has
// no sample. Series with no sample in the window are left out; an unknown metric gives an empty
// matrix. Times are s since the start of the run.
//
// It fails if start, end or step is not finite, step ≤ 0, end < start, or the query asks for more
// than MaxPoints evaluation times.
func (r *Recorder) Query(metric string, sel map[string]string, start, end, step float64) (Matrix, error) {
	if err := checkRange(start, end, step); err != nil {
		return nil, err
	}
	out := Matrix{}
	m := metricIndex(metric)
	if m < 0 {
		return out, nil
	}
	// The matching nodes first, then one backing array for all their samples (a series is a
	// capacity-limited part of it): two allocations instead of one growing slice per series.
	type match struct {
		n      int
		labels map[string]string
	}
	var ms []match
	for n := range r.nodes {
		labels := map[string]string{LabelName: metric, LabelNode: r.nodes[n], LabelCluster: r.cluster[n]}
		if matches(labels, sel) {
			ms = append(ms, match{n, labels})
		}
	}
	if len(ms) == 0 {
		return out, nil
	}
	// The stored row of every evaluation time, found once for all the series.
	type point struct {
		t   float64
		row int
	}
	var pts []point
	for k := 0; ; k++ {
		t := start + float64(k)*step
		if t > end {
			break
		}
		if i, ok := r.at(t); ok {
			pts = append(pts, point{t, i})
		}
	}
	buf := make([]Sample, 0, len(ms)*len(pts))
	for _, x := range ms {
		first := len(buf)
		for _, p := range pts {
			buf = append(buf, Sample{T: p.t, V: r.value(p.row, x.n, m)})
		}
		if len(buf) > first {
			out = append(out, Series{Metric: x.labels, Values: buf[first:len(buf):len(buf)]})
		}
	}
	return out, nil
}

func checkRange(start, end, step float64) error {
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !finite(start) || !finite(end) || !finite(step):
		return fmt.Errorf("telemetry: query start %g, end %g, step %g: must be finite", start, end, step)
	case step <= 0:
		return fmt.Errorf("telemetry: query step %g s: must be > 0", step)
	case end < start:
		return fmt.Errorf("telemetry: query end %g before start %g", end, start)
	case (end-start)/step >= MaxPoints:
		return fmt.Errorf("telemetry: query of %g points: more than %d per series", math.Floor((end-start)/step)+1, MaxPoints)
	}
	return nil
}

// matches reports whether labels has every pair of sel (a missing label is "").
func matches(labels, sel map[string]string) bool {
	for k, v := range sel {
		if labels[k] != v {
			return false
		}
	}
	return true
}

// at returns the logical row of the latest sample at a time T with t − Lookback < T ≤ t (T within
// timeSlack·Step after t counts as at t).
func (r *Recorder) at(t float64) (int, bool) {
	tt := t + timeSlack*r.o.Step
	i := sort.Search(r.rows, func(i int) bool { return r.times[r.row(i)] > tt }) - 1
	if i < 0 || r.times[r.row(i)] <= t-r.o.Lookback {
		return 0, false
	}
	return i, true
}

// Range returns the stored samples of metric whose time T has start < T ≤ end, with their own
// times: Prometheus's range selector metric{…}[end − start] evaluated at end (left-open, as since
// Prometheus 3.0). Series are selected and ordered as by Query; series with no sample in the window
// are left out. It fails if start or end is not finite or end < start.
func (r *Recorder) Range(metric string, sel map[string]string, start, end float64) (Matrix, error) {
	if math.IsNaN(start) || math.IsInf(start, 0) || math.IsNaN(end) || math.IsInf(end, 0) || end < start {
		return nil, fmt.Errorf("telemetry: range (%g, %g]: must be finite with end ≥ start", start, end)
	}
	out := Matrix{}
	m := metricIndex(metric)
	if m < 0 {
		return out, nil
	}
	first := sort.Search(r.rows, func(i int) bool { return r.times[r.row(i)] > start })
	for n := range r.nodes {
		labels := map[string]string{LabelName: metric, LabelNode: r.nodes[n], LabelCluster: r.cluster[n]}
		if !matches(labels, sel) {
			continue
		}
		var vs []Sample
		for i := first; i < r.rows && r.times[r.row(i)] <= end; i++ {
			vs = append(vs, Sample{T: r.times[r.row(i)], V: r.value(i, n, m)})
		}
		if len(vs) > 0 {
			out = append(out, Series{Metric: labels, Values: vs})
		}
	}
	return out, nil
}

// value returns metric m of node n in logical row i.
func (r *Recorder) value(i, n, m int) float64 {
	return r.vals[r.row(i)*len(r.nodes)*numMetrics+n*numMetrics+m]
}

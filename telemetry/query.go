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
	r.grid(start, end, step)
	r.gridAt = gridKey{start, end, step, r.gen}
	if len(r.gridT) == 0 {
		return out, nil
	}
	sel0 := r.selected(metric, sel)
	if len(sel0) == 0 {
		return out, nil
	}
	// One backing array for every series (each capped to its own part), one label map per series.
	k := len(r.gridT)
	vs := make([]Sample, k*len(sel0))
	out = make(Matrix, len(sel0))
	for j, n := range sel0 {
		v := vs[j*k : (j+1)*k : (j+1)*k]
		for x, t := range r.gridT {
			v[x] = Sample{T: t, V: r.value(r.gridRow[x], n, m)}
		}
		out[j] = Series{Metric: r.labels(metric, n), Values: v}
	}
	return out, nil
}

// QueryNode appends to dst the samples of node n's series of metric that Query(metric, sel, start,
// end, step) returns for any sel selecting that node (none if Query leaves the series out, as for an
// unknown metric), and returns the extended slice: Query without label maps or a matrix, for
// in-process readers that know their nodes (NodesOf). It fails as Query does, and for a node index
// out of range. The evaluation times are computed once for consecutive calls with the same window
// between two samples.
func (r *Recorder) QueryNode(dst []Sample, metric string, n int, start, end, step float64) ([]Sample, error) {
	if err := checkRange(start, end, step); err != nil {
		return dst, err
	}
	if n < 0 || n >= len(r.nodes) {
		return dst, fmt.Errorf("telemetry: node index %d: have %d nodes", n, len(r.nodes))
	}
	m := metricIndex(metric)
	if m < 0 {
		return dst, nil
	}
	if g := (gridKey{start, end, step, r.gen}); g != r.gridAt {
		r.grid(start, end, step)
		r.gridAt = g
	}
	for x, t := range r.gridT {
		dst = append(dst, Sample{T: t, V: r.value(r.gridRow[x], n, m)})
	}
	return dst, nil
}

// NodesOf returns the indices of cluster's nodes (label LabelCluster), in node order.
func (r *Recorder) NodesOf(cluster string) []int {
	var out []int
	for n, c := range r.cluster {
		if c == cluster {
			out = append(out, n)
		}
	}
	return out
}

// gridKey identifies the evaluation grid last computed: the window and the ring's generation.
type gridKey struct {
	start, end, step float64
	gen              uint64
}

// grid sets gridT and gridRow to the evaluation times t = start + k·step ≤ end that have a sample
// and that sample's logical row: the latest at a time T with t − Lookback < T ≤ t (T within
// timeSlack·Step after t counts as at t). Evaluation times increase with k, so the rows are found by one
// binary search and a forward scan.
func (r *Recorder) grid(start, end, step float64) {
	r.gridT, r.gridRow = r.gridT[:0], r.gridRow[:0]
	j := -1 // number of logical rows with a time ≤ the current tt; -1 before the first search
	for k := 0; ; k++ {
		t := start + float64(k)*step
		if t > end {
			break
		}
		tt := t + timeSlack*r.o.Step
		if j < 0 {
			j = sort.Search(r.rows, func(i int) bool { return r.times[r.row(i)] > tt })
		} else {
			for j < r.rows && r.times[r.row(j)] <= tt {
				j++
			}
		}
		i := j - 1
		if i < 0 || r.times[r.row(i)] <= t-r.o.Lookback {
			continue
		}
		r.gridT, r.gridRow = append(r.gridT, t), append(r.gridRow, i)
	}
}

// selected returns the indices of the nodes whose labels for metric match sel, in node order, in a
// buffer reused by the next call.
func (r *Recorder) selected(metric string, sel map[string]string) []int {
	r.sel = r.sel[:0]
	for n := range r.nodes {
		if r.matches(metric, n, sel) {
			r.sel = append(r.sel, n)
		}
	}
	return r.sel
}

// labels returns a new label map of node n's series of metric.
func (r *Recorder) labels(metric string, n int) map[string]string {
	return map[string]string{LabelName: metric, LabelNode: r.nodes[n], LabelCluster: r.cluster[n]}
}

// label returns the value of label k of node n's series of metric ("" for a label it lacks).
func (r *Recorder) label(metric string, n int, k string) string {
	switch k {
	case LabelName:
		return metric
	case LabelNode:
		return r.nodes[n]
	case LabelCluster:
		return r.cluster[n]
	}
	return ""
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

// matches reports whether node n's series of metric has every label pair of sel (a missing label is "").
func (r *Recorder) matches(metric string, n int, sel map[string]string) bool {
	for k, v := range sel {
		if r.label(metric, n, k) != v {
			return false
		}
	}
	return true
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
	last := first
	for last < r.rows && r.times[r.row(last)] <= end {
		last++
	}
	k := last - first
	if k == 0 {
		return out, nil
	}
	sel0 := r.selected(metric, sel)
	if len(sel0) == 0 {
		return out, nil
	}
	vs := make([]Sample, k*len(sel0))
	out = make(Matrix, len(sel0))
	for j, n := range sel0 {
		v := vs[j*k : (j+1)*k : (j+1)*k]
		for x := range v {
			i := first + x
			v[x] = Sample{T: r.times[r.row(i)], V: r.value(i, n, m)}
		}
		out[j] = Series{Metric: r.labels(metric, n), Values: v}
	}
	return out, nil
}

// value returns metric m of node n in logical row i.
func (r *Recorder) value(i, n, m int) float64 {
	return r.vals[r.row(i)*len(r.nodes)*numMetrics+n*numMetrics+m]
}

package scoring

import (
	"math"
	"slices"
	"strings"

	"github.com/airansim/airansim/telemetry"
)

// Metric names the built-in scorers read by default: the node telemetry's series names (the same
// strings as telemetry.GPUUtilisation, CPUUtilisation, PowerW and Throughput on the telemetry branch).
// Each scorer's options can name others.
const (
	MetricGPUUtilisation = "gpu_utilisation" // Fraction of the node's GPU capacity in use, 0..1.
	MetricCPUUtilisation = "cpu_utilisation" // Fraction of the node's CPU capacity in use, 0..1.
	MetricPower          = "power_w"         // Mean node power over the step, W.
	MetricThroughput     = "throughput_rps"  // Requests finished on the node per second, requests/s.
)

// Window is the declared call timing of a built-in scorer. The zero value gives the defaults.
type Window struct {
	Interval float64 // Time between calls, s; default 5 (the placement epoch Δ).
	Range    float64 // Window length, s; default 60.
	Step     float64 // Window resolution, s; default 5.
}

func (w Window) withDefaults() Window {
	if w.Interval == 0 {
		w.Interval = 5
	}
	if w.Range == 0 {
		w.Range = 60
	}
	if w.Step == 0 {
		w.Step = 5
	}
	return w
}

// nodeWindow is the window of one node: its series, in matrix order.
type nodeWindow struct {
	node   string
	series []nodeSeries
}

// nodeSeries is one series of a node's window: its metric name and samples.
type nodeSeries struct {
	metric string
	values []telemetry.Sample
}

// byNode groups a matrix by its "node" label (series without one are grouped under ""), nodes in
// increasing name order. It copies no samples.
func byNode(m telemetry.Matrix) []nodeWindow {
	type ref struct {
		node string
		i    int
	}
	refs := make([]ref, len(m))
	for i := range m {
		refs[i] = ref{m[i].Metric["node"], i}
	}
	slices.SortStableFunc(refs, func(a, b ref) int { return strings.Compare(a.node, b.node) })
	ps := make([]nodeSeries, len(m))
	groups := 0
	for i, r := range refs {
		ps[i] = nodeSeries{m[r.i].Metric["__name__"], m[r.i].Values}
		if i == 0 || r.node != refs[i-1].node {
			groups++
		}
	}
	out := make([]nodeWindow, 0, groups)
	for i := 0; i < len(ps); {
		j := i + 1
		for j < len(ps) && refs[j].node == refs[i].node {
			j++
		}
		out = append(out, nodeWindow{node: refs[i].node, series: ps[i:j:j]})
		i = j
	}
	return out
}

// appendFinite appends every finite sample of the node's series of metric to dst, in series order.
func (w nodeWindow) appendFinite(dst []telemetry.Sample, metric string) []telemetry.Sample {
	for _, s := range w.series {
		if s.metric != metric {
			continue
		}
		for _, x := range s.values {
			if !math.IsNaN(x.V) && !math.IsInf(x.V, 0) {
				dst = append(dst, x)
			}
		}
	}
	return dst
}

// result is a built-in scorer's result before it becomes a Result: the labels it may carry ("node"
// and "meta", each left out when "") and the score.
type result struct {
	node, meta string
	score      float64
}

// windowScorer is a built-in scorer: it scores windows grouped by node (byNode's form), which the
// hub builds from a telemetry.Recorder without a matrix. Score is scoreWindow on byNode(data).
type windowScorer interface {
	Scorer
	// scoreWindow appends the results of the window to out and returns it; scratch is reused.
	scoreWindow(ws []nodeWindow, out []result, scratch *[]telemetry.Sample) []result
}

// results returns the public form of rs: labels {"node": …, "meta": …}, each only when not "".
func results(rs []result) []Result {
	if len(rs) == 0 {
		return nil
	}
	out := make([]Result, 0, len(rs))
	for _, r := range rs {
		l := nodeLabels(r.node)
		if r.meta != "" {
			l["meta"] = r.meta
		}
		out = append(out, Result{Metric: l, Score: r.score})
	}
	return out
}

// mean returns the mean of the node's finite samples of metric, each mapped by g, and false if there are none.
func (w nodeWindow) mean(metric string, g func(float64) float64) (float64, bool) {
	s, n := 0.0, 0
	for _, ser := range w.series { // appendFinite's samples, without a copy
		if ser.metric != metric {
			continue
		}
		for _, x := range ser.values {
			if !math.IsNaN(x.V) && !math.IsInf(x.V, 0) {
				s += g(x.V)
				n++
			}
		}
	}
	if n == 0 {
		return 0, false
	}
	return s / float64(n), true
}

// peak returns the largest finite sample of metric on the node and false if there is none.
func (w nodeWindow) peak(metric string) (float64, bool) {
	p, n := math.Inf(-1), 0
	for _, ser := range w.series { // appendFinite's samples, without a copy
		if ser.metric != metric {
			continue
		}
		for _, x := range ser.values {
			if !math.IsNaN(x.V) && !math.IsInf(x.V, 0) {
				p = math.Max(p, x.V)
				n++
			}
		}
	}
	return p, n > 0
}

func identity(v float64) float64 { return v }

func clamp(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

// nodeLabels returns the result labels of a node's score.
func nodeLabels(node string) map[string]string {
	if node == "" {
		return map[string]string{}
	}
	return map[string]string{"node": node}
}

// builtinConfig returns a built-in scorer's declared configuration.
func builtinConfig(name, desc, score, query string, w Window) Config {
	return Config{
		Name: name, Description: desc,
		Source:  SourceConfig{Type: SourcePrometheus, Path: "/api/v1/query_range", Params: SourceParams{Query: query, Range: w.Range, Step: w.Step}},
		Scoring: ScoringConfig{Path: DefaultScoringPath, Params: ScoringParams{Name: score, Interval: w.Interval}},
	}
}

package scoring

import (
	"math"
	"sort"

	"github.com/airansim/airansim/telemetry"
)

// Metric names the built-in scorers read by default: the node telemetry's series names. Each
// scorer's options can name others.
const (
	MetricGPUUtilisation = "gpu_utilisation" // Fraction of the node's GPU capacity in use, 0..1.
	MetricCPUUtilisation = "cpu_utilisation" // Fraction of the node's CPU capacity in use, 0..1.
	MetricPower          = "power_w"         // Node power draw, W.
	MetricThroughput     = "throughput"      // Node throughput, in the telemetry's unit per s.
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

// nodeWindow is the window of one node: its finite samples per metric name, all series of a
// metric on the node concatenated.
type nodeWindow struct {
	node    string
	metrics map[string][]telemetry.Sample
}

// byNode groups a matrix by its "node" label (series without one are grouped under ""), nodes in
// increasing name order. Non-finite samples are dropped.
func byNode(m telemetry.Matrix) []nodeWindow {
	idx := map[string]int{}
	var out []nodeWindow
	for _, s := range m {
		n := s.Metric["node"]
		i, ok := idx[n]
		if !ok {
			i = len(out)
			idx[n] = i
			out = append(out, nodeWindow{node: n, metrics: map[string][]telemetry.Sample{}})
		}
		name := s.Metric["__name__"]
		for _, v := range s.Values {
			if !math.IsNaN(v.V) && !math.IsInf(v.V, 0) {
				out[i].metrics[name] = append(out[i].metrics[name], v)
			}
		}
	}
	sort.Slice(out, func(a, b int) bool { return out[a].node < out[b].node })
	return out
}

// mean returns the mean value of xs and false if xs is empty.
func mean(xs []telemetry.Sample) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	s := 0.0
	for _, x := range xs {
		s += x.V
	}
	return s / float64(len(xs)), true
}

// peak returns the largest value of xs and false if xs is empty.
func peak(xs []telemetry.Sample) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	p := xs[0].V
	for _, x := range xs[1:] {
		p = math.Max(p, x.V)
	}
	return p, true
}

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

package scoring

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/telemetry"
)

// fakeSource answers windows of synthetic series: nodes n0..n{nodes-1} of every cluster, sampled at
// the multiples of step in [max(start, 0), end], value = fn(metric, node index, t).
type fakeSource struct {
	nodes int
	fn    func(metric string, node int, t float64) float64
	fail  bool // Every query fails.
	calls int
}

func (f *fakeSource) Query(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error) {
	f.calls++
	if f.fail {
		return nil, errors.New("fake source down")
	}
	first := math.Ceil(math.Max(start, 0)/step) * step
	out := make(telemetry.Matrix, f.nodes)
	for n := range f.nodes {
		s := telemetry.Series{Metric: map[string]string{"__name__": metric, "cluster": match["cluster"], "node": fmt.Sprintf("n%d", n)}}
		for t := first; t <= end+1e-9; t += step {
			s.Values = append(s.Values, telemetry.Sample{T: t, V: f.fn(metric, n, t)})
		}
		out[n] = s
	}
	return out, nil
}

// defaultFn is a deterministic window with some structure per metric and node.
func defaultFn(metric string, n int, t float64) float64 {
	switch metric {
	case MetricPower:
		return 200 + 10*float64(n) + t
	case MetricThroughput:
		return 50 + float64(n)
	case MetricCPUUtilisation:
		return math.Mod(0.1*float64(n)+0.01*t, 1)
	}
	return math.Mod(0.05*float64(n)+0.02*t, 1)
}

// fixedScorer answers the same results (or error) whatever the window, counting its calls.
type fixedScorer struct {
	cfg   Config
	res   []Result
	err   error
	calls int
}

func (s *fixedScorer) Config() Config { return s.cfg }
func (s *fixedScorer) Score(context.Context, telemetry.Matrix) ([]Result, error) {
	s.calls++
	return s.res, s.err
}

// testConfig returns a valid config with score name score and interval 10 s, window 30/10 s.
func testConfig(name string) Config {
	return Config{Name: name, Source: SourceConfig{Type: SourcePrometheus, Params: SourceParams{Query: MetricGPUUtilisation, Range: 30, Step: 10}},
		Scoring: ScoringConfig{Path: "/scoring", Params: ScoringParams{Name: name + "_score", Interval: 10}}}
}

type telemetryMatrix = telemetry.Matrix

func ftoa(v float64) string { return fmt.Sprint(v) }

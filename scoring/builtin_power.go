package scoring

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/telemetry"
)

// ThroughputPerWattOptions configures the throughput-per-watt scorer. The zero value works.
type ThroughputPerWattOptions struct {
	Window
	Throughput string  // Throughput metric, unit/s (requests/s for the default); default MetricThroughput.
	Power      string  // Power metric, W; default MetricPower.
	Reference  float64 // Efficiency that scores 100, unit/J (requests/J for the default); default 1.
}

// ThroughputPerWatt scores each node's energy efficiency over the window:
//
//	eff(node)   = mean(throughput) / mean(power)      (requests/s ÷ W = requests/J)
//	score(node) = min(100 · eff / Reference, 100)
//
// A node without samples of both metrics, or with mean power ≤ 0, gets no score.
type ThroughputPerWatt struct{ o ThroughputPerWattOptions }

// NewThroughputPerWatt returns the throughput-per-watt scorer.
func NewThroughputPerWatt(o ThroughputPerWattOptions) *ThroughputPerWatt {
	o.Window = o.Window.withDefaults()
	if o.Throughput == "" {
		o.Throughput = MetricThroughput
	}
	if o.Power == "" {
		o.Power = MetricPower
	}
	if o.Reference <= 0 || math.IsNaN(o.Reference) || math.IsInf(o.Reference, 0) {
		o.Reference = 1
	}
	return &ThroughputPerWatt{o}
}

// Config returns the declared configuration.
func (s *ThroughputPerWatt) Config() Config {
	return builtinConfig(ThroughputPerWattName, fmt.Sprintf("Mean throughput per mean watt of each node over the window, 100 at %g per joule", s.o.Reference),
		ThroughputPerWattScore, s.o.Throughput+";"+s.o.Power, s.o.Window)
}

// Score returns one score per node.
func (s *ThroughputPerWatt) Score(_ context.Context, data telemetry.Matrix) ([]Result, error) {
	ws := byNode(data)
	return results(s.scoreWindow(ws, make([]result, 0, len(ws)*s.perNode()), nil)), nil
}

func (s *ThroughputPerWatt) scoreWindow(ws []nodeWindow, out []result, _ *[]telemetry.Sample) []result {
	for _, w := range ws {
		tp, ok1 := w.mean(s.o.Throughput, identity)
		p, ok2 := w.mean(s.o.Power, identity)
		if !ok1 || !ok2 || p <= 0 {
			continue
		}
		out = append(out, result{node: w.node, score: math.Min(100*(tp/p)/s.o.Reference, 100)})
	}
	return out
}

// Candidate is a GPU configuration the power forecast is evaluated for: the power it would add, W
// (e.g. a MIG layout and the workload deployed on it, measured at deployment).
type Candidate struct {
	Name        string  `json:"name"`          // Result label "meta" (dimension placeholder ${meta}).
	ExtraPowerW float64 `json:"extra_power_w"` // Power added to the forecast, W.
}

// Scopes of the power forecast.
const (
	ScopeCluster = "cluster" // One forecast of the cluster's total power (the blog's use).
	ScopeNode    = "node"    // One forecast per node.
)

// PowerForecastOptions configures the power-forecast scorer. The zero value works.
type PowerForecastOptions struct {
	Window
	Metric     string      // Power metric, W; default MetricPower.
	CapW       float64     // Power cap of the scope, W; default 5000.
	Horizon    float64     // Forecast lead time after the window's last sample, s; default 300 (the addon's simple prediction scorer looks 5 min ahead).
	Candidates []Candidate // Configurations scored; default one, {"current", 0}.
	Scope      string      // ScopeCluster (default) or ScopeNode.
}

// PowerForecast forecasts power with a least-squares linear trend over the window and scores each
// candidate configuration by the headroom left under the cap:
//
//	P(t) = Σ over the scope's series of the samples at t          (W)
//	b = Σ (t−t̄)(P−P̄) / Σ (t−t̄)²   (0 with one sample time),  P̂ = max(0, P̄ + b·(t_last + Horizon − t̄))
//	score(k) = clamp(100 · (CapW − P̂ − ExtraPowerW_k) / CapW, −100, 100)
//
// t̄ and P̄ are the means over the sample times, t_last the last one. A score is 100 with no power
// at all, 0 exactly at the cap and negative over it. Results are labelled {"meta": candidate} and,
// in ScopeNode, "node". A scope without samples gets no score.
type PowerForecast struct{ o PowerForecastOptions }

// NewPowerForecast returns the power-forecast scorer, or an error for an unknown scope or a
// candidate with a non-finite power or a repeated name.
func NewPowerForecast(o PowerForecastOptions) (*PowerForecast, error) {
	o.Window = o.Window.withDefaults()
	if o.Metric == "" {
		o.Metric = MetricPower
	}
	if o.CapW == 0 {
		o.CapW = 5000
	}
	if o.Horizon == 0 {
		o.Horizon = 300
	}
	if len(o.Candidates) == 0 {
		o.Candidates = []Candidate{{Name: "current"}}
	}
	if o.Scope == "" {
		o.Scope = ScopeCluster
	}
	who := "scorer " + quote(PowerForecastName)
	if err := positive(who, "cap_w", o.CapW); err != nil {
		return nil, err
	}
	if math.IsNaN(o.Horizon) || math.IsInf(o.Horizon, 0) || o.Horizon < 0 {
		return nil, cfgErr(who, "horizon", "must be a finite number ≥ 0, got %g", o.Horizon)
	}
	if o.Scope != ScopeCluster && o.Scope != ScopeNode {
		return nil, cfgErr(who, "scope", "must be %q or %q, got %q", ScopeCluster, ScopeNode, o.Scope)
	}
	seen := map[string]bool{}
	for i, c := range o.Candidates {
		key := fmt.Sprintf("candidates[%d]", i)
		if math.IsNaN(c.ExtraPowerW) || math.IsInf(c.ExtraPowerW, 0) {
			return nil, cfgErr(who, key+".extra_power_w", "must be finite, got %g", c.ExtraPowerW)
		}
		if seen[c.Name] {
			return nil, cfgErr(who, key+".name", "repeats %q", c.Name)
		}
		seen[c.Name] = true
	}
	return &PowerForecast{o}, nil
}

// Config returns the declared configuration.
func (s *PowerForecast) Config() Config {
	return builtinConfig(PowerForecastName, fmt.Sprintf("Headroom under a %g W cap of the %s power forecast %g s ahead (linear trend), per candidate GPU configuration", s.o.CapW, s.o.Scope, s.o.Horizon),
		PowerForecastScore, s.o.Metric, s.o.Window)
}

// Score returns one score per candidate (per node and candidate in ScopeNode).
func (s *PowerForecast) Score(_ context.Context, data telemetry.Matrix) ([]Result, error) {
	ws := byNode(data)
	return results(s.scoreWindow(ws, make([]result, 0, len(ws)*s.perNode()), nil)), nil
}

func (s *PowerForecast) scoreWindow(ws []nodeWindow, out []result, scratch *[]telemetry.Sample) []result {
	var xs []telemetry.Sample
	if scratch != nil {
		xs = (*scratch)[:0]
		defer func() { *scratch = xs[:0] }()
	}
	if s.o.Scope == ScopeCluster {
		for _, w := range ws {
			xs = w.appendFinite(xs, s.o.Metric)
		}
		if p, ok := forecast(xs, s.o.Horizon); ok {
			out = s.candidates(out, "", p)
		}
		return out
	}
	for _, w := range ws {
		xs = w.appendFinite(xs[:0], s.o.Metric)
		if p, ok := forecast(xs, s.o.Horizon); ok {
			out = s.candidates(out, w.node, p)
		}
	}
	return out
}

func (s *PowerForecast) candidates(out []result, node string, p float64) []result {
	for _, c := range s.o.Candidates {
		out = append(out, result{node: node, meta: c.Name, score: clamp(100*(s.o.CapW-p-c.ExtraPowerW)/s.o.CapW, -100, 100)})
	}
	return out
}

// forecast sums the samples by time and extrapolates their least-squares line to horizon s after
// the last time, floored at 0; false without samples. It reorders xs.
func forecast(xs []telemetry.Sample, horizon float64) (float64, bool) {
	if len(xs) == 0 {
		return 0, false
	}
	// Sum the samples of equal times in place, in time order (stable: sums in matrix order).
	sortByTime(xs)
	k := 0
	for i := 1; i < len(xs); i++ {
		if xs[i].T == xs[k].T {
			xs[k].V += xs[i].V
		} else {
			k++
			xs[k] = xs[i]
		}
	}
	pts := xs[:k+1]
	n := float64(len(pts))
	tm, pm := 0.0, 0.0
	for _, p := range pts {
		tm += p.T
		pm += p.V
	}
	tm, pm = tm/n, pm/n
	num, den := 0.0, 0.0
	for _, p := range pts {
		num += (p.T - tm) * (p.V - pm)
		den += (p.T - tm) * (p.T - tm)
	}
	b := 0.0
	if den > 0 {
		b = num / den
	}
	return math.Max(0, pm+b*(pts[len(pts)-1].T+horizon-tm)), true
}

// maxRuns is the most sorted runs sortByTime merges; more are sorted by slices.SortStableFunc.
const maxRuns = 16

// sortByTime sorts xs by increasing time, stably, as slices.SortStableFunc does, with the same
// result. The samples of a window are a few series in increasing time one after another, so it
// merges those runs (left first on equal times) instead of sorting; a window of more runs is sorted.
func sortByTime(xs []telemetry.Sample) {
	var ends [maxRuns + 1]int
	k := 0
	for i := 1; i <= len(xs); i++ {
		if i == len(xs) || xs[i].T < xs[i-1].T {
			if k == maxRuns {
				slices.SortStableFunc(xs, func(a, b telemetry.Sample) int { return cmp.Compare(a.T, b.T) })
				return
			}
			ends[k] = i
			k++
		}
	}
	if k <= 1 {
		return
	}
	var buf [64]telemetry.Sample
	tmp := buf[:0]
	for k > 1 { // Merge adjacent runs pairwise, left run first on equal times: stable.
		j, start := 0, 0
		for i := 0; i < k; i += 2 {
			if i+1 == k {
				ends[j] = ends[i]
				j++
				break
			}
			mid, end := ends[i], ends[i+1]
			tmp = append(tmp[:0], xs[start:mid]...)
			a, b, o := 0, mid, start
			for a < len(tmp) && b < end {
				if xs[b].T < tmp[a].T {
					xs[o] = xs[b]
					b++
				} else {
					xs[o] = tmp[a]
					a++
				}
				o++
			}
			copy(xs[o:], tmp[a:]) // What is left of the right run is in place.
			ends[j] = end
			j++
			start = end
		}
		k = j
	}
}

// perNode is the most results per node of the window.
func (*ThroughputPerWatt) perNode() int { return 1 }

// perNode is the most results per node of the window (per candidate; one node's worth in ScopeCluster).
func (s *PowerForecast) perNode() int { return len(s.o.Candidates) }

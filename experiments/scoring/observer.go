package main

import (
	"context"
	"math"
	"time"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// observer is a controller appended after every method's own: each epoch it advances a monitoring
// scoring hub (scoring.StandardHub with the cap and horizon of the run) on the run's telemetry and
// records every cluster's power forecast and the power it drew over the epoch against the cap. It
// returns no plan, so it changes nothing in the run but the engine's event count. The cap is the
// whole run's (every cluster together), as the dynamic-scoring method's PowerCapW.
type observer struct {
	rec     *telemetry.Recorder
	opts    scoring.StandardOptions
	capW    float64
	hub     *scoring.Hub
	wall    time.Duration // wall-clock time in Advance (every scorer call and window query)
	epochs  int
	fcMax   float64 // largest power forecast (Σ over clusters) of any epoch, W
	fcOver  int     // epochs whose forecast exceeds the cap
	pMax    float64 // largest mean power (Σ over clusters) over an epoch, W
	pOver   int     // epochs whose mean power over the epoch exceeds the cap
	clamped int     // forecasts beyond 2 × cap (the score is clamped at −100: the forecast is at least that)
}

func (o *observer) Name() string { return "scoring-observer" }

func (o *observer) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if o.hub == nil {
		cs := make([]scoring.Cluster, len(s.Clusters))
		for i, c := range s.Clusters {
			cs[i] = scoring.Cluster{Name: c.Name, Labels: c.Labels}
		}
		h, err := scoring.StandardHub(o.rec, cs, o.opts)
		if err != nil {
			return nil, err
		}
		o.hub = h
	}
	t0 := time.Now()
	if err := o.hub.Advance(ctx, s.Time); err != nil {
		return nil, err
	}
	o.wall += time.Since(t0)
	o.epochs++
	fc, pw, seen := 0.0, 0.0, false
	for _, c := range s.Clusters {
		if v, ok := o.hub.Store().Value(c.Name, scoring.PowerForecastScore, scoring.PowerForecastScore, s.Time); ok {
			fc += o.capW * (1 - v/100) // the score's inverse, exact for forecasts in [0, 2·cap]
			seen = true
			if v <= -100 {
				o.clamped++
			}
		}
		p, err := meanPower(o.rec, c.Name, s.Time-s.Window, s.Time)
		if err != nil {
			return nil, err
		}
		pw += p
	}
	if seen {
		o.fcMax = math.Max(o.fcMax, fc)
		if fc > o.capW {
			o.fcOver++
		}
	}
	o.pMax = math.Max(o.pMax, pw)
	if pw > o.capW {
		o.pOver++
	}
	return nil, nil
}

// meanPower returns a cluster's mean power over (start, end], W: Σ over its nodes of the mean of
// their power_w samples in the window (0 without samples).
func meanPower(rec *telemetry.Recorder, cluster string, start, end float64) (float64, error) {
	if end <= start {
		return 0, nil
	}
	m, err := rec.Range(telemetry.PowerW, map[string]string{"cluster": cluster}, start, end)
	if err != nil {
		return 0, err
	}
	p := 0.0
	for _, s := range m {
		if len(s.Values) == 0 {
			continue
		}
		sum := 0.0
		for _, x := range s.Values {
			sum += x.V
		}
		p += sum / float64(len(s.Values))
	}
	return p, nil
}

// probe links one run's method (which builds the observer) to its measures (which read it).
type probe struct {
	obs *observer
	dyn *dynscore.Controller // the dynamic-scoring controller of the run; nil for the other methods
}

// stats sums the monitoring hub's counters over clusters and scorers.
func (p *probe) stats() (calls, errs int, wall time.Duration) {
	if p.obs == nil || p.obs.hub == nil {
		return 0, 0, 0
	}
	for _, s := range p.obs.hub.Stats() {
		calls += s.Calls
		errs += s.Failed
		wall += s.Latency
	}
	return calls, errs, p.obs.wall
}

// registry returns the registry of one run: the variant named name, its options configured and the
// observer appended, feeding p.
func registry(name string, v variant, sc *scenario.Scenario, load float64, seed uint64, capW, horizon float64, p *probe) policy.Registry {
	base := policy.Default()
	return policy.Registry{name: {Summary: v.Summary, New: func(o policy.Options) (policy.Method, error) {
		var m policy.Method
		var err error
		if v.Method == policy.MethodDynamicScoring {
			m, p.dyn, err = newDynamic(v, sc, load, seed, capW, o)
		} else {
			m, err = base.New(v.Method, o)
		}
		if err != nil {
			return m, err
		}
		m.Name = name
		if o.Telemetry != nil {
			p.obs = &observer{rec: o.Telemetry, capW: capW, opts: scoring.StandardOptions{
				Window: scoring.Window{Interval: intervalOf(o)}, CapW: capW, Horizon: horizon}}
			m.Controllers = append(m.Controllers, sim.ControllerSpec{Controller: p.obs, Period: intervalOf(o)})
		}
		return m, nil
	}}}
}

func intervalOf(o policy.Options) float64 {
	if o.Interval > 0 {
		return o.Interval
	}
	return 5
}

// meter is a measure whose value is read once the run has ended.
type meter struct{ value func(sim.Stats) float64 }

func (meter) Record(sim.Record)                  {}
func (m meter) Value(st sim.Stats) float64       { return m.value(st) }
func constant(v float64) func(sim.Stats) float64 { return func(sim.Stats) float64 { return v } }

// measureNames are the experiment's columns after the study's, in order.
var measureNames = []string{"reconfigure_delay_s", "cap_w", "reconfigurations", "reconfigure_node_s", "scorer_calls",
	"scorer_errors", "scorer_wall_ms", "epochs", "forecast_max_w", "forecast_over_cap_epochs", "power_max_w",
	"power_over_cap_epochs", "ds_forecast_max_w", "ds_forecast_over_cap_epochs", "ds_peak_max_w", "ds_peak_over_cap_epochs",
	"ds_power_cap_epochs", "ds_deployed", "ds_refused", "ds_scorer_calls", "ds_scorer_errors", "ds_scorer_wall_ms"}

// measures returns the experiment's columns for a run with MIG delay delay and cap capW, read from p.
func measures(p *probe, delay, capW float64) []study.Measure {
	dyn := func(f func([]dynscore.Epoch) float64) func(sim.Stats) float64 {
		return func(sim.Stats) float64 {
			if p.dyn == nil {
				return math.NaN()
			}
			return f(p.dyn.Epochs())
		}
	}
	obs := func(f func(o *observer) float64) func(sim.Stats) float64 {
		return func(sim.Stats) float64 {
			if p.obs == nil {
				return math.NaN()
			}
			return f(p.obs)
		}
	}
	vals := []func(sim.Stats) float64{
		constant(delay), constant(capW),
		func(st sim.Stats) float64 { return float64(st.Reconfigurations) },
		func(st sim.Stats) float64 { return st.ReconfigureNodeS },
		func(sim.Stats) float64 { c, _, _ := p.stats(); return float64(c) },
		func(sim.Stats) float64 { _, e, _ := p.stats(); return float64(e) },
		func(sim.Stats) float64 { _, _, w := p.stats(); return float64(w.Microseconds()) / 1000 },
		obs(func(o *observer) float64 { return float64(o.epochs) }),
		obs(func(o *observer) float64 { return o.fcMax }),
		obs(func(o *observer) float64 { return float64(o.fcOver) }),
		obs(func(o *observer) float64 { return o.pMax }),
		obs(func(o *observer) float64 { return float64(o.pOver) }),
		dyn(func(e []dynscore.Epoch) float64 {
			return maxOf(e, func(x dynscore.Epoch) float64 { return x.ForecastW })
		}),
		dyn(func(e []dynscore.Epoch) float64 {
			return count(e, func(x dynscore.Epoch) bool { return x.ForecastW > x.CapW })
		}),
		dyn(func(e []dynscore.Epoch) float64 { return maxOf(e, func(x dynscore.Epoch) float64 { return x.PeakW }) }),
		dyn(func(e []dynscore.Epoch) float64 {
			return count(e, func(x dynscore.Epoch) bool { return x.PeakW > x.CapW })
		}),
		dyn(func(e []dynscore.Epoch) float64 {
			return count(e, func(x dynscore.Epoch) bool { return x.Mode == dynscore.ModePowerCap })
		}),
		dyn(func(e []dynscore.Epoch) float64 { return sum(e, func(x dynscore.Epoch) int { return x.Deployed }) }),
		dyn(func(e []dynscore.Epoch) float64 { return sum(e, func(x dynscore.Epoch) int { return x.Refused }) }),
		func(sim.Stats) float64 { c, _, _ := p.dynStats(); return c },
		func(sim.Stats) float64 { _, e, _ := p.dynStats(); return e },
		func(sim.Stats) float64 { _, _, w := p.dynStats(); return w },
	}
	docs := []struct{ unit, doc string }{
		{"s", "MIG reconfiguration delay of every MIG GPU"},
		{"W", "power cap of the whole site"},
		{"reconfigurations", "MIG reconfigurations applied (sim.Stats.Reconfigurations)"},
		{"node·s", "partition-seconds spent reconfiguring (sim.Stats.ReconfigureNodeS)"},
		{"calls", "scorer calls of the monitoring hub (every cluster and scorer)"},
		{"calls", "scorer calls that stored nothing"},
		{"ms", "wall-clock time of the monitoring hub's Advance calls (varies between machines)"},
		{"epochs", "placement epochs observed"},
		{"W", "largest power forecast (Σ over clusters) at any epoch"},
		{"epochs", "epochs whose forecast is above the cap"},
		{"W", "largest mean power (Σ over clusters) over an epoch"},
		{"epochs", "epochs whose mean power is above the cap"},
		{"W", "dynamic-scoring: largest power forecast its mode switch read (Σ over clusters)"},
		{"epochs", "dynamic-scoring: epochs whose forecast exceeds the cap"},
		{"W", "dynamic-scoring: largest configuration peak power after an epoch's plan"},
		{"epochs", "dynamic-scoring: epochs whose configuration peak exceeds the cap"},
		{"epochs", "dynamic-scoring: epochs in power-cap mode"},
		{"deployments", "dynamic-scoring: deployments whose replicas were emitted"},
		{"deployments", "dynamic-scoring: deployments refused under the cap"},
		{"calls", "dynamic-scoring: its own hub's scorer calls"},
		{"calls", "dynamic-scoring: its own hub's failed scorer calls"},
		{"ms", "dynamic-scoring: wall-clock time of its hub's scorer calls (varies between machines)"},
	}
	if len(vals) != len(measureNames) || len(docs) != len(measureNames) {
		panic("scoring: measure tables out of step")
	}
	out := make([]study.Measure, len(measureNames))
	for i, n := range measureNames {
		f := vals[i]
		out[i] = study.Measure{Name: n, Unit: docs[i].unit, Doc: docs[i].doc, New: func() study.Meter { return meter{f} }}
	}
	return out
}

// dynStats sums the dynamic-scoring hub's counters (NaN for other methods): calls, failed calls and
// the wall-clock time of the scorer calls, ms.
func (p *probe) dynStats() (calls, errs, wallMS float64) {
	if p.dyn == nil || p.dyn.Hub() == nil {
		return math.NaN(), math.NaN(), math.NaN()
	}
	var w time.Duration
	for _, s := range p.dyn.Hub().Stats() {
		calls += float64(s.Calls)
		errs += float64(s.Failed)
		w += s.Latency
	}
	return calls, errs, float64(w.Microseconds()) / 1000
}

func maxOf(es []dynscore.Epoch, f func(dynscore.Epoch) float64) float64 {
	m := math.NaN()
	for _, e := range es {
		if v := f(e); !math.IsNaN(v) && !(v <= m) {
			m = v
		}
	}
	return m
}

func count(es []dynscore.Epoch, f func(dynscore.Epoch) bool) float64 {
	n := 0
	for _, e := range es {
		if f(e) {
			n++
		}
	}
	return float64(n)
}

func sum(es []dynscore.Epoch, f func(dynscore.Epoch) int) float64 {
	n := 0
	for _, e := range es {
		n += f(e)
	}
	return float64(n)
}

package search

import (
	"context"
	"errors"
	"fmt"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/sim"
)

// ErrOptions is wrapped by the errors returned for invalid options or configurations.
var ErrOptions = errors.New("search: invalid options")

// Run is the outcome of one full simulation run.
type Run struct {
	Summary metrics.Summary // per-group counts and latency histograms of every record
	Stats   sim.Stats       // engine counters (migrations, events, end time)
}

// Met returns the number of requests that met their deadline.
func (r *Run) Met() int64 { return r.Summary.Counts(metrics.Overall).Met }

// Overall returns the overall fulfillment, met / all requests, in [0,1] (NaN for an empty run).
func (r *Run) Overall() float64 { return r.Summary.Fulfillment(metrics.Overall) }

// Replay is a controller that applies a recorded decision sequence: Plans[k-1] at its k-th call
// (Snapshot.Epoch = k), nothing after the last. It keeps no state, so one value may serve many runs.
type Replay struct {
	Plans []sim.Plan // decision of each epoch, in order; nil entries are no-ops
}

// ReplayName is the name a Replay controller reports.
const ReplayName = "replay"

// Name returns ReplayName.
func (Replay) Name() string { return ReplayName }

// Decide returns the recorded plan of the snapshot's epoch.
func (r Replay) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if k := s.Epoch - 1; k >= 0 && k < len(r.Plans) {
		return r.Plans[k], nil
	}
	return nil, nil
}

// ReplayRun runs cfg from time 0 to its end with a Replay of plans called every interval seconds
// (the first call at interval, as sim.ControllerSpec schedules it) and returns the outcome. Records
// also go to sink when it is non-nil. cfg is not changed: see fresh for what is used of it.
func ReplayRun(ctx context.Context, cfg sim.Config, interval float64, plans []sim.Plan, sink sim.Sink) (Run, error) {
	c, err := fresh(cfg)
	if err != nil {
		return Run{}, err
	}
	c.Controllers = []sim.ControllerSpec{{Controller: Replay{Plans: plans}, Period: interval}}
	return run(ctx, c, sink)
}

// fresh returns a copy of cfg ready for one more run from time 0: its Source is a fork of cfg's
// (which must be a sim.ForkableSource not yet read from), without controllers or sink.
func fresh(cfg sim.Config) (sim.Config, error) {
	fs, ok := cfg.Source.(sim.ForkableSource)
	if !ok {
		return cfg, fmt.Errorf("%w: the configuration's source %T cannot fork", ErrOptions, cfg.Source)
	}
	src, err := fs.Fork()
	if err != nil {
		return cfg, fmt.Errorf("search: %w", err)
	}
	cfg.Source, cfg.Sink, cfg.Controllers = src, nil, nil
	cfg.Instances = append([]sim.InstanceSpec(nil), cfg.Instances...)
	return cfg, nil
}

// run executes c to its end, summarising the records (also sent to sink when non-nil).
func run(ctx context.Context, c sim.Config, sink sim.Sink) (Run, error) {
	var r Run
	c.Sink = &r.Summary
	if sink != nil {
		c.Sink = tee{&r.Summary, sink}
	}
	s, err := sim.New(c)
	if err != nil {
		return Run{}, fmt.Errorf("search: %w", err)
	}
	st, err := s.Run(ctx)
	if err != nil {
		return Run{}, fmt.Errorf("search: %w", err)
	}
	r.Stats = st
	return r, nil
}

// tee sends each record to two sinks.
type tee [2]sim.Sink

func (t tee) Record(r sim.Record) {
	t[0].Record(r)
	t[1].Record(r)
}

package policytest

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/airansim/airansim/sim"
)

// Method builds fresh controllers (none: static placement) and an allocator for one run with the
// given placement interval (s) and seed; it is called once per run.
type Method func(interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error)

// Outcome is what one run produced: its records in emission order and its counters.
type Outcome struct {
	Records []sim.Record
	Stats   sim.Stats
}

// Run runs sc under method and checks, after every event, the engine's invariants (capacities, VRAM,
// bookkeeping); at the end, that every request ended exactly once. A panic is returned as an error.
func Run(ctx context.Context, sc Scenario, method Method, seed uint64) (out Outcome, err error) {
	return RunConfig(ctx, sc, func(_ *sim.Config, interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error) {
		return method(interval, seed)
	}, seed)
}

// ConfigMethod is a Method that also sees the run's configuration (nodes, clusters, sink) before the
// run, e.g. to install a telemetry recorder (telemetry.Recorder.Install) that it reads.
type ConfigMethod func(cfg *sim.Config, interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error)

// RunConfig is Run for a ConfigMethod.
func RunConfig(ctx context.Context, sc Scenario, method ConfigMethod, seed uint64) (out Outcome, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("policytest: %s: panic: %v", sc.Name, p)
		}
	}()
	cfg := sc.Config
	cfg.Source = &source{rs: sc.Requests}
	sink := &recordSink{}
	cfg.Sink = sink
	var invErr error
	cfg.AfterEvent = func(s *sim.Sim) {
		if invErr == nil {
			invErr = s.CheckInvariants()
		}
	}
	ctrls, alloc, err := method(&cfg, sc.Interval, seed)
	if err != nil {
		return Outcome{}, err
	}
	cfg.Controllers, cfg.Allocator = ctrls, alloc
	s, err := sim.New(cfg)
	if err != nil {
		return Outcome{}, err
	}
	if sc.Migrate != nil {
		if err := s.RunUntil(ctx, sc.Interval*0.9); err != nil {
			return Outcome{}, err
		}
		if err := s.Apply(*sc.Migrate); err != nil {
			return Outcome{}, fmt.Errorf("policytest: %s: setting up the migration: %w", sc.Name, err)
		}
	}
	st, err := s.Run(ctx)
	if err != nil {
		return Outcome{}, err
	}
	if invErr != nil {
		return Outcome{}, fmt.Errorf("policytest: %s: %w", sc.Name, invErr)
	}
	if err := endedOnce(sc.Requests, sink.recs); err != nil {
		return Outcome{}, fmt.Errorf("policytest: %s: %w", sc.Name, err)
	}
	return Outcome{Records: sink.recs, Stats: st}, nil
}

// Check runs every standard scenario twice under method with the same seed, failing t on any error,
// on actions the engine rejects as infeasible, and when the two runs differ.
func Check(t *testing.T, method Method, seed uint64) {
	t.Helper()
	CheckConfig(t, func(_ *sim.Config, interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error) {
		return method(interval, seed)
	}, seed)
}

// CheckConfig is Check for a ConfigMethod.
func CheckConfig(t *testing.T, method ConfigMethod, seed uint64) {
	t.Helper()
	for _, sc := range Scenarios(seed) {
		t.Run(sc.Name, func(t *testing.T) {
			a, err := RunConfig(context.Background(), sc, method, seed)
			if err != nil {
				t.Fatal(err)
			}
			b, err := RunConfig(context.Background(), sc, method, seed)
			if err != nil {
				t.Fatal(err)
			}
			if a.Stats.Rejected > 0 {
				t.Errorf("%d actions rejected as infeasible (%v): a method must propose only feasible ones", a.Stats.Rejected, a.Stats.Rejections)
			}
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("two runs with seed %d differ: %d vs %d records, stats %+v vs %+v",
					seed, len(a.Records), len(b.Records), a.Stats, b.Stats)
			}
		})
	}
}

type recordSink struct{ recs []sim.Record }

func (r *recordSink) Record(rec sim.Record) { r.recs = append(r.recs, rec) }

// endedOnce checks that the records name every request exactly once.
func endedOnce(reqs []sim.Request, recs []sim.Record) error {
	seen := make(map[int64]int, len(reqs))
	for _, r := range recs {
		seen[r.ID]++
	}
	for _, q := range reqs {
		if n := seen[q.ID]; n != 1 {
			return fmt.Errorf("request %d ended %d times, want exactly once", q.ID, n)
		}
	}
	if len(recs) != len(reqs) {
		return fmt.Errorf("%d records for %d requests", len(recs), len(reqs))
	}
	return nil
}

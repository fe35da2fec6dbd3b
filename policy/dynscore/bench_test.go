package dynscore_test

import (
	"context"
	"testing"
	"time"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// BenchmarkScoringShare runs the paper scenario (6 nodes, 20,000 requests at ρ = 1, about 200 s of
// simulated time) under the method with its default scorers on 1 s telemetry, and reports the share
// of the run's wall-clock time spent in the scoring hub (agents, windows, store) and in placement
// (store index, candidates, Schedule rounds), and the scoring time per interval.
func BenchmarkScoringShare(b *testing.B) {
	var run, scoring, place time.Duration
	calls := 0
	for b.Loop() {
		bt, err := scenario.Default().Build(scenario.BuildOptions{Load: 1, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		cfg := bt.Config
		rec, err := telemetry.New(&cfg, telemetry.Options{Step: 1, Power: bt.Power})
		if err != nil {
			b.Fatal(err)
		}
		c, err := dynscore.New(dynscore.Options{Interval: bt.Epoch, Telemetry: rec, Power: bt.Power, PowerCapW: 3000})
		if err != nil {
			b.Fatal(err)
		}
		cfg.Controllers, cfg.Allocator = []sim.ControllerSpec{c.Spec()}, allocator.HAF{}
		rec.Install(&cfg)
		s, err := sim.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		if _, err := s.Run(context.Background()); err != nil {
			b.Fatal(err)
		}
		run += time.Since(t0)
		o := c.Overhead()
		scoring, place, calls = scoring+o.Scoring, place+o.Placement, calls+o.Calls
		bt.Close()
	}
	b.ReportMetric(100*scoring.Seconds()/run.Seconds(), "scoring-%")
	b.ReportMetric(100*place.Seconds()/run.Seconds(), "placement-%")
	b.ReportMetric(float64(scoring.Microseconds())/float64(calls), "scoring-µs/interval")
	b.ReportMetric(float64(calls)/float64(b.N), "intervals/run")
}

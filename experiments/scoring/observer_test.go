package main

import (
	"context"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// spec returns a run of method on the AITRAS scenario at ρ 0.35 with 2,000 requests, with the
// monitoring observer or without.
func spec(method string, observed bool) study.Spec {
	s := study.Spec{Scenario: scenario.AITRAS(), Load: 0.35, Method: method, Seed: 1, Requests: 2000,
		Telemetry: &telemetry.Options{Step: 1}}
	if observed {
		p := &probe{}
		s.Registry = registry(method, variants()[method], s.Scenario, s.Load, s.Seed, 1400, 5, p)
		s.Measures = measures(p, 5, 1400)
	}
	return s
}

// TestObserverChangesNothing: the monitoring observer returns no plan, so every outcome of a run but
// the engine's event count is the same with it as without.
func TestObserverChangesNothing(t *testing.T) {
	for _, m := range []string{policy.MethodHAFStatic, policy.MethodHAF} {
		a, err := study.Run(context.Background(), spec(m, false))
		if err != nil {
			t.Fatal(err)
		}
		b, err := study.Run(context.Background(), spec(m, true))
		if err != nil {
			t.Fatal(err)
		}
		if a.Overall != b.Overall || a.LargeAI != b.LargeAI || a.EnergyJ != b.EnergyJ || a.MigrationsTotal != b.MigrationsTotal || a.SimEndS != b.SimEndS || a.AIP99 != b.AIP99 {
			t.Errorf("%s: with the observer %+v, without %+v", m, b, a)
		}
		if b.Extra["scorer_calls"] == 0 {
			t.Errorf("%s: the observer made no call", m)
		}
	}
}

// BenchmarkScoringOverhead times a haf-static run with telemetry, without and with the monitoring
// hub (4 scorers × 2 clusters every 5 s): the difference is what scoring costs a run.
func BenchmarkScoringOverhead(b *testing.B) {
	for _, c := range []struct {
		name     string
		observed bool
	}{{"telemetry", false}, {"telemetry+scoring", true}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := study.Run(context.Background(), spec(policy.MethodHAFStatic, c.observed)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

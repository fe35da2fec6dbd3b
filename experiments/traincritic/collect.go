package main

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study/runner"
	"github.com/airansim/airansim/telemetry"
)

// collectInputs are what determines a collection run, stored with it so that --resume reuses it
// only for the same inputs.
type collectInputs struct {
	ScenarioFile string             `json:"scenario_file"`
	Scenario     *scenario.Scenario `json:"scenario"`
	Load         float64            `json:"load"`
	Seed         uint64             `json:"seed"`
	Requests     int                `json:"requests_at_load_1"`
	Explore      float64            `json:"explore"`
	Revision     string             `json:"revision"`
	Scores       bool               `json:"scores,omitempty"`
}

// collectJobs returns one collection run per (load, seed).
func collectJobs(f *config, sc *scenario.Scenario) []runner.Job[[]critic.Sample] {
	var jobs []runner.Job[[]critic.Sample]
	rev := output.Revision()
	for _, load := range f.Loads {
		for k := 0; k < f.Seeds; k++ {
			seed := f.Seed + uint64(k)
			key := fmt.Sprintf("load%g_seed%d", load, seed)
			in := collectInputs{ScenarioFile: sc.Path(), Scenario: sc, Load: load, Seed: seed, Requests: f.Requests,
				Explore: f.Explore, Revision: rev, Scores: f.Scores}
			jobs = append(jobs, runner.Job[[]critic.Sample]{Key: key, Inputs: in,
				Run: func(ctx context.Context) ([]critic.Sample, error) { return collect(ctx, f, sc, key, load, seed) }})
		}
	}
	return jobs
}

// collect runs the scenario once under a Collector (HAF's allocator) and returns its samples.
func collect(ctx context.Context, f *config, sc *scenario.Scenario, key string, load float64, seed uint64) ([]critic.Sample, error) {
	requests := 0
	if f.Requests > 0 {
		requests = int(math.Round(float64(f.Requests) * load))
	}
	b, err := sc.Build(scenario.BuildOptions{Load: load, Requests: requests, Seed: seed})
	if err != nil {
		return nil, err
	}
	defer b.Close()
	col := critic.NewCollector(key, b.Epoch, f.Explore, seed)
	b.Config.Controllers, b.Config.Allocator = []sim.ControllerSpec{{Controller: col, Period: b.Epoch}}, allocator.HAF{}
	if f.Scores {
		// The scores come from haf+scores' hub on the run's telemetry, read at each epoch before the
		// forks (which record none); the telemetry observes the run without changing it.
		rec, err := telemetry.New(&b.Config, telemetry.Options{Power: b.Power})
		if err != nil {
			return nil, err
		}
		rec.Install(&b.Config)
		n := &policy.ScoreNotes{Telemetry: rec, Options: policy.HAFScoresOptions(b.Epoch)}
		col.Scores = func(ctx context.Context, s *sim.Snapshot) (critic.ScoreSource, error) { return n.Store(ctx, s) }
	}
	s, err := sim.New(b.Config)
	if err != nil {
		return nil, err
	}
	if _, err := s.Run(ctx); err != nil {
		return nil, fmt.Errorf("traincritic: %s: %w", key, err)
	}
	return col.Samples, nil
}

// split divides each run's samples chronologically: epochs up to the share split of the run's last
// epoch train, the later ones validate. Samples whose window saw no request are dropped.
func split(runs [][]critic.Sample, share float64) (train, val []critic.Sample) {
	for _, r := range runs {
		if len(r) == 0 {
			continue
		}
		cut := int(math.Ceil(share * float64(r[len(r)-1].Epoch)))
		for _, s := range r {
			if s.N == [sim.Groups]int{} {
				continue // nothing arrived in the window (the drain after the last request): no target
			}
			if s.Epoch <= cut {
				train = append(train, s)
			} else {
				val = append(val, s)
			}
		}
	}
	return train, val
}

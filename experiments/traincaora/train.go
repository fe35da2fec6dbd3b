package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"time"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/internal/sac"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// row is one line of learning_curve.csv: a training episode and the evaluation that followed it.
type row struct {
	Episode     int
	Load        float64
	Seed        uint64
	Transitions int
	Return      float64 // Σ rewards of the episode's transitions
	MeanReward  float64 // Return / Transitions
	MeanShare   float64 // mean α chosen (stochastic) during the episode
	Temperature float64 // SAC's entropy temperature after the episode
	Eval        *fulfil // deterministic actor on the evaluation seed; nil: not evaluated
}

// learner builds the SAC learner from the flags.
func learner(f *config) (*caora.Learner, error) {
	return caora.NewLearner(caora.LearnOptions{Warmup: f.Warmup, Steps: f.Steps, Reward: f.reward,
		SAC: sac.Options{Hidden: f.Hidden, Gamma: f.Gamma, Batch: f.Batch, ActorLR: f.LR, CriticLR: f.LR, AlphaLR: f.LR, Seed: f.Seed}})
}

// train runs the episodes, evaluating as configured, and returns the learning curve and the actor.
func train(ctx context.Context, f *config, sc *scenario.Scenario, progress io.Writer) ([]row, *caora.Actor, error) {
	l, err := learner(f)
	if err != nil {
		return nil, nil, err
	}
	var rows []row
	t0 := time.Now()
	for k := range f.Episodes {
		load, seed := f.Loads[k%len(f.Loads)], f.Seed+uint64(k)
		res, err := episode(ctx, l, sc, load, seed, scaled(f.Requests, load))
		if err != nil {
			return nil, nil, err
		}
		r := row{Episode: k + 1, Load: load, Seed: seed, Transitions: res.Transitions, Return: res.Return,
			MeanReward: math.NaN(), MeanShare: res.MeanShare, Temperature: l.Alpha()}
		if res.Transitions > 0 {
			r.MeanReward = res.Return / float64(res.Transitions)
		}
		if (k+1)%f.EvalEvery == 0 || k+1 == f.Episodes {
			a, err := l.Actor()
			if err != nil {
				return nil, nil, err
			}
			ev, err := evaluate(ctx, sc, a, load, f.EvalSeed, scaled(f.Requests, load))
			if err != nil {
				return nil, nil, err
			}
			r.Eval = &ev
		}
		rows = append(rows, r)
		fmt.Fprintf(progress, "traincaora: episode %d/%d ρ=%g seed %d: %d transitions, mean reward %.4f, mean α %.3f, temperature %.3g%s [%.0fs]\n",
			k+1, f.Episodes, load, seed, r.Transitions, r.MeanReward, r.MeanShare, r.Temperature, evalNote(r.Eval), time.Since(t0).Seconds())
	}
	a, err := l.Actor()
	return rows, a, err
}

func evalNote(e *fulfil) string {
	if e == nil {
		return ""
	}
	return fmt.Sprintf("; eval overall %.2f%% RAN %.2f%% AI %.2f%% (mean α %.3f)", 100*e.Overall, 100*e.RAN, 100*e.AI, e.MeanShare)
}

// episode runs one training episode.
func episode(ctx context.Context, l *caora.Learner, sc *scenario.Scenario, load float64, seed uint64, requests int) (caora.EpisodeResult, error) {
	b, err := sc.Build(scenario.BuildOptions{Load: load, Requests: requests, Seed: seed})
	if err != nil {
		return caora.EpisodeResult{}, err
	}
	defer b.Close()
	b.Config.Allocator = allocator.HAF{}
	e := l.Episode(&b.Config, b.Epoch)
	s, err := sim.New(b.Config)
	if err != nil {
		return caora.EpisodeResult{}, err
	}
	if _, err := s.Run(ctx); err != nil {
		return caora.EpisodeResult{}, fmt.Errorf("traincaora: episode at ρ=%g seed %d: %w", load, seed, err)
	}
	return e.Result(), nil
}

// scaled returns the request count at load for n requests at ρ = 1 (0: the scenario's).
func scaled(n int, load float64) int {
	if n == 0 {
		return 0
	}
	return int(float64(n)*load + 0.5)
}

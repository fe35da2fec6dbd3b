package main

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// fulfil is one evaluation run's SLO fulfilment (fractions in [0, 1]) and the mean α applied.
type fulfil struct {
	Overall   float64
	RAN       float64
	AI        float64
	Large     float64
	Small     float64
	MeanShare float64 // mean α over mixed nodes and epochs; NaN for HAF-Static
	LargeDone int64   // large-AI requests completed (met or not) before the horizon
}

// evaluate runs the scenario at load with the deterministic actor a (nil: HAF-Static, no policy)
// and HAF's allocator.
func evaluate(ctx context.Context, sc *scenario.Scenario, a *caora.Actor, load float64, seed uint64, requests int) (fulfil, error) {
	if a == nil {
		return evaluateWith(ctx, sc, nil, load, seed, requests)
	}
	p, err := caora.New(caora.Options{Actor: a})
	if err != nil {
		return fulfil{}, err
	}
	return evaluateWith(ctx, sc, p, load, seed, requests)
}

// evaluateWith runs the scenario at load under the share controller p (nil: none, HAF-Static) with
// HAF's allocator inside each class.
func evaluateWith(ctx context.Context, sc *scenario.Scenario, p sim.Controller, load float64, seed uint64, requests int) (fulfil, error) {
	b, err := sc.Build(scenario.BuildOptions{Load: load, Requests: requests, Seed: seed})
	if err != nil {
		return fulfil{}, err
	}
	defer b.Close()
	sum := &metrics.Summary{}
	b.Config.Allocator, b.Config.Sink = allocator.HAF{}, sum
	var rec *recorder
	if p != nil {
		rec = &recorder{Controller: p}
		b.Config.Controllers = []sim.ControllerSpec{{Controller: rec, Period: b.Epoch}}
	}
	s, err := sim.New(b.Config)
	if err != nil {
		return fulfil{}, err
	}
	if _, err := s.Run(ctx); err != nil {
		return fulfil{}, fmt.Errorf("traincaora: evaluation at ρ=%g seed %d: %w", load, seed, err)
	}
	f := func(g metrics.Group) float64 { return sum.Fulfillment(g) }
	out := fulfil{Overall: f(metrics.Overall), RAN: f(metrics.RAN), AI: f(metrics.AI), Large: f(metrics.LargeAI),
		Small: f(metrics.SmallAI), MeanShare: math.NaN(), LargeDone: sum.Counts(metrics.LargeAI).Finished()}
	if rec != nil && rec.n > 0 {
		out.MeanShare = rec.sum / float64(rec.n)
	}
	return out, nil
}

// recorder is a share controller that also averages the shares it sets.
type recorder struct {
	sim.Controller
	sum float64
	n   int
}

func (r *recorder) Decide(ctx context.Context, s *sim.Snapshot, env sim.Env) (sim.Plan, error) {
	p, err := r.Controller.Decide(ctx, s, env)
	for _, a := range p {
		if sh, ok := a.(sim.SetShare); ok && !math.IsNaN(sh.RAN) {
			r.sum += sh.RAN
			r.n++
		}
	}
	return p, err
}

// fixedShare is a controller giving every mixed node the same RAN share.
type fixedShare struct {
	alpha  float64
	shares []float64
}

func (*fixedShare) Name() string { return "fixed-alpha" }

func (f *fixedShare) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	f.shares = f.shares[:0]
	for n := range s.Nodes {
		a := math.NaN()
		if caora.Mixed(s, n) {
			a = f.alpha
		}
		f.shares = append(f.shares, a)
	}
	return caora.SharePlan(f.shares), nil
}

// scanRow is the fulfilment of a fixed RAN share at one load.
type scanRow struct {
	Load  float64
	Alpha float64
	Eval  fulfil
}

// scanAlphas are the fixed shares of the sensitivity scan.
var scanAlphas = []float64{0, 0.25, 0.5, 0.75, 1}

// scan evaluates every fixed share of scanAlphas at every load: how much the α-split can matter.
func scan(ctx context.Context, f *config, sc *scenario.Scenario) ([]scanRow, error) {
	var out []scanRow
	for _, load := range f.Loads {
		for _, a := range scanAlphas {
			e, err := evaluateWith(ctx, sc, &fixedShare{alpha: a}, load, f.EvalSeed, scaled(f.Requests, load))
			if err != nil {
				return nil, err
			}
			out = append(out, scanRow{Load: load, Alpha: a, Eval: e})
		}
	}
	return out, nil
}

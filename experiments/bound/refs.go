package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/search"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
)

// row is one run of one reference: a line of bound.csv. Fulfillments are fractions in [0,1].
type row struct {
	Load      float64
	Rho       float64
	Seed      uint64
	Reference string
	Requests  int64
	Fulfil    [5]float64 // overall, RAN, AI, large-AI, small-AI
	MigLarge  int
	MigTotal  int
	Sims      int    // simulations run: 1, child forks of the beam, or placements of the static search
	Detail    string // beam: the winning finalist; best-static: instances moved from the scenario's placement
	WallS     float64
}

// MarshalJSON stores the row with NaN fulfillments (an empty group) as null.
func (r row) MarshalJSON() ([]byte, error) {
	type plain row
	return json.Marshal(struct {
		plain
		Fulfil [5]study.Frac
	}{plain(r), fracs(r.Fulfil)})
}

// UnmarshalJSON reads a row stored by MarshalJSON.
func (r *row) UnmarshalJSON(b []byte) error {
	type plain row
	var v struct {
		plain
		Fulfil [5]study.Frac
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = row(v.plain)
	for i, f := range v.Fulfil {
		r.Fulfil[i] = float64(f)
	}
	return nil
}

func fracs(xs [5]float64) (out [5]study.Frac) {
	for i, x := range xs {
		out[i] = study.Frac(x)
	}
	return out
}

// job is one (load, seed) point.
type job struct {
	sc       *scenario.Scenario
	load     float64
	seed     uint64
	requests int
	f        *config
	log      io.Writer
}

// build makes the scenario concrete for the job, with the allocator of method.
func (j job) build(method string) (*scenario.Built, policy.Method, error) {
	b, err := j.sc.Build(scenario.BuildOptions{Load: j.load, Requests: j.requests, Seed: j.seed})
	if err != nil {
		return nil, policy.Method{}, err
	}
	m, err := policy.Default().New(method, policy.Options{Seed: j.seed, Interval: b.Epoch})
	if err != nil {
		b.Close()
		return nil, policy.Method{}, err
	}
	b.Config.Allocator = m.Allocator
	return b, m, nil
}

// run runs reference ref and returns its row.
func (j job) run(ctx context.Context, ref string) (row, error) {
	t0 := time.Now()
	var r row
	var err error
	switch ref {
	case refGreedy:
		r, err = j.method(ctx, policy.MethodLookahead)
	case refHAF, refHAFStatic:
		r, err = j.method(ctx, ref)
	case refBeam:
		r, err = j.beam(ctx)
	case refStatic:
		r, err = j.static(ctx)
	default:
		err = fmt.Errorf("unknown reference %q", ref)
	}
	if err != nil {
		return row{}, fmt.Errorf("%s at load %g seed %d: %w", ref, j.load, j.seed, err)
	}
	r.Reference, r.WallS = ref, time.Since(t0).Seconds()
	return r, nil
}

// method runs a registered method once.
func (j job) method(ctx context.Context, name string) (row, error) {
	b, m, err := j.build(name)
	if err != nil {
		return row{}, err
	}
	defer b.Close()
	var sum metrics.Summary
	b.Config.Controllers, b.Config.Sink = m.Controllers, &sum
	s, err := sim.New(b.Config)
	if err != nil {
		return row{}, err
	}
	st, err := s.Run(ctx)
	if err != nil {
		return row{}, err
	}
	return j.row(b, search.Run{Summary: sum, Stats: st}, 1, ""), nil
}

// beam runs the beam search with the lookahead's allocator.
func (j job) beam(ctx context.Context) (row, error) {
	b, _, err := j.build(policy.MethodLookahead)
	if err != nil {
		return row{}, err
	}
	defer b.Close()
	o := search.BeamOptions{Interval: b.Epoch, Width: j.f.Width, ScoreWindow: j.f.ScoreWindow,
		Progress: func(p search.Progress) {
			if p.Epoch%10 == 0 {
				fmt.Fprintf(j.log, "bound:   beam epoch %d (t = %g s): %d children, best score %d, greedy %d\n",
					p.Epoch, p.Time, p.Children, p.Best, p.Greedy)
			}
		}}
	res, err := search.Beam(ctx, b.Config, o)
	if err != nil {
		return row{}, err
	}
	detail := fmt.Sprintf("%s (greedy %.4f)", res.Best.Name, res.Greedy.Run.Overall())
	return j.row(b, res.Best.Run, res.Children, detail), nil
}

// static runs the static-placement local search with haf-static's allocator.
func (j job) static(ctx context.Context) (row, error) {
	b, _, err := j.build(policy.MethodHAFStatic)
	if err != nil {
		return row{}, err
	}
	defer b.Close()
	restarts := j.f.Restarts
	if restarts == 0 {
		restarts = -1
	}
	o := search.StaticOptions{Restarts: restarts, Seed: j.seed, Progress: func(p search.StaticProgress) {
		fmt.Fprintf(j.log, "bound:   best-static start %d: %d placements run, met %d, best %d\n", p.Start, p.Runs, p.Met, p.Best)
	}}
	res, err := search.Static(ctx, b.Config, o)
	if err != nil {
		return row{}, err
	}
	return j.row(b, res.Run, res.Runs, moved(b, search.PlacementOf(b.Config), res.Best)), nil
}

func (j job) row(b *scenario.Built, r search.Run, sims int, detail string) row {
	f := func(g metrics.Group) float64 { return r.Summary.Fulfillment(g) }
	return row{Load: j.load, Rho: b.Rho, Seed: j.seed, Requests: r.Summary.Counts(metrics.Overall).Total,
		Fulfil:   [5]float64{f(metrics.Overall), f(metrics.RAN), f(metrics.AI), f(metrics.LargeAI), f(metrics.SmallAI)},
		MigLarge: r.Stats.Migrations[sim.LargeAI], MigTotal: r.Stats.MigrationsTotal(), Sims: sims, Detail: detail}
}

// moved lists the instances whose node differs between placements from and to, "service:node" joined by spaces.
func moved(b *scenario.Built, from, to search.Placement) string {
	var out []string
	for i := range to {
		if to[i] != from[i] {
			out = append(out, b.Services[b.Config.Instances[i].Service]+":"+b.Nodes[to[i]])
		}
	}
	if len(out) == 0 {
		return "none moved"
	}
	return strings.Join(out, " ")
}

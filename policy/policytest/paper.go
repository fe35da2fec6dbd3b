package policytest

import (
	"context"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// PaperRun runs the paper's default scenario at load ρ with requests requests (workload seed 3)
// under controller p (called every scenario epoch) and allocator a, and returns the run's counters.
// Every action p returns is applied, in order, to a fork of the engine at the moment of the
// decision; one the engine rejects fails t, so a method proposes only feasible actions, also in
// combination.
func PaperRun(t *testing.T, load float64, requests int, p sim.Controller, a sim.Allocator) sim.Stats {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: load, Requests: requests, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := &checked{Controller: p, t: t}
	b.Config.Allocator = a
	b.Config.Controllers = []sim.ControllerSpec{{Controller: c, Period: b.Epoch}}
	if c.sim, err = sim.New(b.Config); err != nil {
		t.Fatal(err)
	}
	st, err := c.sim.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// checked wraps a controller and reports every action it returns that the engine rejects when the
// actions are applied in order at the moment of the decision.
type checked struct {
	sim.Controller
	t   *testing.T
	sim *sim.Sim
}

func (c *checked) Decide(ctx context.Context, s *sim.Snapshot, env sim.Env) (sim.Plan, error) {
	ms, err := c.Controller.Decide(ctx, s, env)
	f, ferr := c.sim.Fork(nil, nil)
	if ferr != nil {
		c.t.Fatal(ferr)
	}
	for _, m := range ms {
		if e := f.Apply(m); e != nil {
			c.t.Errorf("t=%g: proposed %+v: %v", s.Time, m, e)
		}
	}
	return ms, err
}

package search

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/sim"
)

// pickOf returns the index in cs of plan p (nil or one migration; nil: the no-op at 0).
func pickOf(cs []agent.Candidate, p sim.Plan) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	m, ok := p[0].(sim.Migrate)
	for j, c := range cs {
		if cm, isM := c.Migration(); ok && len(p) == 1 && isM && cm == m {
			return j, nil
		}
	}
	return 0, fmt.Errorf("search: the greedy lookahead's plan %v is not a candidate", p)
}

// step is the controller of a child: at its first call it lists the candidates, optionally asks the
// greedy lookahead, and applies candidate pick.
type step struct {
	pick      int
	eligible  []sim.Category
	lookahead *haf.Lookahead
	called    bool
	cands     []agent.Candidate
	greedy    sim.Plan
	plan      sim.Plan
}

func (*step) Name() string { return "search-step" }

func (c *step) Decide(ctx context.Context, s *sim.Snapshot, env sim.Env) (sim.Plan, error) {
	if c.called {
		return nil, nil
	}
	c.called = true
	c.cands = haf.Candidates(s, c.eligible)
	if c.lookahead != nil {
		p, err := c.lookahead.Decide(ctx, s, env)
		if err != nil {
			return nil, err
		}
		c.greedy = p
	}
	if c.pick >= len(c.cands) {
		return nil, fmt.Errorf("search: candidate %d of %d", c.pick, len(c.cands))
	}
	if m, ok := c.cands[c.pick].Migration(); ok {
		c.plan = sim.Plan{m}
	}
	return c.plan, nil
}

// metCounter counts the met records of requests that arrived before cut.
type metCounter struct {
	met int64
	cut float64
}

func (m *metCounter) Record(r sim.Record) {
	if r.Arrival < m.cut && r.Met() {
		m.met++
	}
}

// maxDeadline returns the largest relative deadline of cfg's workload, s (read from a fork of its source).
func maxDeadline(cfg sim.Config) (float64, error) {
	c, err := fresh(cfg)
	if err != nil {
		return 0, err
	}
	t := 0.0
	for {
		r, ok, err := c.Source.Next()
		if err != nil {
			return 0, fmt.Errorf("search: %w", err)
		}
		if !ok {
			return t, nil
		}
		t = math.Max(t, r.Deadline)
	}
}

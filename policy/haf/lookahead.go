package haf

import (
	"context"
	"errors"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/sim"
)

// Lookahead rolls every candidate of M_k forward exactly (sim.Rollout over one interval) and commits the
// one with the best realised r̄ (the no-op wins ties): a greedy one-interval lookahead. It is not a
// deployable policy (it sees the future workload) and not an upper bound: a move that pays over one
// interval may cost later, and HAF can beat it over a run (docs/bound.md has stronger references).
type Lookahead struct {
	interval float64
	eligible []sim.Category
	weights  [sim.Groups]float64
}

// NewLookahead returns the greedy lookahead for placement interval Δ (s); weights as in Options (all zero: equal).
// It returns an error wrapping ErrOptions for an interval or weights out of range.
func NewLookahead(interval float64, eligible []sim.Category, weights [sim.Groups]float64) (*Lookahead, error) {
	o := Options{Eligible: eligible, Weights: weights}
	if err := o.check(interval); err != nil {
		return nil, err
	}
	o = o.withDefaults()
	return &Lookahead{interval: interval, eligible: o.Eligible, weights: o.Weights}, nil
}

// Name returns LookaheadName.
func (*Lookahead) Name() string { return LookaheadName }

// Decide evaluates every candidate by an exact rollout of env and returns the best.
func (o *Lookahead) Decide(ctx context.Context, s *sim.Snapshot, r sim.Env) (sim.Plan, error) {
	if r == nil {
		return nil, errors.New("haf: the lookahead needs the engine's rollouts (env is nil)")
	}
	cs := Candidates(s, o.eligible)
	outs, err := RolloutAll(ctx, r, cs, o.interval)
	if err != nil {
		return nil, err
	}
	best, bestV := 0, Realised(outs[0], o.weights)
	for i := 1; i < len(cs); i++ {
		if v := Realised(outs[i], o.weights); v > bestV {
			best, bestV = i, v
		}
	}
	m, ok := cs[best].Migration()
	if !ok {
		return nil, nil
	}
	return sim.Plan{m}, nil
}

// RolloutAll returns the exact outcome of every candidate over one interval.
func RolloutAll(ctx context.Context, r sim.Env, cs []agent.Candidate, interval float64) ([]sim.Outcome, error) {
	outs := make([]sim.Outcome, len(cs))
	for i, c := range cs {
		var ms sim.Plan
		if m, ok := c.Migration(); ok {
			ms = sim.Plan{m}
		}
		o, err := r.Rollout(ctx, ms, interval)
		if err != nil {
			return nil, err
		}
		outs[i] = o
	}
	return outs, nil
}

// Realised returns r̄ of an outcome: the weighted mean fulfillment over the groups that had requests
// in the window (1 when none had).
func Realised(o sim.Outcome, weights [sim.Groups]float64) float64 {
	v, w := 0.0, 0.0
	for g := range weights {
		if rate, ok := o.Rate(g); ok {
			v += weights[g] * rate
			w += weights[g]
		}
	}
	if w == 0 {
		return 1
	}
	return v / w
}

package search

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/sim"
)

// settleSlack is added to the settling run's end so that a request finishing at its deadline plus
// sim.MetTolerance is still seen, s.
const settleSlack = 1e-6

// beam is one search's configuration and counters.
type beam struct {
	o        BeamOptions
	greedy   *haf.Lookahead
	look     float64 // the score window L, s; +Inf: to the end of the run
	settle   float64 // with a finite look: how long a score's settling run goes past the next epoch, L + max deadline, s
	epochs   int
	children int
}

// state is one decision sequence's simulation, paused just before its next epoch.
type state struct {
	s     *sim.Sim    // nil once done
	met   *metCounter // the records of s so far
	picks []int
	plans []sim.Plan
	score int64
	done  bool // no decision left: the sequence is complete and score is its final count
}

func (s *state) trajectory(name string) Trajectory {
	return Trajectory{Name: name, Picks: s.picks, Plans: s.plans, Score: s.score}
}

func complete(kept []*state, greedy *state) bool {
	for _, s := range kept {
		if !s.done {
			return false
		}
	}
	return greedy.done
}

// before returns the largest float64 below t: running to it processes every event before t and
// none at t, so a fork taken there decides at t exactly as an uninterrupted run does.
func before(t float64) float64 { return math.Nextafter(t, math.Inf(-1)) }

// root starts cfg at time 0 with a step controller and runs it to just before the first epoch.
func (b *beam) root(ctx context.Context, cfg sim.Config) (*state, error) {
	c, err := fresh(cfg)
	if err != nil {
		return nil, err
	}
	met := &metCounter{cut: math.Inf(1)}
	c.Sink = met
	c.Controllers = []sim.ControllerSpec{{Controller: &step{}, Period: b.o.Interval}}
	s, err := sim.New(c)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	if err := s.RunUntil(ctx, before(b.o.Interval)); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	return &state{s: s, met: met}, nil
}

// expandAll expands every kept state and the greedy one (once if it is also kept) at their epoch, and
// returns the children in expansion order and the greedy state's successor.
func (b *beam) expandAll(ctx context.Context, kept []*state, greedy *state, next float64) ([]*state, *state, error) {
	var pool []*state
	var gnext *state
	pinned := true
	for _, s := range kept {
		if s == greedy {
			pinned = false
		}
	}
	for _, s := range kept {
		cs, g, err := b.expand(ctx, s, s == greedy, next)
		if err != nil {
			return nil, nil, err
		}
		pool = append(pool, cs...)
		if s == greedy {
			gnext = g
		}
	}
	if pinned {
		cs, g, err := b.expand(ctx, greedy, true, next)
		if err != nil {
			return nil, nil, err
		}
		pool, gnext = append(pool, cs...), g
	}
	return pool, gnext, nil
}

// expand forks x once per candidate of its epoch, runs each child to just before next and scores it.
// It returns the children for the pool (with a finite Width, a child whose score equals an earlier
// sibling's is left out: ties are taken as the same outcome, the no-op first) and the child the
// greedy lookahead chooses (with greedy; nil otherwise). A complete x is returned alone, as both.
func (b *beam) expand(ctx context.Context, x *state, greedy bool, next float64) ([]*state, *state, error) {
	if x.done {
		return []*state{x}, x, nil
	}
	first, c0, err := b.child(ctx, x, 0, greedy, next)
	if err != nil {
		return nil, nil, err
	}
	if !c0.called {
		return b.end(ctx, first)
	}
	out := []*state{first}
	for j := 1; j < len(c0.cands); j++ {
		ch, c, err := b.child(ctx, x, j, false, next)
		if err != nil {
			return nil, nil, err
		}
		if len(c.cands) != len(c0.cands) {
			return nil, nil, fmt.Errorf("search: forks of one state saw %d and %d candidates", len(c0.cands), len(c.cands))
		}
		out = append(out, ch)
	}
	for _, ch := range out {
		if err := b.score(ctx, ch, next); err != nil {
			return nil, nil, err
		}
	}
	var g *state
	if greedy {
		k, err := pickOf(c0.cands, c0.greedy)
		if err != nil {
			return nil, nil, err
		}
		g = out[k]
	}
	if b.o.Width > 0 {
		out = distinctScores(out)
	}
	return out, g, nil
}

// distinctScores keeps the first of the states with equal scores, in order.
func distinctScores(ss []*state) []*state {
	seen := make(map[int64]bool, len(ss))
	out := ss[:0:0]
	for _, s := range ss {
		if !seen[s.score] {
			seen[s.score] = true
			out = append(out, s)
		}
	}
	return out
}

// end completes a state that has no epoch left: it runs to the end, its score the final count.
func (b *beam) end(ctx context.Context, x *state) ([]*state, *state, error) {
	if _, err := x.s.Run(ctx); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	x.picks, x.plans = x.picks[:len(x.picks)-1], x.plans[:len(x.plans)-1]
	x.s, x.score, x.done = nil, x.met.met, true
	return []*state{x}, x, nil
}

// child forks x with a step controller choosing candidate pick at x's epoch (and, with greedy, asking
// the greedy lookahead too) and runs the fork to just before next.
func (b *beam) child(ctx context.Context, x *state, pick int, greedy bool, next float64) (*state, *step, error) {
	c := &step{pick: pick, eligible: b.o.Eligible}
	if greedy {
		c.lookahead = b.greedy
	}
	met := &metCounter{met: x.met.met, cut: math.Inf(1)}
	f, err := x.s.Fork(met, []sim.Controller{c})
	if err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	b.children++
	if err := f.RunUntil(ctx, before(next)); err != nil {
		return nil, nil, fmt.Errorf("search: %w", err)
	}
	n := len(x.picks)
	return &state{s: f, met: met, picks: append(x.picks[:n:n], pick), plans: append(x.plans[:n:n], c.plan)}, c, nil
}

// score sets ch's score: the requests met so far plus those arriving before next + L that meet their
// deadline when the placement is held from next on (a fork without controllers, run to the end, or
// with a finite L until every such request has ended or passed its deadline).
func (b *beam) score(ctx context.Context, ch *state, next float64) error {
	if ch.s.Done() {
		ch.score = ch.met.met
		return nil
	}
	m := &metCounter{cut: next + b.look}
	f, err := ch.s.Fork(m, nil)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	end := math.Inf(1)
	if !math.IsInf(b.look, 1) {
		end = next + b.settle
	}
	if err := f.RunUntil(ctx, end); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	ch.score = ch.met.met + m.met
	return nil
}

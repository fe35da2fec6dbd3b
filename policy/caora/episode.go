package caora

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/internal/sac"
	"github.com/airansim/airansim/sim"
)

// Episode is one training run of a Learner: the training controller (stochastic α, warm-up, a
// transition per mixed node per epoch, gradient steps after each epoch) and the reward bookkeeping.
type Episode struct {
	l      *Learner
	tr     *tracker
	sink   sim.Sink // the configuration's own sink, fed too
	cur    [][]float64
	prev   []step
	shares []float64
	act    []float64
	res    EpisodeResult
}

// step is the state and action taken at a node at the previous epoch, awaiting its reward.
type step struct {
	ok bool
	x  []float64
	u  float64
}

// EpisodeResult summarises an episode.
type EpisodeResult struct {
	Transitions int       // transitions stored
	Return      float64   // Σ rewards of the stored transitions
	Decisions   int       // shares chosen (mixed nodes × epochs)
	MeanShare   float64   // mean α chosen
	Updates     int       // gradient steps taken
	Last        sac.Stats // statistics of the last gradient step (zero without one)
}

var _ sim.Controller = (*Episode)(nil)

// Episode installs a training episode into cfg, which must describe a static placement: it becomes
// cfg's only controller, called every period seconds (0: sim.DefaultPeriod), and wraps cfg.Source (to learn deadlines) and cfg.Sink (to learn outcomes; the original
// sink still receives every record). Run the simulation, then read Result.
func (l *Learner) Episode(cfg *sim.Config, period float64) *Episode {
	n := len(cfg.Nodes)
	e := &Episode{l: l, tr: newTracker(cfg, cfg.Source, l.o.Reward), sink: cfg.Sink, cur: make([][]float64, n),
		prev: make([]step, n), shares: make([]float64, n)}
	cfg.Source, cfg.Sink = e.tr, e
	cfg.Controllers = []sim.ControllerSpec{{Controller: e, Period: period}}
	return e
}

// Result returns the episode's summary so far.
func (e *Episode) Result() EpisodeResult {
	r := e.res
	if r.Decisions > 0 {
		r.MeanShare /= float64(r.Decisions)
	}
	return r
}

// Name returns "caora-train".
func (*Episode) Name() string { return "caora-train" }

// Record feeds the reward tracker and the configuration's own sink.
func (e *Episode) Record(r sim.Record) {
	e.tr.Record(r)
	if e.sink != nil {
		e.sink.Record(r)
	}
}

// RANShares returns the shares chosen at the last epoch (NaN where one class resides alone).
func (e *Episode) RANShares() []float64 { return e.shares }

// Decide stores the transitions the last slot completed, takes the gradient steps and chooses the
// next shares: uniform during the warm-up, sampled from the actor afterwards, one SetShare per node.
// It never migrates.
func (e *Episode) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("caora: %w", err)
	}
	if len(s.Nodes) != len(e.shares) {
		return nil, fmt.Errorf("caora: snapshot has %d nodes, the episode was set up for %d", len(s.Nodes), len(e.shares))
	}
	e.tr.settle(s.Time)
	for n := range s.Nodes {
		r, ok := e.tr.reward(n)
		if !Mixed(s, n) {
			e.cur[n], e.prev[n].ok = e.cur[n][:0], false
			continue
		}
		e.cur[n] = Features(s, n, e.cur[n])
		if p := e.prev[n]; p.ok && ok {
			e.l.replay.Add(sac.Transition{Obs: p.x, Action: []float64{p.u}, Reward: r, Next: e.cur[n]})
			e.res.Transitions++
			e.res.Return += r
		}
	}
	if e.l.learning() {
		for range e.l.o.Steps {
			e.res.Last = e.l.agent.Update(e.l.replay)
			e.res.Updates++
		}
	}
	for n := range s.Nodes {
		e.shares[n] = math.NaN()
		if len(e.cur[n]) == 0 {
			continue
		}
		if e.l.learning() {
			e.act = e.l.agent.Act(e.cur[n], false, e.act)
		} else {
			e.act = e.l.agent.Uniform(e.act)
		}
		e.prev[n] = step{ok: true, x: append(e.prev[n].x[:0], e.cur[n]...), u: e.act[0]}
		e.shares[n] = toShare(e.act[0])
		e.res.Decisions++
		e.res.MeanShare += e.shares[n]
	}
	return SharePlan(e.shares), nil
}

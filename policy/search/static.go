package search

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/airansim/airansim/sim"
)

// StaticOptions configures Static. The zero value selects every default.
type StaticOptions struct {
	Restarts int    // random feasible starting placements searched after the configuration's own; 0: 2; negative: none
	Seed     uint64 // seed of the restarts' PCG generator
	// Progress is called after every improvement and at the end of each start; nil: none.
	Progress func(StaticProgress)
}

// StaticProgress reports a static search's progress.
type StaticProgress struct {
	Start int   // starting placement, 0 the configuration's own
	Runs  int   // full runs so far (distinct placements evaluated)
	Met   int64 // met requests of the current start's placement
	Best  int64 // best over every start so far
}

// StaticResult is the outcome of Static or Exhaustive.
type StaticResult struct {
	Best    Placement // the placement with the most met requests (ties: the first found)
	Run     Run       // its full run
	Initial Run       // the full run of the configuration's own placement
	Runs    int       // full runs (distinct placements evaluated)
}

// Static searches static initial placements of cfg for the most met requests over a full run with
// cfg's allocator and no migrations (RunPlacement). From cfg's own placement, then from Restarts
// seeded random feasible placements, it moves one instance to another node or swaps the nodes of two
// instances, taking the first strictly better feasible neighbour in a fixed scan order (moves by
// instance then node, then swaps by pair; the scan restarts after each improvement) until none is
// better: a local optimum. Every placement is run once (results are memoised). Best is never worse
// than cfg's own placement. cfg's requirements are RunPlacement's.
func Static(ctx context.Context, cfg sim.Config, o StaticOptions) (StaticResult, error) {
	if o.Restarts == 0 {
		o.Restarts = 2
	}
	ls := &local{cfg: cfg, o: o, seen: map[string]int64{}}
	starts := []Placement{PlacementOf(cfg)}
	r := rand.New(rand.NewPCG(o.Seed, 0x5eed5ea4c4))
	for k := 0; k < o.Restarts; k++ {
		p, err := randomFeasible(cfg, r, 10000)
		if err != nil {
			return StaticResult{}, err
		}
		starts = append(starts, p)
	}
	var res StaticResult
	for k, p := range starts {
		best, met, err := ls.climb(ctx, k, p)
		if err != nil {
			return StaticResult{}, err
		}
		if k == 0 || met > res.Run.Met() {
			res.Best = best
			if res.Run, err = RunPlacement(ctx, cfg, best); err != nil {
				return StaticResult{}, err
			}
		}
	}
	var err error
	res.Initial, err = RunPlacement(ctx, cfg, starts[0])
	res.Runs = len(ls.seen)
	return res, err
}

// local is one local search's memo and counters.
type local struct {
	cfg  sim.Config
	o    StaticOptions
	seen map[string]int64 // met requests by placement key
	best int64
}

// climb runs first-improvement local search from p and returns the local optimum and its met count.
func (l *local) climb(ctx context.Context, start int, p Placement) (Placement, int64, error) {
	met, err := l.met(ctx, p)
	if err != nil {
		return nil, 0, err
	}
	for {
		var better Placement
		var bm int64
		neighbours(l.cfg, p, func(q Placement) bool {
			m, e := l.met(ctx, q)
			if e != nil {
				err = e
				return false
			}
			if m > met {
				better, bm = q, m
				return false
			}
			return true
		})
		if err != nil {
			return nil, 0, err
		}
		if better == nil {
			l.progress(start, met)
			return p, met, nil
		}
		p, met = better, bm
		l.progress(start, met)
	}
}

// met returns the met requests of placement p's full run, memoised.
func (l *local) met(ctx context.Context, p Placement) (int64, error) {
	k := p.key()
	if m, ok := l.seen[k]; ok {
		return m, nil
	}
	r, err := RunPlacement(ctx, l.cfg, p)
	if err != nil {
		return 0, err
	}
	m := r.Met()
	l.seen[k] = m
	if len(l.seen) == 1 || m > l.best {
		l.best = m
	}
	return m, nil
}

func (l *local) progress(start int, met int64) {
	if l.o.Progress != nil {
		l.o.Progress(StaticProgress{Start: start, Runs: len(l.seen), Met: met, Best: l.best})
	}
}

// Exhaustive runs every feasible static placement of cfg (RunPlacement) and returns the best (ties:
// the first in lexicographic order of node indices by instance). It refuses, with an error wrapping
// ErrOptions, when there are more than limit placements to enumerate (nodes^instances, feasible or
// not); limit 0: 100000.
func Exhaustive(ctx context.Context, cfg sim.Config, limit int) (StaticResult, error) {
	if limit == 0 {
		limit = 100000
	}
	total := 1
	for range cfg.Instances {
		if total *= len(cfg.Nodes); total > limit {
			return StaticResult{}, fmt.Errorf("%w: more than %d placements to enumerate", ErrOptions, limit)
		}
	}
	var res StaticResult
	p := make(Placement, len(cfg.Instances))
	for k := 0; k < total; k++ {
		if Feasible(cfg, p) {
			r, err := RunPlacement(ctx, cfg, p)
			if err != nil {
				return StaticResult{}, err
			}
			if res.Runs == 0 || r.Met() > res.Run.Met() {
				res.Best, res.Run = append(Placement(nil), p...), r
			}
			res.Runs++
		}
		odometer(p, len(cfg.Nodes))
	}
	var err error
	res.Initial, err = RunPlacement(ctx, cfg, PlacementOf(cfg))
	return res, err
}

// odometer advances p to the next placement in lexicographic order (the last instance fastest).
func odometer(p Placement, nodes int) {
	for i := len(p) - 1; i >= 0; i-- {
		if p[i]++; p[i] < nodes {
			return
		}
		p[i] = 0
	}
}

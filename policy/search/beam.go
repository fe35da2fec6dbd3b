package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/sim"
)

// BeamOptions configures Beam. The zero value selects every default.
type BeamOptions struct {
	Interval float64 // Δ between decisions, s: the controllers' period, first call at Δ; 0: sim.DefaultPeriod (5)
	// Width is W, the states kept after each epoch besides the pinned greedy one; 0: 4; negative: every
	// child (an exhaustive enumeration of decision sequences, exponential in the epochs).
	Width int
	// ScoreWindow sets how far a child's score looks. 0: to the end of the run: the score is the exact
	// final count of met requests if the placement were held from the next epoch on (the rollout value
	// of the hold policy). > 0: L s: the met requests among those arriving before the next epoch plus L,
	// the placement held (cheaper; each child then runs Interval + L + the largest deadline). < 0: L = 0.
	ScoreWindow float64
	Eligible    []sim.Category      // categories that may migrate (haf.Candidates; also the greedy lookahead's); nil: all four
	Weights     [sim.Groups]float64 // weights of the greedy lookahead's r̄ (haf.Lookahead); all zero: equal
	Progress    func(Progress)      // called after each epoch's selection; nil: none
}

// Progress reports the state of a beam search after one epoch.
type Progress struct {
	Epoch    int     // epochs visited so far (the last visit finds every state complete)
	Time     float64 // the epoch's time, s
	Children int     // child simulations run so far (one per expanded state and candidate)
	Best     int64   // best score among the kept states (met requests)
	Greedy   int64   // score of the pinned greedy state
}

// Trajectory is one decision sequence and its exact evaluation.
type Trajectory struct {
	Name  string     // "greedy", or "beam-r" for the state of rank r (1 best) at the last epoch
	Picks []int      // index of the chosen candidate in haf.Candidates at each epoch, 0 the no-op
	Plans []sim.Plan // the decision of each epoch (nil: no migration), as Replay applies it
	Score int64      // its score at the last epoch: met requests (its final count when it ended early)
	Run   Run        // the exact full run replaying Plans (ReplayRun)
}

// BeamResult is the outcome of Beam.
type BeamResult struct {
	Best      Trajectory   // the finalist with the most met requests in its full run (ties: the earlier finalist)
	Greedy    Trajectory   // the pinned greedy one-interval lookahead (the registered lookahead method's decisions)
	Finalists []Trajectory // every finalist, greedy first, then the kept states by rank; duplicates removed
	Epochs    int          // decision epochs (of the longest finalist)
	Children  int          // child simulations run
}

func (o BeamOptions) withDefaults() (BeamOptions, error) {
	if o.Interval == 0 {
		o.Interval = sim.DefaultPeriod
	}
	if !(o.Interval > 0) || math.IsInf(o.Interval, 0) || math.IsNaN(o.ScoreWindow) || math.IsInf(o.ScoreWindow, 0) {
		return o, fmt.Errorf("%w: interval %g s must be finite and > 0, score window %g s finite", ErrOptions, o.Interval, o.ScoreWindow)
	}
	if o.Width == 0 {
		o.Width = 4
	}
	return o, nil
}

// Beam searches decision sequences of single migrations (haf.Candidates, no-op included) over the
// whole run of cfg with exact simulations, and returns the best found. cfg is a scenario's
// configuration with its Allocator set; its Source must be a sim.ForkableSource not yet read from (it
// is only forked); its Controllers and Sink are ignored.
//
// Every Interval seconds, every kept state is forked once per candidate, each child run to the next
// epoch and scored (BeamOptions.ScoreWindow); the Width best children are kept. The greedy lookahead's own
// trajectory (haf.Lookahead's choice from its own state) is carried as a pinned member and expanded too.
// At the end every finalist is replayed by a full run (ReplayRun) and the best count of met
// requests wins, so Best is at least the greedy lookahead's full-run result on every run. With the
// default ScoreWindow (to the end) a no-op child scores exactly its parent's score, so the best kept
// score never decreases and Best is also at least the run that never migrates (haf-static).
func Beam(ctx context.Context, cfg sim.Config, o BeamOptions) (BeamResult, error) {
	o, err := o.withDefaults()
	if err != nil {
		return BeamResult{}, err
	}
	greedy, err := haf.NewLookahead(o.Interval, o.Eligible, o.Weights)
	if err != nil {
		return BeamResult{}, fmt.Errorf("search: %w", err)
	}
	b := &beam{o: o, greedy: greedy, look: math.Inf(1)}
	if o.ScoreWindow != 0 {
		tmax, err := maxDeadline(cfg)
		if err != nil {
			return BeamResult{}, err
		}
		b.look = max(o.ScoreWindow, 0)
		b.settle = b.look + tmax + settleSlack
	}
	root, err := b.root(ctx, cfg)
	if err != nil {
		return BeamResult{}, err
	}
	res, err := b.search(ctx, root)
	if err != nil {
		return BeamResult{}, err
	}
	return b.finish(ctx, cfg, res)
}

// search runs the epochs until every kept state and the greedy one are complete.
func (b *beam) search(ctx context.Context, root *state) (BeamResult, error) {
	kept, greedy := []*state{root}, root
	t := b.o.Interval
	for !complete(kept, greedy) {
		pool, next, err := b.expandAll(ctx, kept, greedy, t+b.o.Interval)
		if err != nil {
			return BeamResult{}, err
		}
		kept, greedy = b.keep(pool), next
		b.epochs++
		if b.o.Progress != nil {
			b.o.Progress(Progress{Epoch: b.epochs, Time: t, Children: b.children, Best: kept[0].score, Greedy: greedy.score})
		}
		t += b.o.Interval
	}
	res := BeamResult{Children: b.children, Greedy: greedy.trajectory("greedy")}
	res.Finalists = []Trajectory{res.Greedy}
	for r, s := range kept {
		res.Finalists = append(res.Finalists, s.trajectory(fmt.Sprintf("beam-%d", r+1)))
	}
	for _, f := range res.Finalists {
		res.Epochs = max(res.Epochs, len(f.Picks))
	}
	return res, nil
}

// keep keeps the Width best states of pool by score, stable (ties: expansion order).
func (b *beam) keep(pool []*state) []*state {
	sort.SliceStable(pool, func(i, j int) bool { return pool[i].score > pool[j].score })
	if b.o.Width > 0 && len(pool) > b.o.Width {
		pool = pool[:b.o.Width]
	}
	return pool
}

// finish removes duplicate finalists, replays each by a full run and picks the best.
func (b *beam) finish(ctx context.Context, cfg sim.Config, res BeamResult) (BeamResult, error) {
	var fs []Trajectory
	for _, f := range res.Finalists {
		if !containsPicks(fs, f.Picks) {
			fs = append(fs, f)
		}
	}
	for i := range fs {
		r, err := ReplayRun(ctx, cfg, b.o.Interval, fs[i].Plans, nil)
		if err != nil {
			return BeamResult{}, err
		}
		fs[i].Run = r
		if i == 0 || r.Met() > res.Best.Run.Met() {
			res.Best = fs[i]
		}
	}
	res.Greedy, res.Finalists = fs[0], fs
	return res, nil
}

func containsPicks(ts []Trajectory, p []int) bool {
	for _, t := range ts {
		if slices.Equal(t.Picks, p) {
			return true
		}
	}
	return false
}

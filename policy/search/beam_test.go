package search_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/policy/search"
	"github.com/airansim/airansim/sim"
)

// TestBeamDominatesGreedy: on the paper scenario (small runs, several seeds) the beam's best full run
// meets at least as many requests as the registered lookahead method's own full run and as haf-static's,
// its pinned greedy trajectory meets exactly as many as the lookahead method, and with the default score window
// the best kept score never decreases and ends at the best full run's count.
func TestBeamDominatesGreedy(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			cfg, dt := paper(t, 800, seed)
			best := int64(-1)
			o := search.BeamOptions{Interval: dt, Width: 2, Progress: func(p search.Progress) {
				if p.Best < best {
					t.Errorf("epoch %d: best score %d fell below %d", p.Epoch, p.Best, best)
				}
				best = p.Best
			}}
			r, err := search.Beam(context.Background(), cfg, o)
			if err != nil {
				t.Fatal(err)
			}
			_, look := runMethod(t, policy.MethodLookahead, 800, seed)
			_, static := runMethod(t, policy.MethodHAFStatic, 800, seed)
			if r.Best.Run.Met() < look || r.Greedy.Run.Met() != look || r.Best.Run.Met() < static || best != r.Best.Score {
				t.Errorf("met: beam best %d (score %d, last progress %d), beam's greedy %d, lookahead %d, haf-static %d; "+
					"want best ≥ lookahead = greedy, best ≥ haf-static", r.Best.Run.Met(), r.Best.Score, best, r.Greedy.Run.Met(), look, static)
			}
			if r.Best.Run.Overall() < r.Greedy.Run.Overall() || r.Epochs == 0 {
				t.Errorf("best %.4f < greedy %.4f, or no epoch (%d)", r.Best.Run.Overall(), r.Greedy.Run.Overall(), r.Epochs)
			}
		})
	}
}

// TestGreedyTrajectoryReplaysLookahead: replaying the pinned greedy trajectory reproduces the registered
// lookahead method's full run record for record.
func TestGreedyTrajectoryReplaysLookahead(t *testing.T) {
	const n, seed = 1500, 2
	cfg, dt := paper(t, n, seed)
	r, err := search.Beam(context.Background(), cfg, search.BeamOptions{Interval: dt, Width: 1})
	if err != nil {
		t.Fatal(err)
	}
	var got records
	run, err := search.ReplayRun(context.Background(), cfg, dt, r.Greedy.Plans, &got)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := runMethod(t, policy.MethodLookahead, n, seed)
	if len(got) != len(want) || !reflect.DeepEqual(got, want) {
		t.Fatalf("replayed greedy trajectory: %d records, lookahead method %d; they differ", len(got), len(want))
	}
	if run.Stats.MigrationsTotal() == 0 {
		t.Errorf("the lookahead made no migration: the test proves little")
	}
}

// TestBeamUnlimitedIsExhaustive: with every child kept, the beam's finalists are exactly the
// decision sequences of an independent enumeration by full runs, each with the same met count.
func TestBeamUnlimitedIsExhaustive(t *testing.T) {
	eligible := []sim.Category{sim.LargeAI, sim.SmallAI}
	for _, seed := range []uint64{1, 2} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			leaves := map[string]int64{}
			enumerate(t, seed, eligible, nil, leaves)
			r, err := search.Beam(context.Background(), tiny(seed), search.BeamOptions{Width: -1, Eligible: eligible})
			if err != nil {
				t.Fatal(err)
			}
			if len(r.Finalists) != len(leaves) {
				t.Fatalf("%d finalists, %d decision sequences", len(r.Finalists), len(leaves))
			}
			best, worst := int64(-1), int64(1<<62)
			for _, l := range leaves {
				best, worst = max(best, l), min(worst, l)
			}
			for _, f := range r.Finalists {
				if m, ok := leaves[fmt.Sprint(f.Picks)]; !ok || m != f.Run.Met() || f.Score != m {
					t.Errorf("%s %v: met %d, score %d; enumeration %d (found %v)", f.Name, f.Picks, f.Run.Met(), f.Score, m, ok)
				}
			}
			if r.Best.Run.Met() != best || best == worst || r.Epochs != 3 {
				t.Errorf("beam best %d, exhaustive best %d worst %d, epochs %d (want 3)", r.Best.Run.Met(), best, worst, r.Epochs)
			}
		})
	}
}

// enumerate adds to leaves the met count of every complete decision sequence extending prefix
// (candidate indices of haf.Candidates), each evaluated by its own full run.
func enumerate(t *testing.T, seed uint64, eligible []sim.Category, prefix []int, leaves map[string]int64) {
	c := &scripted{picks: prefix, eligible: eligible}
	cfg := tiny(seed)
	var sum metrics.Summary
	cfg.Sink, cfg.Controllers = &sum, []sim.ControllerSpec{{Controller: c}}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(c.counts) == len(prefix) {
		leaves[fmt.Sprint(prefix)] = sum.Counts(metrics.Overall).Met
		return
	}
	for j := 0; j < c.counts[len(prefix)]; j++ {
		enumerate(t, seed, eligible, append(prefix[:len(prefix):len(prefix)], j), leaves)
	}
}

// scripted applies candidate picks[k-1] of haf.Candidates at its k-th call (the no-op after the last)
// and counts the candidates of every call.
type scripted struct {
	picks    []int
	eligible []sim.Category
	counts   []int
}

func (*scripted) Name() string { return "scripted" }

func (c *scripted) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	cs := haf.Candidates(s, c.eligible)
	c.counts = append(c.counts, len(cs))
	if k := s.Epoch - 1; k < len(c.picks) {
		if m, ok := cs[c.picks[k]].Migration(); ok {
			return sim.Plan{m}, nil
		}
	}
	return nil, nil
}

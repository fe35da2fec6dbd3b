package caora_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/internal/sac"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/sim"
)

// train runs episodes of the test cluster (n requests each, workload seeds 100, 101, …) under a
// learner and returns it with the episodes' results.
func train(t testing.TB, episodes, n int, seed uint64) (*caora.Learner, []caora.EpisodeResult) {
	t.Helper()
	l, err := caora.NewLearner(caora.LearnOptions{Warmup: 100, Steps: 2,
		SAC: sac.Options{Hidden: []int{32, 32}, Batch: 64, ActorLR: 1e-3, CriticLR: 1e-3, AlphaLR: 1e-3, Seed: seed}})
	if err != nil {
		t.Fatal(err)
	}
	var res []caora.EpisodeResult
	for k := range episodes {
		cfg := cluster()
		cfg.Source, cfg.Allocator = newSource(n, 100+uint64(k)), allocator.HAF{}
		e := l.Episode(&cfg, 1)
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		res = append(res, e.Result())
	}
	return l, res
}

// fulfilment runs the test cluster under p and returns the share of AI requests that met their
// deadline.
func fulfilment(t *testing.T, p sim.Controller) float64 {
	met, ai := 0, 0
	for _, r := range run(t, p, 3000) {
		if r.Class == sim.AI {
			ai++
			if r.Met() {
				met++
			}
		}
	}
	return float64(met) / float64(ai)
}

// fixed is a controller with a constant share on node 0.
type fixed float64

func (fixed) Name() string { return "fixed" }
func (f fixed) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	return caora.SharePlan([]float64{float64(f), math.NaN()}), nil
}

// TestLearnerLearnsSplit trains on the test cluster, where AI requests on the mixed node meet their
// deadlines only when the RAN share leaves them enough GPU (the RAN floors protect RAN-only requests
// whatever α): the trained actor must give AI most of the node and beat a RAN-heavy split.
func TestLearnerLearnsSplit(t *testing.T) {
	l, res := train(t, 12, 3000, 1)
	first, last := res[0], res[len(res)-1]
	if last.Transitions < 50 || last.Updates == 0 {
		t.Fatalf("last episode: %+v", last)
	}
	if first.Return/float64(first.Transitions) >= last.Return/float64(last.Transitions) {
		t.Errorf("mean reward did not improve: first %+v, last %+v", first, last)
	}
	a, err := l.Actor()
	if err != nil {
		t.Fatal(err)
	}
	p, _ := caora.New(caora.Options{Actor: a})
	trained, heavy := fulfilment(t, p), fulfilment(t, fixed(0.8))
	t.Logf("AI fulfilment: trained %.3f, α = 0.8 %.3f; mean α last episode %.3f", trained, heavy, last.MeanShare)
	if trained < 0.95 || trained <= heavy {
		t.Fatalf("trained actor meets %.3f of AI requests (α = 0.8: %.3f), want ≥ 0.95 and better", trained, heavy)
	}
}

// TestLearnerDeterministic checks that equal seeds give byte-identical actors, different seeds not.
func TestLearnerDeterministic(t *testing.T) {
	actor := func(seed uint64) []byte {
		l, res := train(t, 4, 2000, seed)
		if res[3].Updates == 0 {
			t.Fatal("no gradient step taken")
		}
		a, err := l.Actor()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := a.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b, c := actor(7), actor(7), actor(8)
	if !bytes.Equal(a, b) {
		t.Fatal("two trainings with seed 7 give different actors")
	}
	if bytes.Equal(a, c) {
		t.Fatal("seeds 7 and 8 give the same actor")
	}
}

func TestLearnOptionsValidation(t *testing.T) {
	for _, o := range []caora.LearnOptions{{Warmup: -1}, {Steps: -1}, {Buffer: -1}, {Reward: 7}, {SAC: sac.Options{Tau: 2}}} {
		if _, err := caora.NewLearner(o); err == nil {
			t.Errorf("%+v: no error", o)
		}
	}
	l, err := caora.NewLearner(caora.LearnOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if o := l.Options(); o.SAC.Gamma != 0.9 || o.SAC.Batch != 128 || o.Warmup != 500 || o.Steps != 2 || o.Buffer != 100000 {
		t.Fatalf("defaults %+v", o)
	}
}

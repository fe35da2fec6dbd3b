package caora_test

import (
	"bytes"
	"context"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

func TestDefaultActorLoads(t *testing.T) {
	a, err := caora.DefaultActor()
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), caora.DefaultActorJSON()) {
		t.Fatal("saving the embedded actor does not reproduce actor.json")
	}
	if _, err := caora.New(caora.Options{}); err != nil {
		t.Fatal(err)
	}
}

// TestEmbeddedActors: each reward's embedded actor loads, saves back to its file, and gives the
// policy the reward's name; an unknown reward is an error.
func TestEmbeddedActors(t *testing.T) {
	for _, c := range []struct {
		reward     caora.Reward
		file, name string
	}{
		{caora.RewardFulfilment, "actor.json", "caora"},
		{caora.RewardCompletions, "actor_completions.json", "caora-completions"},
	} {
		a, err := caora.EmbeddedActor(c.reward)
		if err != nil {
			t.Fatalf("%v: %v", c.reward, err)
		}
		var b bytes.Buffer
		if err := a.Save(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b.Bytes(), caora.EmbeddedActorJSON(c.reward)) || caora.EmbeddedActorFile(c.reward) != c.file {
			t.Errorf("%v: saving the embedded actor does not reproduce %s (file %q)", c.reward, c.file, caora.EmbeddedActorFile(c.reward))
		}
		p, err := caora.New(caora.Options{Reward: c.reward})
		if err != nil || p.Name() != c.name || caora.NameOf(c.reward) != c.name {
			t.Errorf("%v: policy %v, error %v, want name %q", c.reward, p, err, c.name)
		}
	}
	if !bytes.Equal(caora.EmbeddedActorJSON(caora.RewardFulfilment), caora.DefaultActorJSON()) {
		t.Error("the fulfilment reward's actor is not the default actor")
	}
	if bytes.Equal(caora.EmbeddedActorJSON(caora.RewardFulfilment), caora.EmbeddedActorJSON(caora.RewardCompletions)) {
		t.Error("the two rewards embed the same actor")
	}
	if _, err := caora.New(caora.Options{Reward: 7}); err == nil {
		t.Error("unknown reward: no error")
	}
}

// TestShareInRange feeds extreme and ordinary state vectors to the embedded actor.
func TestShareInRange(t *testing.T) {
	a, err := caora.DefaultActor()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"zeros", 0}, {"ones", 1}, {"large", 1e6}, {"negative", -1e6}, {"clipped load", 10}} {
		x := make([]float64, caora.NumFeatures)
		for i := range x {
			x[i] = c.v
		}
		if s := a.Share(x); !(s >= 0 && s <= 1) {
			t.Errorf("%s: α = %v outside [0, 1]", c.name, s)
		}
	}
}

// run simulates the test cluster under p with HAF's allocator, checking the engine's invariants and
// the shares after every event, and returns the records.
func run(t *testing.T, p sim.Controller, n int) []sim.Record {
	t.Helper()
	cfg := cluster()
	cfg.Source, cfg.Allocator = newSource(n, 1), allocator.HAF{}
	cfg.Controllers = []sim.ControllerSpec{{Controller: p, Period: 1}}
	var recs recorder
	cfg.Sink = &recs
	partitioned := 0
	cfg.AfterEvent = func(s *sim.Sim) {
		if err := s.CheckInvariants(); err != nil {
			t.Fatal(err)
		}
		snap := s.Snapshot()
		if snap.Nodes[1].Partitioned {
			t.Fatalf("t=%g: the AI-only node is partitioned", snap.Time)
		}
		if v := snap.Nodes[0]; v.Partitioned {
			partitioned++
			if !(v.RANShare >= 0 && v.RANShare <= 1) {
				t.Fatalf("t=%g: α = %v", snap.Time, v.RANShare)
			}
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.MigrationsTotal() != 0 || partitioned == 0 {
		t.Fatalf("%d migrations, %d events on a partitioned mixed node", st.MigrationsTotal(), partitioned)
	}
	return recs
}

type recorder []sim.Record

func (r *recorder) Record(rec sim.Record) { *r = append(*r, rec) }

// TestRunsDeterministically runs the default policy twice, deterministic and stochastic, on a small
// simulation with invariants checked after every event: identical records for identical options.
func TestRunsDeterministically(t *testing.T) {
	for _, o := range []caora.Options{{}, {Stochastic: true, Seed: 3}} {
		var got [2][]sim.Record
		for k := range got {
			p, err := caora.New(o)
			if err != nil {
				t.Fatal(err)
			}
			got[k] = run(t, p, 600)
		}
		if len(got[0]) != 600 || !slices.Equal(got[0], got[1]) {
			t.Fatalf("options %+v: two runs differ (%d and %d records)", o, len(got[0]), len(got[1]))
		}
	}
}

// TestForkKeepsShares checks that a fork returns the same shares and then evolves independently.
func TestForkKeepsShares(t *testing.T) {
	p, _ := caora.New(caora.Options{Stochastic: true, Seed: 5})
	if p.RANShares() != nil {
		t.Fatal("shares before the first Decide")
	}
	cfg := cluster()
	cfg.Source, cfg.Allocator = newSource(200, 2), allocator.HAF{}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 2); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if _, err := p.Decide(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	c := p.Fork().(*caora.Policy)
	a, b := p.RANShares(), c.RANShares()
	if len(a) != 2 || a[0] != b[0] || !math.IsNaN(a[1]) || !math.IsNaN(b[1]) {
		t.Fatalf("shares %v, fork %v; want equal, NaN for the AI-only node", a, b)
	}
	p.Decide(context.Background(), snap, nil)
	c.Decide(context.Background(), snap, nil)
	if p.RANShares()[0] != c.RANShares()[0] {
		t.Fatal("the fork's sampling stream differs from the original's")
	}
}

func TestBadActorFile(t *testing.T) {
	good := string(caora.DefaultActorJSON())
	for _, c := range []struct {
		name, file, want string
	}{
		{"not JSON", "hello", "caora: decode actor"},
		{"unknown field", strings.Replace(good, `"version":1,`, `"version":1,"extra":2,`, 1), "unknown field"},
		{"version", strings.Replace(good, `"version":1,"features"`, `"version":9,"features"`, 1), "format version 9"},
		{"renamed feature", strings.Replace(good, "vram_use", "vram_free", 1), `"vram_free", want "vram_use"`},
		{"missing feature", strings.Replace(good, `,"vram_use"`, "", 1), "retrain with experiments/traincaora"},
		{"bad network", strings.Replace(good, `"sizes":[14,`, `"sizes":[15,`, 1), "caora: actor network"},
		{"log-std bounds", strings.Replace(good, `"log_std_min":-5`, `"log_std_min":7`, 1), "log-std bounds"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := caora.LoadActor(strings.NewReader(c.file))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want one containing %q", err, c.want)
			}
		})
	}
}

// TestConformance runs the standard policy scenarios (invariants after every event, every request
// ended once, identical runs for a seed, no rejected migration) with HAF's allocator, as the
// registry will pair it.
func TestConformance(t *testing.T) {
	for _, o := range []caora.Options{{}, {Stochastic: true}} {
		policytest.Check(t, func(interval float64, seed uint64) ([]sim.ControllerSpec, sim.Allocator, error) {
			o.Seed = seed
			p, err := caora.New(o)
			return []sim.ControllerSpec{{Controller: p, Period: interval}}, allocator.HAF{}, err
		}, 7)
	}
}

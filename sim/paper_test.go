package sim_test

import (
	"context"
	"fmt"
	"math"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// paperConfig is the default scenario at a load with n requests and the HAF allocator.
func paperConfig(t testing.TB, load float64, n int, seed uint64) sim.Config {
	t.Helper()
	return hafConfig(t, scenario.Default(), scenario.BuildOptions{Load: load, Requests: n, Seed: seed})
}

// hafConfig is sc built with o, with the HAF allocator at every event.
func hafConfig(t testing.TB, sc *scenario.Scenario, o scenario.BuildOptions) sim.Config {
	t.Helper()
	b, err := sc.Build(o)
	if err != nil {
		t.Fatal(err)
	}
	b.Config.Allocator = allocator.HAF{}
	return b.Config
}

// generated is scenario.Generate's cluster of sites sites (six nodes and six cells each).
func generated(t testing.TB, sites int) *scenario.Scenario {
	t.Helper()
	g, err := scenario.Generate(scenario.GenerateOptions{Sites: sites})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// migrator moves every large-AI instance to the GPU-heavy nodes at the first epoch, so that the
// tests exercise migrations, reconfiguration and carried requests.
type migrator struct{ done bool }

func (m *migrator) Name() string { return "test-migrator" }

func (m *migrator) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if m.done {
		return nil, nil
	}
	m.done = true
	var out sim.Plan
	to := 1 // both large-AI instances start on node 0
	for i, in := range s.Instances {
		if in.Category == sim.LargeAI {
			out = append(out, sim.Migrate{Instance: i, To: to})
			to++
		}
	}
	return append(out, sim.Migrate{Instance: 0, To: 0}), nil // the last one is infeasible: same node
}

// TestInvariantsEveryEvent runs the paper scenario with migrations and checks capacities (eq. 3),
// VRAM (eq. 4), a monotone clock and bookkeeping after every event, then that every request ended
// exactly once.
func TestInvariantsEveryEvent(t *testing.T) {
	for _, alloc := range []sim.Allocator{allocator.HAF{}, allocator.EqualShare{}} {
		t.Run(fmt.Sprintf("%T", alloc), func(t *testing.T) {
			t.Parallel()
			cfg := paperConfig(t, 1.25, 6000, 3)
			cfg.Allocator, cfg.Controllers = alloc, every(0, &migrator{})
			sink := &collect{}
			cfg.Sink = sink
			last := 0.0
			var fail error
			cfg.AfterEvent = func(s *sim.Sim) {
				if fail != nil {
					return
				}
				if s.Now() < last {
					fail = fmt.Errorf("clock went back from %g to %g", last, s.Now())
				}
				last = s.Now()
				fail = s.CheckInvariants()
			}
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.Run(context.Background())
			if err != nil || fail != nil {
				t.Fatal(err, fail)
			}
			seen := map[int64]bool{}
			for _, r := range sink.recs {
				if seen[r.ID] {
					t.Fatalf("request %d ended twice", r.ID)
				}
				seen[r.ID] = true
			}
			if len(seen) != 6000 || st.Arrived != 6000 || st.Ended != 6000 {
				t.Fatalf("%d distinct records, %d arrived, %d ended; want 6000", len(seen), st.Arrived, st.Ended)
			}
			if st.Migrations[sim.LargeAI] != 2 || st.Rejected != 1 || st.Rejections[sim.KindMigrate][sim.ReasonSameNode] != 1 {
				t.Errorf("migrations %v rejected %d, want 2 large-AI and 1 rejected", st.Migrations, st.Rejected)
			}
		})
	}
}

// TestLittlesLaw checks L = λ·W on the paper scenario: the time-average number of requests in the
// system equals the arrival rate times the mean time in system (unfinished requests count until the
// end of the run).
func TestLittlesLaw(t *testing.T) {
	cfg := paperConfig(t, 0.75, 8000, 5)
	sink := &collect{}
	cfg.Sink = sink
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	sumW := 0.0
	for _, r := range sink.recs {
		sumW += r.Finish - r.Arrival
	}
	L := st.InSystemArea / st.End
	lambdaW := float64(len(sink.recs)) / st.End * (sumW / float64(len(sink.recs)))
	if math.Abs(L-lambdaW) > 1e-9*lambdaW {
		t.Errorf("L = %.9g, λW = %.9g", L, lambdaW)
	}
}

// TestForkMatchesOriginal forks mid-run; the fork and the original, run to the same time with the
// same decisions, must emit identical records.
func TestForkMatchesOriginal(t *testing.T) {
	cfg := paperConfig(t, 1, 5000, 9)
	orig := &collect{}
	cfg.Sink = orig
	cfg.Controllers = every(0, &migrator{})
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.RunUntil(ctx, 12.5); err != nil {
		t.Fatal(err)
	}
	before := len(orig.recs)
	forked := &collect{}
	f, err := s.Fork(forked, []sim.Controller{&migrator{done: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, stop := range []float64{20, 40} {
		if err := s.RunUntil(ctx, stop); err != nil {
			t.Fatal(err)
		}
		if err := f.RunUntil(ctx, stop); err != nil {
			t.Fatal(err)
		}
	}
	got, want := forked.recs, orig.recs[before:]
	if len(got) != len(want) || len(got) == 0 {
		t.Fatalf("fork emitted %d records, original %d", len(got), len(want))
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("record %d differs: fork %+v, original %+v", i, got[i], want[i])
		}
	}
	if f.Stats().Events != s.Stats().Events {
		t.Errorf("fork processed %d events in all, original %d", f.Stats().Events, s.Stats().Events)
	}
}

// TestDeterministic runs the same seed twice and expects identical records.
func TestDeterministic(t *testing.T) {
	run := func() []sim.Record {
		cfg := paperConfig(t, 1, 3000, 11)
		c := &collect{}
		cfg.Sink, cfg.Controllers = c, every(0, &migrator{})
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		return c.recs
	}
	a, b := run(), run()
	if len(a) != len(b) {
		t.Fatalf("%d vs %d records", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("record %d differs", i)
		}
	}
}

package sim_test

import (
	"context"
	"runtime"
	"testing"

	"github.com/airansim/airansim/sim"
)

// TestSteadyStateAllocs checks that, once the engine's slabs and queues have grown to their working
// size, processing events allocates nothing: the M/M/1-PS queue of BenchmarkEngineMM1 and the paper
// scenario of BenchmarkEnginePaper (ρ = 1, HAF at every event) are warmed up, then run on for 50
// slices. The M/M/1 queue must not allocate at all. The paper scenario is not stationary: under its
// static placement the large-AI instances are overloaded, so the requests in flight (and the request
// slab and wait FIFOs holding them) keep growing; it may allocate only for that amortised growth,
// fewer than one allocation per thousand events.
func TestSteadyStateAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	cases := []struct {
		name         string
		cfg          sim.Config
		warm, slice  float64 // s
		minEventsPer int64   // events a slice must contain for the check to mean something
		maxPerEvent  float64 // allocations allowed per event
	}{
		{"mm1", mm1Config(200000, 0.7, 1), 50000, 100, 100, 0},
		{"paper", paperConfig(t, 1, 20000, 1), 150, 2, 100, 1e-3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := sim.New(c.cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := s.RunUntil(ctx, c.warm); err != nil {
				t.Fatal(err)
			}
			before := s.Stats().Events
			const slices = 50
			var m0, m1 runtime.MemStats
			// The count is the process's, and the runtime allocates for itself now and then (a
			// collection's mark workers, a new thread when two test processes share the cores: local
			// CI runs counted 7, then 1, against the M/M/1 queue's 0 in every run here). As
			// testing.AllocsPerRun does, the window runs on one P, after a collection so that none
			// is due within it.
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			runtime.GC()
			runtime.ReadMemStats(&m0)
			for range slices {
				if err := s.RunUntil(ctx, s.Now()+c.slice); err != nil {
					t.Fatal(err)
				}
			}
			runtime.ReadMemStats(&m1)
			events, allocs := s.Stats().Events-before, m1.Mallocs-m0.Mallocs
			t.Logf("%d events after warm-up: %d allocations", events, allocs)
			if s.Done() || events < c.minEventsPer*slices {
				t.Fatalf("only %d events in the measured slices (done: %v)", events, s.Done())
			}
			if float64(allocs) > c.maxPerEvent*float64(events) {
				t.Errorf("%d allocations in %d events after warm-up, want ≤ %g per event", allocs, events, c.maxPerEvent)
			}
		})
	}
}

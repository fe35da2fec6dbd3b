package policy_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// BenchmarkDecide measures one placement decision of each method on the paper scenario at ρ = 1,
// 30 s into the run (a snapshot with queues). The oracle is left out: it rolls the engine forward.
func BenchmarkDecide(b *testing.B) {
	ctx := context.Background()
	for _, name := range policy.PaperMethods() {
		m, err := policy.Default().New(name, policy.Options{Seed: 1, Interval: 5})
		if err != nil {
			b.Fatal(err)
		}
		if len(m.Controllers) == 0 {
			continue // static placement: nothing to decide
		}
		snap := paperSnapshot(b, m.Allocator)
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := m.Controllers[0].Controller.Decide(ctx, snap, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func paperSnapshot(b *testing.B, a sim.Allocator) *sim.Snapshot {
	bu, err := scenario.Default().Build(scenario.BuildOptions{Load: 1, Requests: 4000, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	defer bu.Close()
	bu.Config.Allocator = a
	s, err := sim.New(bu.Config)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 30); err != nil {
		b.Fatal(err)
	}
	return s.Snapshot()
}

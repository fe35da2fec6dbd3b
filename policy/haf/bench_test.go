package haf_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// BenchmarkPlacementEpoch is one HAF placement decision on the paper scenario at ρ = 1 (t = 50 s):
// candidate generation, the heuristic agent's shortlist, prompt rendering (token estimate) and critic
// scoring of the shortlist and the no-op. It excludes any LLM call.
func BenchmarkPlacementEpoch(b *testing.B) {
	t := &testing.T{}
	s := paperSim(t, 20000, 50, nil)
	snap := s.Snapshot()
	c, err := critic.Default()
	if err != nil {
		b.Fatal(err)
	}
	p, err := haf.New(5, haf.Options{Agent: agent.NewHeuristic(agent.HeuristicOptions{}), Critic: c})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p.Decide(context.Background(), snap, nil); err != nil {
			b.Fatal(err)
		}
	}
	q := &agent.Query{Snapshot: snap, Candidates: haf.Candidates(snap, nil), K: 3, Interval: 5}
	sys, user := agent.Prompt(q)
	b.ReportMetric(float64(len(q.Candidates)), "candidates")
	b.ReportMetric(float64(agent.EstimateTokens(sys+user)), "prompt-tokens")
}

// BenchmarkPlacementEpochScale is one HAF placement decision (as BenchmarkPlacementEpoch) on generated
// scenarios of 1, 10 and 50 sites (6, 60 and 300 nodes) at ρ = 1, taken 20 s into the run; it reports
// the candidates HAF considers (capped at DefaultMaxCandidates) and the feasible moves (the uncapped
// M_k), so that epoch cost can be read against cluster size.
func BenchmarkPlacementEpochScale(b *testing.B) {
	c, err := critic.Default()
	if err != nil {
		b.Fatal(err)
	}
	for _, sites := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("nodes=%d", 6*sites), func(b *testing.B) {
			snap := scaleSnapshot(b, sites, 20)
			p, err := haf.New(5, haf.Options{Agent: agent.NewHeuristic(agent.HeuristicOptions{}), Critic: c})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.Decide(context.Background(), snap, nil); err != nil {
					b.Fatal(err)
				}
			}
			q := &agent.Query{Snapshot: snap, Candidates: haf.CappedCandidates(snap, nil, 0, 0, 5), K: 3, Interval: 5}
			sys, user := agent.Prompt(q)
			b.ReportMetric(float64(agent.EstimateTokens(sys+user)), "prompt-tokens")
			b.ReportMetric(float64(len(q.Candidates)), "candidates")
			b.ReportMetric(float64(len(haf.Candidates(snap, nil))), "feasible")
		})
	}
}

// scaleSnapshot runs a generated scenario of the given number of sites to time until without
// controllers and returns its snapshot.
func scaleSnapshot(b *testing.B, sites int, until float64) *sim.Snapshot {
	g, err := scenario.Generate(scenario.GenerateOptions{Sites: sites})
	if err != nil {
		b.Fatal(err)
	}
	built, err := g.Build(scenario.BuildOptions{Load: 1, Requests: 2000 * sites, Seed: 5})
	if err != nil {
		b.Fatal(err)
	}
	built.Config.Allocator = allocator.HAF{}
	s, err := sim.New(built.Config)
	if err != nil {
		b.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), until); err != nil {
		b.Fatal(err)
	}
	return s.Snapshot()
}

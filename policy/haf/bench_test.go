package haf_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/haf"
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

package haf_test

import (
	"context"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// TestCappedCandidatesKeepThePaperSet: on the paper scenario M_k is below the cap, so the capped set
// is exactly Candidates (same moves, order and numbering).
func TestCappedCandidatesKeepThePaperSet(t *testing.T) {
	snap := paperSim(t, 3000, 12, nil).Snapshot()
	full := haf.Candidates(snap, nil)
	if got := haf.CappedCandidates(snap, nil, 0, 0, 5); !slices.Equal(got, full) {
		t.Fatalf("capped set differs from M_k (%d vs %d candidates)", len(got), len(full))
	}
}

// TestCappedCandidatesIndex checks the capped set of a 60-node cluster against an independent
// oracle: every move is feasible (in M_k), the set is within the cap, each source instance gets the
// least-pressured feasible destinations, and no source node left out is more pressured than one taken.
func TestCappedCandidatesIndex(t *testing.T) {
	snap := generatedSnapshot(t, 10, 20)
	const limit, dests, horizon = 100, 4, 5.0
	full := haf.Candidates(snap, nil)
	got := haf.CappedCandidates(snap, nil, limit, dests, horizon)
	if len(got)-1 > limit || len(got) < 2 || !got[0].NoOp() {
		t.Fatalf("%d candidates (cap %d), first %v", len(got)-1, limit, got[0])
	}
	feasible := map[[2]int]bool{}
	for _, c := range full[1:] {
		feasible[[2]int{c.Instance, c.To}] = true
	}
	pressure := func(n int) float64 {
		return max(snap.Load(n, 0, horizon), snap.Load(n, 1, horizon), snap.FloorUse(n, 0), snap.FloorUse(n, 1))
	}
	byInst := map[int][]int{}
	for k, c := range got[1:] {
		if !feasible[[2]int{c.Instance, c.To}] {
			t.Fatalf("%v is not a feasible move", c)
		}
		if c.ID != "m"+strconv.Itoa(k+1) {
			t.Fatalf("candidate %d numbered %s", k+1, c.ID)
		}
		byInst[c.Instance] = append(byInst[c.Instance], c.To)
	}
	minTaken := 1e18
	for i, tos := range byInst {
		minTaken = min(minTaken, pressure(snap.Instances[i].Node))
		var all []int // every feasible destination of i
		for _, c := range full[1:] {
			if c.Instance == i {
				all = append(all, c.To)
			}
		}
		worstTaken := 0.0
		for _, n := range tos {
			worstTaken = max(worstTaken, pressure(n))
		}
		if len(tos) != min(dests, len(all)) {
			t.Fatalf("instance %d: %d destinations, want %d", i, len(tos), min(dests, len(all)))
		}
		for _, n := range all {
			if !slices.Contains(tos, n) && pressure(n) < worstTaken {
				t.Fatalf("instance %d: node %d (pressure %g) left out for one at %g", i, n, pressure(n), worstTaken)
			}
		}
	}
	for _, c := range full[1:] {
		if _, taken := byInst[c.Instance]; !taken && pressure(c.From) > minTaken {
			t.Fatalf("instance %d on node %d (pressure %g) left out while a source at %g was taken",
				c.Instance, c.From, pressure(c.From), minTaken)
		}
	}
}

// TestHAFDecidesOnLargeClusters: a HAF epoch on a 60-node cluster shortlists from the capped set.
func TestHAFDecidesOnLargeClusters(t *testing.T) {
	snap := generatedSnapshot(t, 10, 20)
	p, err := haf.New(5, haf.Options{Agent: agent.NewHeuristic(agent.HeuristicOptions{}), MaxCandidates: 50})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Decide(context.Background(), snap, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := haf.New(5, haf.Options{Agent: agent.NewHeuristic(agent.HeuristicOptions{}), Destinations: -1}); err == nil {
		t.Fatal("negative Destinations accepted")
	}
}

func generatedSnapshot(t *testing.T, sites int, until float64) *sim.Snapshot {
	t.Helper()
	g, err := scenario.Generate(scenario.GenerateOptions{Sites: sites})
	if err != nil {
		t.Fatal(err)
	}
	built, err := g.Build(scenario.BuildOptions{Load: 1, Requests: 2000 * sites, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	built.Config.Allocator = allocator.HAF{}
	s, err := sim.New(built.Config)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), until); err != nil {
		t.Fatal(err)
	}
	return s.Snapshot()
}

// TestPromptFollowsCandidates: on a cluster larger than agent.PromptAllNodes the prompt's node table
// lists exactly the nodes the capped candidates move from or to.
func TestPromptFollowsCandidates(t *testing.T) {
	snap := generatedSnapshot(t, 10, 20)
	q := &agent.Query{Snapshot: snap, Candidates: haf.CappedCandidates(snap, nil, 40, 2, 5), K: 3, Interval: 5}
	want := map[string]bool{}
	for _, c := range q.Candidates[1:] {
		want[c.FromName], want[c.ToName] = true, true
	}
	_, user := agent.Prompt(q)
	table := strings.SplitN(strings.SplitN(user, "active | resident\n", 2)[1], "\n\n", 2)[0]
	got := map[string]bool{}
	for _, line := range strings.Split(table, "\n") {
		got[strings.SplitN(line, " | ", 2)[0]] = true
	}
	if !maps.Equal(got, want) || len(want) >= len(snap.Nodes) {
		t.Fatalf("prompt lists nodes %v, candidates involve %v (of %d nodes)", slices.Sorted(maps.Keys(got)), slices.Sorted(maps.Keys(want)), len(snap.Nodes))
	}
}

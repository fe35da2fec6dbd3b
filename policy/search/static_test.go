package search_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy/search"
	"github.com/airansim/airansim/sim"
)

// TestStaticFindsExhaustiveOptimum: on the tiny scenario (3 nodes, 4 instances, 81 placements)
// Exhaustive and the local search both reach the optimum of an independent enumeration by full
// runs, and neither is worse than the scenario's own placement.
func TestStaticFindsExhaustiveOptimum(t *testing.T) {
	for _, seed := range []uint64{1, 2, 3} {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			best, own, feasible := enumeratePlacements(t, seed)
			ex, err := search.Exhaustive(context.Background(), tiny(seed), 0)
			if err != nil {
				t.Fatal(err)
			}
			ls, err := search.Static(context.Background(), tiny(seed), search.StaticOptions{Seed: seed})
			if err != nil {
				t.Fatal(err)
			}
			if ex.Run.Met() != best || ex.Runs != feasible || ex.Initial.Met() != own {
				t.Errorf("exhaustive: met %d in %d runs (initial %d); enumeration %d of %d feasible (own %d)",
					ex.Run.Met(), ex.Runs, ex.Initial.Met(), best, feasible, own)
			}
			if ls.Run.Met() != best || ls.Initial.Met() != own || best <= own {
				t.Errorf("local search: met %d (initial %d) in %d runs; optimum %d, own placement %d",
					ls.Run.Met(), ls.Initial.Met(), ls.Runs, best, own)
			}
			if r, err := search.RunPlacement(context.Background(), tiny(seed), ls.Best); err != nil || r.Met() != ls.Run.Met() {
				t.Errorf("rerun of the best placement: met %d, %v; want %d", r.Met(), err, ls.Run.Met())
			}
		})
	}
}

// enumeratePlacements runs every placement of tiny whose weights fit each node's VRAM directly on
// the engine and returns the best met count, that of tiny's own placement, and the feasible count.
func enumeratePlacements(t *testing.T, seed uint64) (best, own int64, feasible int) {
	base := tiny(seed)
	best = -1
	var p [4]int
	for k := 0; k < 81; k++ {
		for i, v := 0, k; i < 4; i, v = i+1, v/3 {
			p[3-i] = v % 3
		}
		cfg := tiny(seed)
		var w [3]float64
		for i := range cfg.Instances {
			cfg.Instances[i].Node = p[i]
			w[p[i]] += cfg.Services[cfg.Instances[i].Service].WeightsGB
		}
		if w[0] > 40 || w[1] > 40 || w[2] > 24 {
			continue
		}
		feasible++
		var sum metrics.Summary
		cfg.Sink = &sum
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.Run(context.Background()); err != nil {
			t.Fatal(err)
		}
		m := sum.Counts(metrics.Overall).Met
		best = max(best, m)
		if own0 := base.Instances; p == [4]int{own0[0].Node, own0[1].Node, own0[2].Node, own0[3].Node} {
			own = m
		}
	}
	return best, own, feasible
}

func TestFeasible(t *testing.T) {
	cfg := tiny(1) // VRAM 40, 40, 24 GB; weights du 1, cu 0, llm 20, small 0.5 GB
	tests := []struct {
		p    search.Placement
		want bool
	}{
		{search.Placement{0, 2, 0, 0}, true},
		{search.Placement{2, 2, 2, 2}, true},  // 21.5 ≤ 24
		{search.Placement{0, 0, 0, 0}, true},  // 21.5 ≤ 40
		{search.Placement{0, 2, 0}, false},    // too short
		{search.Placement{0, 2, 3, 0}, false}, // node out of range
		{search.Placement{0, 2, -1, 0}, false},
	}
	for _, tt := range tests {
		if got := search.Feasible(cfg, tt.p); got != tt.want {
			t.Errorf("Feasible(%v) = %v, want %v", tt.p, got, tt.want)
		}
	}
	cfg.Nodes[2].VRAMGB = 21.5 - 1e-10 // within sim.VRAMTolerance
	if !search.Feasible(cfg, search.Placement{2, 2, 2, 2}) {
		t.Error("Feasible ignores sim.VRAMTolerance")
	}
	cfg.Nodes[2].VRAMGB = 21
	if search.Feasible(cfg, search.Placement{2, 2, 2, 2}) {
		t.Error("21.5 GB fit in 21 GB")
	}
}

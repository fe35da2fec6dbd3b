package main

import (
	"math"
	"testing"

	"github.com/airansim/airansim/scenario/family"
	"github.com/airansim/airansim/study"
)

// rows returns runs of variant "v": method → AI fulfillment per seed 1, 2, ….
func rows(ai map[string][]float64) []row {
	var out []row
	for _, m := range []string{"haf", "haf-nocritic", "game-theory", "game-theory-backlog"} {
		for k, x := range ai[m] {
			out = append(out, row{Variant: "v", Result: study.Result{Method: m, Seed: uint64(k + 1), AI: study.Frac(x)}})
		}
	}
	return out
}

// TestGap checks HAF's gap and verdict against hand computations: the best other method is chosen
// by mean AI (haf-nocritic never counts), the gap is the mean of per-seed differences with
// half-width t_{0.975, n−1}·sd/√n (t = 12.706 for n = 2, 4.303 for n = 3).
func TestGap(t *testing.T) {
	methods := []string{"haf", "haf-nocritic", "game-theory", "game-theory-backlog"}
	for _, tc := range []struct {
		name       string
		ai         map[string][]float64
		all, paper string  // best of all other methods, of the paper baselines
		mean, half float64 // gap over all other methods
		verdict    string
	}{
		// Differences over backlog 0.30, 0.30, 0.30: sd 0 → holds. haf-nocritic's 0.99 is ignored.
		{"holds", map[string][]float64{"haf": {0.8, 0.82, 0.78}, "haf-nocritic": {0.99, 0.99, 0.99},
			"game-theory": {0.4, 0.4, 0.4}, "game-theory-backlog": {0.5, 0.52, 0.48}},
			"game-theory-backlog", "game-theory", 0.3, 0, "holds"},
		// Differences 0.1 and 0.3: mean 0.2, sd √0.02, half 12.706·0.1 = 1.2706 → vanishes.
		{"vanishes", map[string][]float64{"haf": {0.6, 0.8}, "game-theory": {0.5, 0.5}, "game-theory-backlog": {0.1, 0.1}},
			"game-theory", "game-theory", 0.2, 12.706 * 0.1, "vanishes"},
		// Differences −0.2, −0.3, −0.1: mean −0.2, sd 0.1, half 4.303·0.1/√3 = 0.2484 > 0.2 → vanishes;
		// −0.2, −0.21, −0.19 (sd 0.01): half 0.0248 → reverses.
		{"wide reversal vanishes", map[string][]float64{"haf": {0.5, 0.4, 0.6}, "game-theory": {0.7, 0.7, 0.7}},
			"game-theory", "game-theory", -0.2, 4.303 * 0.1 / math.Sqrt(3), "vanishes"},
		{"reverses", map[string][]float64{"haf": {0.5, 0.49, 0.51}, "game-theory": {0.7, 0.7, 0.7}},
			"game-theory", "game-theory", -0.2, 4.303 * 0.01 / math.Sqrt(3), "reverses"},
		{"one seed", map[string][]float64{"haf": {0.5}, "game-theory": {0.4}}, "game-theory", "game-theory", 0.1, 0,
			"not decided (one seed, no CI)"},
	} {
		s := newStudy(rows(tc.ai), []family.Variant{{Name: "v"}}, methods)
		g, p := s.gapOf("v", pools[1]), s.gapOf("v", pools[0])
		if g.other != tc.all || p.other != tc.paper {
			t.Errorf("%s: best others %q and %q, want %q and %q", tc.name, g.other, p.other, tc.all, tc.paper)
		}
		if math.Abs(g.mean-tc.mean) > 1e-12 || math.Abs(g.half-tc.half) > 1e-3*tc.half+1e-12 || g.verdict() != tc.verdict {
			t.Errorf("%s: gap %.6f ± %.6f %s, want %.6f ± %.6f %s", tc.name, g.mean, g.half, g.verdict(), tc.mean, tc.half, tc.verdict)
		}
	}
	if g := newStudy(rows(map[string][]float64{"game-theory": {0.5}}), nil, []string{"game-theory"}).gapOf("v", pools[1]); g.verdict() != "not measured (needs haf and another method)" {
		t.Errorf("without haf: %q", g.verdict())
	}
}

package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

func TestDefaultBuilds(t *testing.T) {
	sc := scenario.Default()
	for _, load := range []float64{0.75, 1, 1.25} {
		b, err := sc.Build(scenario.BuildOptions{Load: load, Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		if d := b.Rho - load; d > 1e-9 || d < -1e-9 {
			t.Errorf("load %g: built ρ = %g", load, b.Rho)
		}
		if want := int(20000*load + 0.5); b.Requests != want {
			t.Errorf("load %g: %d requests, want %d", load, b.Requests, want)
		}
		if len(b.Config.Nodes) != 6 || len(b.Config.Cells) != 6 || len(b.Config.Instances) != 18 {
			t.Errorf("topology %d nodes %d cells %d instances", len(b.Config.Nodes), len(b.Config.Cells), len(b.Config.Instances))
		}
	}
}

// TestInvalid checks that each rule broken is named in the error.
func TestInvalid(t *testing.T) {
	base := `{"name":"t","nodes":[{"name":"n","gpu_tflops":%G,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["%N"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"%C","weights_gb":1,"nodes":["n"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}]%X}`
	cases := []struct{ name, g, n, c, x, want string }{
		{"ok", "10", "n", "small-ai", "", ""},
		{"unknown key", "10", "n", "small-ai", `,"bogus":1`, `unknown field "bogus"`},
		{"zero capacity", "0", "n", "small-ai", "", "gpu_tflops, cpu_cores and vram_gb must be > 0"},
		{"negative capacity", "-1", "n", "small-ai", "", "must be > 0"},
		{"unknown node", "10", "m", "small-ai", "", `unknown node "m"`},
		{"bad category", "10", "n", "huge-ai", "", `category "huge-ai"`},
		{"syntax", "10", "n", "small-ai", `,`, "line 3, column"},
		{"bad fraction", "10", "n", "small-ai", `,"workload":{"small_ai_fraction":2}`, "small_ai_fraction"},
		{"unknown model", "10", "n", "small-ai", `,"workload":{"large_ai_model":"chat"}`, "large_ai_model"},
		{"negative deadline term", "10", "n", "small-ai", `,"workload":{"small_ai_deadline":{"base_s":-1,"min_s":0.1}}`, "small_ai_deadline"},
		{"max below min", "10", "n", "small-ai", `,"workload":{"large_ai_deadline":{"base_s":1,"min_s":2,"max_s":1}}`, "max_s"},
		{"zero deadline rule", "10", "n", "small-ai", `,"workload":{"large_ai_deadline":{"max_s":1}}`, "zero deadline"},
		{"negative RAN work", "10", "n", "small-ai", `,"workload":{"urllc":{"deadline_s":0.001,"du_gpu_tflop":-1}}`, "urllc"},
		{"negative reservation", "10", "n", "small-ai", `,"workload":{"du_reserve_tflops":-5}`, "du_reserve_tflops"},
		{"overflowing capacity", "1e400", "n", "small-ai", "", "s.json"},
		{"RAN margin of 1", "10", "n", "small-ai", `,"ran_floors":{"margin":1}`, "ran_floors.margin"},
		{"negative RAN guard", "10", "n", "small-ai", `,"ran_floors":{"margin":0.1,"guard_s":-1}`, "ran_floors.guard_s"},
		{"KV range upside down", "10", "n", "small-ai", `,"cost":{"large_ai":{"kv_min_gb":0.6,"kv_max_gb":0.4,"kv_output_tokens":1000}}`, "cost: traces: profile: large_ai.kv_max_gb"},
		{"negative cost", "10", "n", "small-ai", `,"cost":{"small_ai":{"kv_gb_per_token":-1}}`, "small_ai.kv_gb_per_token"},
		{"unknown cost key", "10", "n", "small-ai", `,"cost":{"large_ai":{"kv_gb":1}}`, `unknown field "kv_gb"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			js := strings.NewReplacer("%G", tc.g, "%N", tc.n, "%C", tc.c, "%X", tc.x).Replace(base)
			_, err := scenario.Parse(strings.NewReader(js), "s.json")
			if tc.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "s.json") {
				t.Fatalf("got %v, want an error naming s.json and %q", err, tc.want)
			}
			if !errors.Is(err, scenario.ErrInvalid) {
				t.Errorf("%v does not wrap ErrInvalid", err)
			}
		})
	}
}

// TestPaperFloorsAndKV: the paper scenario carries the RAN floors' 10 % margin into the engine and the
// paper's KV model (0.4–0.6 GB with the output length) into every large-AI request, while small-AI
// requests keep the token model.
func TestPaperFloorsAndKV(t *testing.T) {
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: 1, Requests: 3000, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if b.Config.RANMargin != 0.1 || b.Config.RANGuard != 0 {
		t.Errorf("RAN margin %v guard %v, want 0.1 and 0", b.Config.RANMargin, b.Config.RANGuard)
	}
	large, small := 0, 0
	for {
		r, ok, err := b.Config.Source.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		if r.Class != sim.AI {
			continue
		}
		switch b.Config.Services[r.Service].Category {
		case sim.LargeAI:
			large++
			if r.KVGB < 0.4 || r.KVGB > 0.6 {
				t.Fatalf("large-AI request %d: KV %v GB outside 0.4–0.6", r.ID, r.KVGB)
			}
		case sim.SmallAI:
			small++
		}
	}
	if large == 0 || small == 0 {
		t.Errorf("%d large-AI, %d small-AI requests: the test saw nothing", large, small)
	}
}

package scenario_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
)

// validScenario returns a small valid scenario as a JSON tree: two nodes, a cell's DU and CU-UP, one
// small-AI service with a replica on each node.
func validScenario() map[string]any {
	node := func(name string) map[string]any {
		return map[string]any{"name": name, "gpu_tflops": 10.0, "vram_gb": 10.0, "cpu_cores": 4.0}
	}
	svc := func(name, cat string, nodes ...string) map[string]any {
		return map[string]any{"name": name, "category": cat, "weights_gb": 1.0, "nodes": nodes}
	}
	return map[string]any{
		"name":  "t",
		"nodes": []any{node("n"), node("m")},
		"services": []any{svc("du", "du", "n"), svc("cu", "cu-up", "n"),
			svc("ai", "small-ai", "n", "m")},
		"cells":    []any{map[string]any{"name": "c", "du": "du", "cu_up": "cu"}},
		"workload": map[string]any{},
	}
}

// TestValidation checks each scenario rule not covered by TestInvalid: Parse rejects the file with
// an error wrapping ErrInvalid that names the file and the offending key or item.
func TestValidation(t *testing.T) {
	type tree = map[string]any
	at := func(s tree, key string, i int) tree { return s[key].([]any)[i].(tree) }
	wl := func(s tree) tree { return s["workload"].(tree) }
	for _, tc := range []struct {
		name  string
		edit  func(s tree)
		names []string
	}{
		{"valid", func(tree) {}, nil},
		{"negative hop delay", func(s tree) { s["hop_delay_s"] = -1 }, []string{"hop_delay_s"}},
		{"negative RAN delay", func(s tree) { s["ran_delay_s"] = -1 }, []string{"ran_delay_s"}},
		{"negative epoch", func(s tree) { s["epoch_s"] = -5 }, []string{"epoch_s"}},
		{"negative drain", func(s tree) { s["drain_s"] = -1 }, []string{"drain_s"}},
		{"negative epsilon", func(s tree) { s["urgency_epsilon_s"] = -1 }, []string{"urgency_epsilon_s"}},
		{"no nodes", func(s tree) { s["nodes"] = []any{} }, []string{"nodes", "at least one node"}},
		{"node without a name", func(s tree) { at(s, "nodes", 1)["name"] = "" }, []string{"nodes[1]"}},
		{"duplicate node", func(s tree) { at(s, "nodes", 1)["name"] = "n" }, []string{"nodes[1]", `"n"`}},
		{"zero CPU", func(s tree) { at(s, "nodes", 1)["cpu_cores"] = 0 }, []string{"nodes[1] (m)", "cpu_cores"}},
		{"zero VRAM", func(s tree) { at(s, "nodes", 0)["vram_gb"] = 0 }, []string{"nodes[0] (n)", "vram_gb"}},
		{"service without a name", func(s tree) { at(s, "services", 2)["name"] = "" }, []string{"services[2]"}},
		{"duplicate service", func(s tree) { at(s, "services", 2)["name"] = "du" }, []string{"services[2]", `"du"`}},
		{"negative weights", func(s tree) { at(s, "services", 2)["weights_gb"] = -1 }, []string{"services[2] (ai)", "weights_gb"}},
		{"negative reconfiguration", func(s tree) { at(s, "services", 2)["reconfig_s"] = -1 }, []string{"services[2] (ai)", "reconfig_s"}},
		{"service without a replica", func(s tree) { at(s, "services", 2)["nodes"] = []string{} }, []string{"services[2] (ai)", "at least one replica"}},
		{"two DU instances", func(s tree) { at(s, "services", 0)["nodes"] = []string{"n", "m"} }, []string{"services[0] (du)", "exactly one instance"}},
		{"two CU-UP instances", func(s tree) { at(s, "services", 1)["nodes"] = []string{"m", "m"} }, []string{"services[1] (cu)", "exactly one instance"}},
		{"no cells", func(s tree) { s["cells"] = []any{} }, []string{"cells", "at least one cell"}},
		{"duplicate cell", func(s tree) {
			s["cells"] = append(s["cells"].([]any), map[string]any{"name": "c", "du": "du", "cu_up": "cu"})
		}, []string{"cells[1]", `"c"`}},
		{"cell DU is a CU-UP", func(s tree) { at(s, "cells", 0)["du"] = "cu" }, []string{"cells[0] (c)", `du "cu"`}},
		{"cell DU unknown", func(s tree) { at(s, "cells", 0)["du"] = "x" }, []string{"cells[0] (c)", `du "x"`}},
		{"cell CU-UP is an AI service", func(s tree) { at(s, "cells", 0)["cu_up"] = "ai" }, []string{"cells[0] (c)", `cu_up "ai"`}},
		{"negative request count", func(s tree) { wl(s)["requests_at_load_1"] = -1 }, []string{"requests_at_load_1"}},
		{"URLLC fraction above 1", func(s tree) { wl(s)["urllc_fraction"] = 1.5 }, []string{"urllc_fraction"}},
		{"negative RAN per AI", func(s tree) { wl(s)["ran_per_ai"] = -1 }, []string{"ran_per_ai"}},
		{"jitter of 1", func(s tree) { wl(s)["ran_work_jitter"] = 1 }, []string{"ran_work_jitter"}},
		{"unknown small model", func(s tree) { wl(s)["small_ai_model"] = "chat" }, []string{"small_ai_model"}},
		{"negative eMBB deadline", func(s tree) { wl(s)["embb"] = map[string]any{"deadline_s": -0.004} }, []string{"embb"}},
		{"negative CU-UP work", func(s tree) { wl(s)["urllc"] = map[string]any{"cu_cpu_core_s": -1} }, []string{"urllc"}},
		{"negative per-token deadline", func(s tree) {
			wl(s)["large_ai_deadline"] = map[string]any{"base_s": 1, "per_output_token_s": -0.1}
		}, []string{"large_ai_deadline"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := validScenario()
			tc.edit(s)
			js, err := json.Marshal(s)
			if err != nil {
				t.Fatal(err)
			}
			_, err = scenario.Parse(bytes.NewReader(js), "s.json")
			if tc.names == nil {
				if err != nil {
					t.Fatalf("valid scenario rejected: %v", err)
				}
				return
			}
			wantRejected(t, err, append(tc.names, "s.json")...)
		})
	}
}

// wantRejected checks that err, a scenario's load error, wraps scenario.ErrInvalid and names every
// one of names (the file, the key, the rule).
func wantRejected(t *testing.T, err error, names ...string) {
	t.Helper()
	if !errors.Is(err, scenario.ErrInvalid) {
		t.Fatalf("error %v, want one wrapping scenario.ErrInvalid", err)
	}
	for _, n := range names {
		if !strings.Contains(err.Error(), n) {
			t.Errorf("error %q does not name %q", err, n)
		}
	}
}

package scenario_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// migScenario returns validScenario with node m an H100 (70 TFLOP/s, 14 cores) in layout 4g.40gb@0 +
// 3g.40gb@4 with a 5 s reconfiguration delay, and the AI service's second replica on partition m/4.
func migScenario() map[string]any {
	s := validScenario()
	m := s["nodes"].([]any)[1].(map[string]any)
	m["gpu_tflops"], m["vram_gb"], m["cpu_cores"] = 70.0, 80.0, 14.0
	m["mig"] = map[string]any{"model": "H100-80GB", "layout": []string{"4g.40gb@0", "3g.40gb@4"}, "reconfigure_delay_s": 5.0}
	s["services"].([]any)[2].(map[string]any)["nodes"] = []string{"n", "m/4"}
	return s
}

func parseTree(t *testing.T, s map[string]any) (*scenario.Scenario, error) {
	t.Helper()
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return scenario.Parse(bytes.NewReader(js), "s.json")
}

// TestMIGInvalid checks that each malformed mig section is refused with the file, the key and the rule.
func TestMIGInvalid(t *testing.T) {
	type tree = map[string]any
	migOf := func(s tree) tree { return s["nodes"].([]any)[1].(tree)["mig"].(tree) }
	layout := func(ss ...string) func(s tree) { return func(s tree) { migOf(s)["layout"] = ss } }
	for _, tc := range []struct {
		name  string
		edit  func(s tree)
		names []string
	}{
		{"valid", func(tree) {}, nil},
		{"empty layout", func(s tree) {
			layout()(s)
			s["services"].([]any)[2].(tree)["nodes"] = []string{"n"}
		}, nil},
		{"unknown model", func(s tree) { migOf(s)["model"] = "V100" }, []string{"nodes[1] (m)", "mig.model", "V100", "H100-80GB"}},
		{"syntax", layout("4g.40gb"), []string{"nodes[1] (m)", "mig.layout", "rule syntax"}},
		{"profile", layout("4g.20gb@0"), []string{"nodes[1] (m)", "mig.layout", "GPU m (H100-80GB)", "rule profile"}},
		{"range", layout("1g.20gb@7"), []string{"mig.layout", "rule range"}},
		{"placement", layout("3g.40gb@2"), []string{"mig.layout", "rule placement", "[0 4]"}},
		{"overlap", layout("4g.40gb@0", "2g.20gb@2"), []string{"mig.layout", "rule overlap", "memory slice 2"}},
		{"count", layout("1g.10gb+me@0", "1g.10gb+me@1"), []string{"mig.layout", "rule count"}},
		{"negative delay", func(s tree) { migOf(s)["reconfigure_delay_s"] = -1 }, []string{"nodes[1] (m)", "mig.reconfigure_delay_s"}},
		{"VRAM not the model's", func(s tree) { s["nodes"].([]any)[1].(tree)["vram_gb"] = 40 }, []string{"nodes[1] (m)", "vram_gb", "80 GB"}},
		{"unknown key", func(s tree) { migOf(s)["profiles"] = 1 }, []string{"profiles"}},
		{"replica on the MIG node", func(s tree) { s["services"].([]any)[2].(tree)["nodes"] = []string{"m"} },
			[]string{"services[2] (ai)", `"m" is a MIG GPU`, "m/0, m/4"}},
		{"replica on an unused partition", func(s tree) { s["services"].([]any)[2].(tree)["nodes"] = []string{"m/2"} },
			[]string{"services[2] (ai)", `"m/2" is not in the layout`}},
		{"capacity event on the MIG node", func(s tree) {
			s["events"] = []any{tree{"time_s": 1, "kind": "capacity", "node": "m", "gpu_tflops": 1, "cpu_cores": 1, "vram_gb": 1}}
		}, []string{"events[0] (capacity)", `"m" is a MIG GPU`}},
		{"node named like a partition", func(s tree) { s["nodes"].([]any)[0].(tree)["name"] = "m/0" }, []string{"nodes[1] (m)", `"m/0"`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := migScenario()
			tc.edit(s)
			_, err := parseTree(t, s)
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

// TestMIGBuild checks the engine nodes of a MIG GPU (seven partitions after node n, capacities by
// compute slices, empty unused slots), the placement on a partition, the zero delay between
// partitions of a host, a failure of the MIG node applied to each partition, and that the engine
// accepts the result.
func TestMIGBuild(t *testing.T) {
	s := migScenario()
	s["hop_delay_s"] = 0.001
	s["events"] = []any{map[string]any{"time_s": 1, "kind": "fail", "node": "m"}}
	sc, err := parseTree(t, s)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(scenario.BuildOptions{Requests: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	c := b.Config
	if got := strings.Join(b.Nodes, " "); got != "n m/0 m/1 m/2 m/3 m/4 m/5 m/6" {
		t.Fatalf("nodes %s", got)
	}
	want := map[int]sim.NodeSpec{1: {Name: "m/0", GPU: 40, CPU: 8, VRAMGB: 40}, 5: {Name: "m/4", GPU: 30, CPU: 6, VRAMGB: 40}}
	for n := 1; n < 8; n++ {
		w := want[n]
		if w.Name == "" {
			w.Name = b.Nodes[n]
		}
		if got := c.Nodes[n]; got.Name != w.Name || !near(got.GPU, w.GPU) || !near(got.CPU, w.CPU) || got.VRAMGB != w.VRAMGB {
			t.Errorf("node %d: %+v, want %+v", n, got, w)
		}
	}
	if len(b.MIG) != 1 || b.MIG[0].GPU.First != 1 || b.MIG[0].GPU.DelayS != 5 || b.MIG[0].Layout.String() != "4g.40gb@0,3g.40gb@4" {
		t.Fatalf("MIG %+v", b.MIG)
	}
	if in := c.Instances[3]; in.Node != 5 {
		t.Errorf("the AI replica on m/4 is on node %d", in.Node)
	}
	if d, d2 := c.Topology.Delay(1, 5), c.Topology.Delay(0, 5); d != 0 || d2 != 0.001 {
		t.Errorf("delays within the GPU %g (want 0), to n %g (want 0.001)", d, d2)
	}
	if len(c.Changes) != 7 || c.Changes[6].Node != 7 || c.Changes[0].Kind != sim.NodeFail {
		t.Errorf("changes %+v: want the failure on each of the 7 partitions", c.Changes)
	}
	if _, err := sim.New(withAllocator(c)); err != nil {
		t.Fatalf("the engine rejects the built MIG scenario: %v", err)
	}
}

func near(a, b float64) bool { return a-b < 1e-12 && b-a < 1e-12 }

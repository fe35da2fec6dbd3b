package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and either rejects its input with an ErrInvalid error or
// returns a scenario that validates again and survives a JSON round trip unchanged.
func FuzzParse(f *testing.F) {
	f.Add(paperJSON)
	for _, s := range []string{
		// smallest valid scenario: one node, a cell's DU and CU-UP, one AI service
		`{"name":"t","nodes":[{"name":"n","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["n"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"small-ai","weights_gb":1,"reconfig_s":0.5,"nodes":["n","n"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"workload":{"small_ai_fraction":1,"ran_work_jitter":0.2,"large_ai_deadline":{"base_s":1,"max_s":10},"urllc":{"deadline_s":0.001}},
"paper_table":[{"method":"haf","load":1,"overall":0.9}]}`,
		// a tree topology and run-time events
		`{"name":"t","nodes":[{"name":"ric","gpu_tflops":10,"vram_gb":10,"cpu_cores":4},{"name":"n","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["n"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"small-ai","weights_gb":1,"nodes":["ric"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"topology":{"kind":"tree","links":[{"node":"n","parent":"ric","delay_s":0.001,"rate_gbps":20}]},
"events":[{"time_s":2,"kind":"fail","node":"ric"},{"time_s":3,"kind":"recover","node":"ric"},
{"time_s":4,"kind":"capacity","node":"n","gpu_tflops":5,"cpu_cores":2,"vram_gb":8}]}`,
		// a full mesh with its own (zero) delay; empty links and events come back as absent
		`{"name":"t","nodes":[{"name":"n","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["n"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"small-ai","weights_gb":1,"nodes":["n"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"topology":{"kind":"full-mesh","hop_delay_s":0,"links":[]},"events":[]}`,
		// the dynamic-scoring sections on a MIG GPU; empty lists come back as absent
		`{"name":"dyn","nodes":[{"name":"host","gpu_tflops":100,"vram_gb":80,"cpu_cores":32},
{"name":"gpu1","gpu_tflops":70,"vram_gb":80,"cpu_cores":14,"mig":{"model":"H100-80GB","layout":["3g.40gb@0"],"reconfigure_delay_s":2}}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["host"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["host"]},
{"name":"llm","category":"large-ai","weights_gb":30,"nodes":["host"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"scoring":{"scorers":[{"name":"spare-capacity","range":30}],"masks":[],"rules":[{"scoreName":"power_forecast","clusterSelector":{"gpu":"true"}}]},
"dynamic_scoring":{"placement":{"predicates":[{"requiredClusterSelector":{"labelSelector":{"matchLabels":{},"matchExpressions":[{"key":"mig","operator":"DoesNotExist","values":[]}]}}}],
"prioritizerPolicy":{"mode":"Exact","configurations":[{"scoreCoordinate":{"type":"AddOn","addOn":{"resourceName":"spare_capacity","scoreName":"${node}"}},"weight":-2}]}},
"power_cap_w":900,"mode":"power-cap","deployments":[{"service":"llm","replicas":2,"layouts":[["3g.40gb@0","3g.40gb@4"],[]]}]}}`,
		// clusters and power; empty labels and power nodes come back as absent
		`{"name":"t","nodes":[{"name":"n","gpu_tflops":10,"vram_gb":10,"cpu_cores":4},{"name":"m","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["n"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"small-ai","weights_gb":1,"nodes":["m"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"clusters":[{"name":"edge","nodes":["n"],"labels":{"gpu":"true"}},{"name":"core","nodes":["m"],"labels":{}}],
"power":{"reference":{"gpu_tflops":140,"gpu_idle_w":63},"nodes":[]}}`,
		`{"name":"t","nodes":[{"name":"n","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["n"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["n"]},
{"name":"ai","category":"small-ai","weights_gb":1,"nodes":["n"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}],
"power":{"nodes":[{"node":"n","cpu_max_w":200}]}}`,
		`{"topology":{"kind":"tree","links":[{"node":"a","parent":"a"}]},"events":[{"kind":"capacity","gpu_tflops":-1}]}`,
		`{}`,
		`[]`,
		`null`,
		``,
		`{"name":"t"} {}`,
		`{"name":"t","bogus":1}`,
		`{"nodes":[{"name":"n","gpu_tflops":-1,"vram_gb":10,"cpu_cores":4}]}`,
		`{"nodes":[{"name":"n","gpu_tflops":1e400}]}`,
		`{"workload":{"requests_at_load_1":1.5}}`,
		`{"services":[{"name":"a","category":"huge-ai","nodes":["x"]}]}`,
		"{\"name\":\"\xff\"}",
		`{"name":`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := Parse(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			// Decoding errors read "scenario: invalid: fuzz.json: …"; validation errors put the
			// file name first: "fuzz.json: scenario: invalid: …".
			msg := err.Error()
			if !errors.Is(err, ErrInvalid) || !(strings.HasPrefix(msg, "scenario:") || strings.HasPrefix(msg, "fuzz.json: scenario:")) {
				t.Fatalf("error %q does not wrap ErrInvalid or lacks the scenario: prefix", msg)
			}
			if s != nil {
				t.Fatalf("Parse returned a scenario with error %v", err)
			}
			return
		}
		if s == nil {
			t.Fatal("Parse returned neither a scenario nor an error")
		}
		// Validation is idempotent: the defaults it fills in are valid themselves.
		again := *s
		if err := again.validate(); err != nil {
			t.Fatalf("accepted scenario fails validation again: %v", err)
		}
		out, err := json.Marshal(s)
		if err != nil {
			t.Fatalf("marshal accepted scenario: %v", err)
		}
		s2, err := Parse(bytes.NewReader(out), "fuzz.json")
		if err != nil {
			t.Fatalf("re-marshalled scenario rejected: %v\n%s", err, out)
		}
		// paper_table is omitempty: an explicit [] comes back as nil.
		if len(s.Paper) == 0 {
			s.Paper = nil
		}
		if !reflect.DeepEqual(s, s2) {
			t.Fatalf("round trip changed the scenario:\nbefore %+v\nafter  %+v\njson   %s", s, s2, out)
		}
	})
}

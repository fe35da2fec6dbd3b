package scenario_test

import (
	"context"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

func TestPowerInvalid(t *testing.T) {
	pw := func(p string) string { return `,"power":` + p }
	for _, tc := range []struct{ name, extra, want string }{
		{"zero reference capacity", pw(`{"reference":{"gpu_tflops":0}}`), "power.reference.gpu_tflops = 0: must be finite and > 0"},
		{"reference max below idle", pw(`{"reference":{"gpu_idle_w":800}}`), "power.reference: power: invalid model"},
		{"negative per-core idle", pw(`{"reference":{"cpu_core_idle_w":-1}}`), "power.reference: power: invalid model"},
		{"unknown node", pw(`{"nodes":[{"node":"x","gpu_max_w":1}]}`), `power.nodes[0]: node "x" is not a node of the scenario`},
		{"node twice", pw(`{"nodes":[{"node":"du","gpu_max_w":100},{"node":"du","cpu_max_w":100}]}`), `power.nodes[1]: node "du" has figures already`},
		{"node max below idle", pw(`{"nodes":[{"node":"cu","cpu_idle_w":50,"cpu_max_w":10}]}`), "power.nodes[0] (cu): power: invalid model"},
		{"override below the reference idle", pw(`{"nodes":[{"node":"cu","gpu_max_w":0.1}]}`), "power.nodes[0] (cu): power: invalid model"},
		{"unknown key", pw(`{"nodes":[{"node":"cu","tdp_w":1}]}`), `unknown field "tdp_w"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseThree("", tc.extra)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "s.json") || !errors.Is(err, scenario.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid naming s.json and %q", err, tc.want)
			}
		})
	}
}

// TestPowerBuild: the built models are the reference's of each node's capacities (10 TFLOP/s, 4
// cores), with the overrides of the node named.
func TestPowerBuild(t *testing.T) {
	def := power.Default.For(nodeOf(10, 4))
	ref := power.Reference{GPUTFLOPS: 10, GPUIdleW: 63, GPUMaxW: 400, CPUCoreIdleW: power.Default.CPUCoreIdleW, CPUCoreMaxW: 5}
	for _, tc := range []struct {
		name, extra string
		want        []power.Model // ric, cu, du
	}{
		{"absent", "", []power.Model{def, def, def}},
		{"reference", `,"power":{"reference":{"gpu_tflops":10,"gpu_idle_w":63,"gpu_max_w":400,"cpu_core_max_w":5}}`,
			[]power.Model{ref.For(nodeOf(10, 4)), ref.For(nodeOf(10, 4)), ref.For(nodeOf(10, 4))}},
		{"override", `,"power":{"nodes":[{"node":"cu","gpu_idle_w":1,"cpu_max_w":99}]}`,
			[]power.Model{def, {GPUTFLOPS: 10, GPUIdleW: 1, GPUMaxW: def.GPUMaxW, CPUCores: 4, CPUIdleW: def.CPUIdleW, CPUMaxW: 99}, def}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buildThree(t, "", tc.extra, scenario.BuildOptions{Requests: 10})
			for i, m := range tc.want {
				if b.Power[i] != m {
					t.Errorf("node %s: %+v, want %+v", b.Nodes[i], b.Power[i], m)
				}
			}
		})
	}
}

func nodeOf(gpu, cpu float64) sim.NodeSpec { return sim.NodeSpec{GPU: gpu, CPU: cpu} }

// TestPowerAndClustersWithMIG: a MIG GPU's partition nodes are in its node's cluster and carry its
// model (the section's figures for the GPU), so over an idle run they add up to the GPU's idle power.
func TestPowerAndClustersWithMIG(t *testing.T) {
	const file = `{"name":"mig","nodes":[
 {"name":"host","gpu_tflops":100,"vram_gb":80,"cpu_cores":32},
 {"name":"gpu1","gpu_tflops":70,"vram_gb":80,"cpu_cores":14,
  "mig":{"model":"H100-80GB","layout":["4g.40gb@0","3g.40gb@4"],"reconfigure_delay_s":2}}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["host"]},
 {"name":"cu","category":"cu-up","weights_gb":0,"nodes":["host"]},
 {"name":"small","category":"small-ai","weights_gb":1,"nodes":["host"]}],
"cells":[{"name":"c","du":"du","cu_up":"cu"}],"workload":{},
"clusters":[{"name":"core","nodes":["host"]},{"name":"edge","nodes":["gpu1"],"labels":{"mig":"true"}}],
"power":{"nodes":[{"node":"gpu1","gpu_idle_w":60,"gpu_max_w":600}]}}`
	sc, err := scenario.Parse(strings.NewReader(file), "mig.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(scenario.BuildOptions{Requests: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	gpu := power.Default.For(sim.NodeSpec{GPU: 70, CPU: 14})
	gpu.GPUIdleW, gpu.GPUMaxW = 60, 600
	if len(b.Power) != 8 || b.Power[0] != power.Default.For(sim.NodeSpec{GPU: 100, CPU: 32}) {
		t.Fatalf("models %+v", b.Power)
	}
	for e := 1; e < 8; e++ {
		if b.Power[e] != gpu {
			t.Errorf("partition %s: %+v, want the GPU's %+v", b.Nodes[e], b.Power[e], gpu)
		}
	}
	b.Config.Allocator = noAlloc{}
	s, err := sim.New(b.Config)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if cl := s.Clusters(); len(cl) != 2 || !reflect.DeepEqual(cl[1].Nodes, []int{1, 2, 3, 4, 5, 6, 7}) || !reflect.DeepEqual(cl[0].Nodes, []int{0}) {
		t.Errorf("clusters %+v", cl)
	}
	per, _, err := power.RunEnergy(s, b.Power, st.End)
	if err != nil {
		t.Fatal(err)
	}
	sum := 0.0
	for _, e := range per[1:] {
		sum += e
	}
	if want := gpu.IdleW() * st.End; math.Abs(sum-want) > 1e-9*want {
		t.Errorf("partitions idle: %v J over %g s, the GPU idle: %v J", sum, st.End, want)
	}
}

package scenario_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// threeNodes is a scenario of nodes ric, cu and du (a cell's CU-UP on cu, its DU on du, a small-AI
// service on ric) with hop_delay_s %H and the extra keys %X.
const threeNodes = `{"name":"t",%H"nodes":[{"name":"ric","gpu_tflops":10,"vram_gb":10,"cpu_cores":4},
{"name":"cu","gpu_tflops":10,"vram_gb":10,"cpu_cores":4},{"name":"du","gpu_tflops":10,"vram_gb":10,"cpu_cores":4}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["du"]},{"name":"cu","category":"cu-up","weights_gb":0,"nodes":["cu"]},
{"name":"ai","category":"small-ai","weights_gb":1,"nodes":["ric"]}],"cells":[{"name":"c","du":"du","cu_up":"cu"}]%X}`

const treeLinks = `{"node":"cu","parent":"ric","delay_s":0.005,"rate_gbps":100},{"node":"du","parent":"cu","delay_s":0.001}`

func parseThree(hop, extra string) (*scenario.Scenario, error) {
	js := strings.NewReplacer("%H", hop, "%X", extra).Replace(threeNodes)
	return scenario.Parse(strings.NewReader(js), "s.json")
}

// buildThree parses the three-node file like parseThree and builds it with o; any error is fatal,
// and the build is closed when the test ends.
func buildThree(t *testing.T, hop, extra string, o scenario.BuildOptions) *scenario.Built {
	t.Helper()
	sc, err := parseThree(hop, extra)
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// TestTopologyEventsInvalid checks that each broken rule of the topology and events sections is
// named in the error, with its place.
func TestTopologyEventsInvalid(t *testing.T) {
	tree := func(links string) string { return `,"topology":{"kind":"tree","links":[` + links + `]}` }
	ev := func(e string) string { return `,"events":[` + e + `]` }
	for _, tc := range []struct{ name, hop, extra, want string }{
		{"unknown kind", "", `,"topology":{"kind":"ring"}`, `topology.kind = "ring": must be "full-mesh" or "tree"`},
		{"mesh with links", "", `,"topology":{"kind":"full-mesh","links":[` + treeLinks + `]}`, "topology.links: a full-mesh topology has no links"},
		{"mesh negative delay", "", `,"topology":{"kind":"full-mesh","hop_delay_s":-1}`, "topology.hop_delay_s = -1: must be finite and ≥ 0"},
		{"mesh delay twice", `"hop_delay_s":0.001,`, `,"topology":{"kind":"full-mesh","hop_delay_s":0.002}`, "give the delay once"},
		{"tree with hop delay", `"hop_delay_s":0.001,`, tree(treeLinks), "hop_delay_s = 0.001: not used by a tree topology"},
		{"tree hop delay key", "", `,"topology":{"kind":"tree","hop_delay_s":0.001,"links":[` + treeLinks + `]}`, "topology.hop_delay_s: a tree has no hop delay"},
		{"unknown link node", "", tree(`{"node":"x","parent":"ric","delay_s":0.001}`), `topology.links[0]: node "x" is not a node of the scenario`},
		{"unknown parent", "", tree(treeLinks + `,{"node":"ric","parent":"y","delay_s":0.001}`), `topology.links[2] (ric): parent "y" is not a node of the scenario`},
		{"own parent", "", tree(`{"node":"cu","parent":"cu","delay_s":0.001}`), `topology.links[0]: node "cu" is its own parent`},
		{"two parents", "", tree(treeLinks + `,{"node":"du","parent":"ric","delay_s":0.001}`), `topology.links[2]: node "du" already has a link`},
		{"negative link delay", "", tree(`{"node":"cu","parent":"ric","delay_s":-0.001}`), "topology.links[0] (cu): delay_s = -0.001: must be finite and ≥ 0"},
		{"negative rate", "", tree(`{"node":"cu","parent":"ric","delay_s":0.001,"rate_gbps":-1}`), "topology.links[0] (cu): rate_gbps = -1"},
		{"two roots", "", tree(`{"node":"cu","parent":"ric","delay_s":0.001}`), `nodes "ric" and "du" have no link: a tree has one root`},
		{"no root", "", tree(treeLinks + `,{"node":"ric","parent":"du","delay_s":0.001}`), "every node has a link"},
		{"cycle", "", tree(`{"node":"cu","parent":"du","delay_s":0.001},{"node":"du","parent":"cu","delay_s":0.001}`), `node "cu": its parents form a cycle and never reach the root "ric"`},
		{"event node", "", ev(`{"time_s":1,"kind":"fail","node":"ric"},{"time_s":2,"kind":"recover","node":"ric"},{"time_s":3,"kind":"fail","node":"x"}`), `events[2]: node "x" is not a node of the scenario`},
		{"event kind", "", ev(`{"time_s":1,"kind":"explode","node":"ric"}`), `events[0]: kind "explode" is not one of fail, recover, capacity`},
		{"event time", "", ev(`{"time_s":-1,"kind":"fail","node":"ric"}`), "events[0]: time_s = -1: must be finite and ≥ 0"},
		{"capacity missing", "", ev(`{"time_s":1,"kind":"capacity","node":"ric","gpu_tflops":5}`), "events[0] (capacity): gpu_tflops, cpu_cores and vram_gb are all required"},
		{"capacity zero", "", ev(`{"time_s":1,"kind":"capacity","node":"ric","gpu_tflops":0,"cpu_cores":0,"vram_gb":5}`), "gpu_tflops and cpu_cores both 0"},
		{"capacity on fail", "", ev(`{"time_s":1,"kind":"fail","node":"ric","vram_gb":5}`), "events[0] (fail): gpu_tflops, cpu_cores and vram_gb belong to capacity events only"},
		{"recover first", "", ev(`{"time_s":1,"kind":"recover","node":"cu"}`), `events[0] (recover at 1 s): node "cu" has not failed`},
		{"fail twice", "", ev(`{"time_s":5,"kind":"fail","node":"cu"},{"time_s":1,"kind":"fail","node":"cu"}`), `events[0] (fail at 5 s): node "cu" has already failed`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseThree(tc.hop, tc.extra)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, scenario.ErrInvalid) {
				t.Fatalf("got %v, want ErrInvalid naming %q", err, tc.want)
			}
		})
	}
}

// TestTopologyBuild checks that the topology section becomes the engine topology: absent or a
// full mesh without its own delay leave Config.Topology nil (the engine's full mesh of hop_delay_s), a
// full mesh with a delay (0 included) and a tree are built with their delays and rates.
func TestTopologyBuild(t *testing.T) {
	inf := math.Inf(1)
	for _, tc := range []struct {
		name, hop, extra string
		nilTopo          bool
		delay            [3][3]float64 // by node: ric, cu, du
		rate             float64       // Rate(du, ric)
	}{
		{name: "absent", hop: `"hop_delay_s":0.001,`, nilTopo: true},
		{name: "mesh", hop: `"hop_delay_s":0.001,`, extra: `,"topology":{"kind":"full-mesh"}`, nilTopo: true},
		{name: "mesh delay", extra: `,"topology":{"kind":"full-mesh","hop_delay_s":0.003}`,
			delay: [3][3]float64{{0, 0.003, 0.003}, {0.003, 0, 0.003}, {0.003, 0.003, 0}}, rate: inf},
		{name: "mesh zero delay", extra: `,"topology":{"kind":"full-mesh","hop_delay_s":0}`, rate: inf},
		{name: "tree", extra: `,"topology":{"kind":"tree","links":[` + treeLinks + `]}`,
			delay: [3][3]float64{{0, 0.005, 0.006}, {0.005, 0, 0.001}, {0.006, 0.001, 0}}, rate: 100},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := buildThree(t, tc.hop, tc.extra, scenario.BuildOptions{Requests: 10, Seed: 1})
			topo := b.Config.Topology
			if (topo == nil) != tc.nilTopo {
				t.Fatalf("Config.Topology = %v, want nil: %v", topo, tc.nilTopo)
			}
			if topo == nil {
				return
			}
			for a := range 3 {
				for c := range 3 {
					if d := topo.Delay(a, c); math.Abs(d-tc.delay[a][c]) > 1e-15 {
						t.Errorf("Delay(%d, %d) = %g, want %g", a, c, d, tc.delay[a][c])
					}
				}
			}
			if r := topo.Rate(2, 0); r != tc.rate {
				t.Errorf("Rate(du, ric) = %g, want %g", r, tc.rate)
			}
			if _, err := sim.New(withAllocator(b.Config)); err != nil {
				t.Errorf("the engine rejects the built topology: %v", err)
			}
		})
	}
}

// TestEventsBuild checks that events become Config.Changes in file order, with node indices.
func TestEventsBuild(t *testing.T) {
	b := buildThree(t, "", `,"events":[{"time_s":4,"kind":"recover","node":"cu"},{"time_s":2,"kind":"fail","node":"cu"},
{"time_s":3,"kind":"capacity","node":"ric","gpu_tflops":20,"cpu_cores":8,"vram_gb":40}]`, scenario.BuildOptions{Requests: 10, Seed: 1})
	want := []sim.Change{{Time: 4, Kind: sim.NodeRecover, Node: 1}, {Time: 2, Kind: sim.NodeFail, Node: 1},
		{Time: 3, Kind: sim.SetCapacity, Node: 0, GPU: 20, CPU: 8, VRAMGB: 40}}
	if !reflect.DeepEqual(b.Config.Changes, want) {
		t.Errorf("changes %+v, want %+v", b.Config.Changes, want)
	}
	if _, err := sim.New(withAllocator(b.Config)); err != nil {
		t.Errorf("the engine rejects the built changes: %v", err)
	}
}

// equal is a minimal allocator so that sim.New accepts a built configuration.
type equal struct{}

func (equal) Allocate(capacity float64, d []sim.Demand, out []float64) bool {
	for i := range out {
		out[i] = capacity / float64(len(out))
	}
	return true
}

func withAllocator(c sim.Config) sim.Config {
	c.Allocator = equal{}
	return c
}

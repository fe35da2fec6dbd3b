package policytest

import (
	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Scenario is one standard situation: a configuration without Controllers, Allocator, Source or Sink,
// and the workload to feed it.
type Scenario struct {
	Name     string
	Config   sim.Config    // Controllers, Allocator, Source and Sink are set by Run
	Interval float64       // placement interval Δ given to the Method, s
	Requests []sim.Request // in arrival order
	Migrate  *sim.Migrate  // applied at 0.9·Interval, just before the first epoch, so that the policy meets a reconfiguring instance
}

// Service indices of the standard catalogue.
const (
	svcDU = iota
	svcCU
	svcSmall
	svcLarge
)

// Scenarios returns the standard scenarios, all deterministic for a seed.
//
// In "hotspot" every instance starts on node a of three identical nodes (100 TFLOP/s each) and the
// offered GPU load is about 152 TFLOP/s (small-AI 30/s × 2.5 TFLOP, large-AI 20/s × 3.75 TFLOP,
// RAN 2.5) for 30 s: node a is overloaded by half until one AI model moves to an idle node, after
// which no node is loaded above 0.8.
func Scenarios(seed uint64) []Scenario {
	return []Scenario{
		{Name: "one-node", Config: cluster(1, []int{0, 0, 0, 0}), Interval: 1, Requests: workload(seed, 600, 0.02, 1)},
		{Name: "overload", Config: cluster(2, []int{0, 1, 0, 1}), Interval: 1, Requests: workload(seed, 800, 0.005, 4)},
		{Name: "hotspot", Config: cluster(3, []int{0, 0, 0, 0}), Interval: 1, Requests: mix(seed, 3000, 0.01, 2.5, 3.75)},
		{Name: "mid-migration", Config: cluster(2, []int{0, 1, 0, 0}), Interval: 1, Requests: workload(seed, 600, 0.01, 1.5),
			Migrate: &sim.Migrate{Instance: svcLarge, To: 1}},
		{Name: "node-failure", Config: failing(cluster(3, []int{0, 0, 1, 2}), 2, 2, 5), Interval: 1,
			Requests: mix(seed, 3000, 0.01, 2.5, 3.75)},
	}
}

// failing makes node n of cfg (hosting the large model in the node-failure scenario, the GPU-heavy
// work) fail at t0 and recover at t1, s.
func failing(cfg sim.Config, n int, t0, t1 float64) sim.Config {
	cfg.Changes = []sim.Change{{Time: t0, Kind: sim.NodeFail, Node: n}, {Time: t1, Kind: sim.NodeRecover, Node: n}}
	return cfg
}

// cluster returns n identical nodes and one instance of each standard service, instance i of service
// i on node place[i], serving one cell.
func cluster(n int, place []int) sim.Config {
	cfg := sim.Config{
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 2, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "small", Category: sim.SmallAI, WeightsGB: 4, ReconfigS: 0.5},
			{Name: "large", Category: sim.LargeAI, WeightsGB: 40, ReconfigS: 2},
		},
		Cells: []sim.CellSpec{{Name: "c0", DU: svcDU, CU: svcCU}},
	}
	for k := 0; k < n; k++ {
		cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: string(rune('a' + k)), GPU: 100, CPU: 16, VRAMGB: 80})
	}
	for s, node := range place {
		cfg.Instances = append(cfg.Instances, sim.InstanceSpec{Service: s, Node: node})
	}
	return cfg
}

// workload returns n requests with exponential gaps of mean gap seconds: half RAN-only (URLLC and
// eMBB), the rest small-AI and large-AI requests whose work is scaled by intensity.
func workload(seed uint64, n int, gap, intensity float64) []sim.Request {
	return mix(seed, n, gap, 2*intensity, 40*intensity)
}

// mix returns n requests with exponential gaps of mean gap seconds: 25 % URLLC, 25 % eMBB, 30 %
// small-AI requests of mean GPU work small TFLOP and 20 % large-AI requests of mean GPU work large
// TFLOP (both exponential).
func mix(seed uint64, n int, gap, small, large float64) []sim.Request {
	draw := rng.New(seed, "policytest/workload")
	out := make([]sim.Request, n)
	t := 0.0
	for i := range out {
		t += draw.ExpFloat64() * gap
		r := sim.Request{ID: int64(i), Arrival: t}
		switch u := draw.Float64(); {
		case u < 0.25:
			r.Class, r.Deadline = sim.URLLC, 0.002
			r.DU, r.CU = sim.Work{GPU: 0.02}, sim.Work{CPU: 0.002}
		case u < 0.5:
			r.Class, r.Deadline = sim.EMBB, 0.008
			r.DU, r.CU = sim.Work{GPU: 0.08}, sim.Work{CPU: 0.004}
		case u < 0.8:
			r.Class, r.Service, r.Deadline = sim.AI, svcSmall, 0.5
			r.AIWork, r.KVGB = sim.Work{GPU: small * draw.ExpFloat64()}, 0.1
		default:
			r.Class, r.Service, r.Deadline = sim.AI, svcLarge, 8
			r.AIWork, r.KVGB = sim.Work{GPU: large * draw.ExpFloat64(), CPU: 0.01}, 1+draw.Float64()
		}
		out[i] = r
	}
	return out
}

// source replays a request slice; it forks by copying its position.
type source struct {
	rs []sim.Request
	i  int
}

func (s *source) Next() (sim.Request, bool, error) {
	if s.i >= len(s.rs) {
		return sim.Request{}, false, nil
	}
	s.i++
	return s.rs[s.i-1], true, nil
}

func (s *source) Fork() (sim.Source, error) { c := *s; return &c, nil }

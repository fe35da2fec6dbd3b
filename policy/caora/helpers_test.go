package caora_test

import (
	"math/rand/v2"

	"github.com/airansim/airansim/sim"
)

// Instance indices of the test cluster.
const (
	instDU = iota
	instCU
	instAI    // small-AI on node 0, next to the cell: node 0 is mixed
	instAlone // small-AI alone on node 1
)

// cluster returns two nodes: node 0 hosts a cell's DU and CU-UP and an AI service (the only mixed
// node), node 1 another AI service alone. Epochs last one second.
func cluster() sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "mixed", GPU: 100, CPU: 8, VRAMGB: 80}, {Name: "ai-only", GPU: 50, CPU: 8, VRAMGB: 40}},
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 2, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "ai", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "alone", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}, {Service: 3, Node: 1}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: instDU, CU: instCU}},
	}
}

// source generates n requests with gaps of 20 ms: every other one RAN-only (URLLC, 1.5 TFLOP at the
// DU within 50 ms, so that its floor is 30 TFLOP/s while it runs), the rest AI requests of about
// 2 TFLOP with a 1 s deadline, three in four to the mixed node. The mixed node's AI demand is thus
// about 37 TFLOP/s: met when the RAN share α stays below about 0.5, missed increasingly above.
type source struct {
	n, i int
	t    float64
	rng  *rand.Rand
}

func newSource(n int, seed uint64) *source {
	return &source{n: n, rng: rand.New(rand.NewPCG(seed, seed+7))}
}

func (s *source) Next() (sim.Request, bool, error) {
	if s.i >= s.n {
		return sim.Request{}, false, nil
	}
	s.t += 0.02
	r := sim.Request{ID: int64(s.i), Arrival: s.t}
	switch {
	case s.i%2 == 0:
		r.Class, r.Deadline, r.DU, r.CU = sim.URLLC, 0.05, sim.Work{GPU: 1.5}, sim.Work{CPU: 0.005}
	default:
		r.Class, r.Deadline, r.Service = sim.AI, 1, 2
		if s.i%8 == 7 {
			r.Service = 3
		}
		r.AIWork = sim.Work{GPU: 1.5 + s.rng.Float64()}
	}
	s.i++
	return r, true, nil
}

package gametheory_test

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// node is a node of a test snapshot: GPU capacity (TFLOP/s) and VRAM (GB); every node has 32 cores.
type node struct{ gpu, vram float64 }

// inst is a GPU-bound instance of a test snapshot.
type inst struct {
	cat      sim.Category
	node     int
	rate     float64 // GPU work arrived per second over the last window, TFLOP/s
	backlog  float64 // residual GPU work, TFLOP
	weights  float64 // M_s, GB
	reconfig float64 // R_s, s
	busy     bool    // reconfiguring
}

// small is a small-AI instance on node n with arrival rate d (TFLOP/s), 1 GB of weights, R_s = 0.5 s,
// so a move costs R_s/T = 0.1.
func small(n int, d float64) inst {
	return inst{cat: sim.SmallAI, node: n, rate: d, weights: 1, reconfig: 0.5}
}

// snapshot builds a snapshot at t = 100 s with a 5 s window; instance i is the only replica of
// service i.
func snapshot(nodes []node, insts ...inst) *sim.Snapshot {
	s := &sim.Snapshot{Time: 100, Epoch: 20, HopDelay: 200e-6, Window: 5}
	for k, n := range nodes {
		s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{Name: fmt.Sprint("n", k), GPU: n.gpu,
			VRAMGB: n.vram, CPU: 32}})
	}
	for i, in := range insts {
		s.Services = append(s.Services, sim.ServiceSpec{Name: fmt.Sprint("s", i), Category: in.cat,
			WeightsGB: in.weights, ReconfigS: in.reconfig})
		v := sim.InstanceView{Service: i, Category: in.cat, Node: in.node, BacklogGPU: in.backlog,
			Reconfiguring: in.busy, AvailableAt: s.Time + 1}
		v.LastEpoch.Work.GPU = in.rate * s.Window
		s.Instances = append(s.Instances, v)
		nv := &s.Nodes[in.node]
		nv.Inst = append(nv.Inst, i)
		nv.Weights += in.weights
	}
	return s
}

// hotspot is two 300 TFLOP/s nodes; node 0 hosts a large AI (250 TFLOP/s, R_s = 8 s) and a small AI
// (100 TFLOP/s): both see cost 350/300 ≈ 1.17 there. On the empty node 1 the small AI would see
// 100/300 + 0.1 ≈ 0.43, the large AI 250/300 + 8/5 ≈ 2.43.
func hotspot() *sim.Snapshot {
	return snapshot([]node{{300, 80}, {300, 80}},
		inst{cat: sim.LargeAI, rate: 250, weights: 28, reconfig: 8}, small(0, 100))
}

package lyapunov_test

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
	backlog  float64 // residual GPU work, TFLOP
	rate     float64 // GPU work arrived per second over the last window, TFLOP/s
	weights  float64 // M_s, GB
	reconfig float64 // R_s, s
	busy     bool    // reconfiguring until 1 s after the snapshot
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
			Reconfiguring: in.busy}
		if in.busy {
			v.AvailableAt = s.Time + 1
		}
		v.LastEpoch.Work.GPU = in.rate * s.Window
		s.Instances = append(s.Instances, v)
		nv := &s.Nodes[in.node]
		nv.Inst = append(nv.Inst, i)
		nv.Weights += in.weights
	}
	return s
}

// hotspot is two 300 TFLOP/s nodes; node 0 hosts a backlogged large AI (instance 0: Q = 3000/300 =
// 10 s, a = 1) and a small AI (instance 1: Q = 300/300 = 1 s, a = 30/300 = 0.1), node 1 is empty.
// MaxWeight gives all of node 0 to the large AI, so the small one is starved.
func hotspot() *sim.Snapshot {
	return snapshot([]node{{300, 80}, {300, 80}},
		inst{cat: sim.LargeAI, backlog: 3000, rate: 300, weights: 28, reconfig: 8},
		inst{cat: sim.SmallAI, backlog: 300, rate: 30, weights: 1, reconfig: 0.5})
}

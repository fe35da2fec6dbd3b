package policytest

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// Node is a node of a hand-built snapshot: GPU capacity (TFLOP/s) and VRAM (GB); every node has
// 32 cores.
type Node struct{ GPU, VRAM float64 }

// Instance is a GPU-bound instance of a hand-built snapshot.
type Instance struct {
	Category sim.Category
	Node     int
	Backlog  float64 // residual GPU work, TFLOP
	Rate     float64 // GPU work arrived per second over the last window, TFLOP/s
	Weights  float64 // M_s, GB
	Reconfig float64 // R_s, s
	Busy     bool    // reconfiguring until 1 s after the snapshot
}

// Snapshot builds a snapshot at t = 100 s (epoch 20) with a 5 s window, for policy unit tests that
// need exact numbers rather than a simulation; instance i is the only replica of service i.
func Snapshot(nodes []Node, insts ...Instance) *sim.Snapshot {
	paths, err := sim.NewPaths(sim.FullMesh{HopDelay: 200e-6}, len(nodes))
	if err != nil {
		panic(err) // a full mesh of a constant delay is valid
	}
	s := &sim.Snapshot{Time: 100, Epoch: 20, Paths: paths, Window: 5}
	for k, n := range nodes {
		s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{Name: fmt.Sprint("n", k), GPU: n.GPU,
			VRAMGB: n.VRAM, CPU: 32}})
	}
	for i, in := range insts {
		s.Services = append(s.Services, sim.ServiceSpec{Name: fmt.Sprint("s", i), Category: in.Category,
			WeightsGB: in.Weights, ReconfigS: in.Reconfig})
		v := sim.InstanceView{Service: i, Category: in.Category, Node: in.Node, BacklogGPU: in.Backlog,
			Reconfiguring: in.Busy}
		if in.Busy {
			v.AvailableAt = s.Time + 1
		}
		v.LastEpoch.Work.GPU = in.Rate * s.Window
		s.Instances = append(s.Instances, v)
		nv := &s.Nodes[in.Node]
		nv.Inst = append(nv.Inst, i)
		nv.Weights += in.Weights
	}
	return s
}

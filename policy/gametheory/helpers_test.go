package gametheory_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/scenario"
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

// checked wraps a policy and reports every migration it returns that the engine's own Check rejects
// at the moment it would be applied (the migrations are applied in order).
type checked struct {
	sim.Policy
	t   *testing.T
	sim *sim.Sim
}

func (c *checked) Decide(ctx context.Context, s *sim.Snapshot) ([]sim.Migration, error) {
	ms, err := c.Policy.Decide(ctx, s)
	f, ferr := c.sim.Fork(nil, nil)
	if ferr != nil {
		c.t.Fatal(ferr)
	}
	for _, m := range ms {
		if e := f.Apply(m); e != nil {
			c.t.Errorf("t=%g: proposed %+v: %v", s.Time, m, e)
		}
	}
	return ms, err
}

// paperRun runs the paper's scenario at load ρ with policy p (checked) and Proportional.
func paperRun(t *testing.T, load float64, requests int, p sim.Policy) sim.Stats {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: load, Requests: requests, Seed: 3})
	if err != nil {
		t.Fatal(err)
	}
	c := &checked{Policy: p, t: t}
	b.Config.Allocator, b.Config.Policy = allocator.Proportional{}, c
	if c.sim, err = sim.New(b.Config); err != nil {
		t.Fatal(err)
	}
	st, err := c.sim.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

package caora_test

import (
	"math"
	"testing"

	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/sim"
)

// snapshot builds a one-window snapshot of two nodes from instance views.
func snapshot(nodes []sim.NodeView, insts []sim.InstanceView) *sim.Snapshot {
	s := &sim.Snapshot{Time: 10, Window: 2, Nodes: nodes, Instances: insts}
	for i, in := range insts {
		s.Nodes[in.Node].Inst = append(s.Nodes[in.Node].Inst, i)
	}
	return s
}

func TestFeatures(t *testing.T) {
	nodes := []sim.NodeView{
		{Spec: sim.NodeSpec{GPU: 100, CPU: 10, VRAMGB: 40}, Weights: 10, KV: 2, GPUFloor: 20, CPUFloor: 1},
		{Spec: sim.NodeSpec{}}, // no capacity at all
	}
	insts := []sim.InstanceView{
		{Category: sim.DU, Node: 0, Active: 2, BacklogGPU: 50, LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 40}}},
		{Category: sim.CUUP, Node: 0, Waiting: 1, BacklogCPU: 5, LastEpoch: sim.InstanceCount{Work: sim.Work{CPU: 4}}},
		{Category: sim.LargeAI, Node: 0, Active: 3, Waiting: 4, BacklogGPU: 300, LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 100, CPU: 2}}},
		{Category: sim.SmallAI, Node: 1, BacklogGPU: 1, LastEpoch: sim.InstanceCount{Work: sim.Work{GPU: 3}}},
	}
	s := snapshot(nodes, insts)
	want := map[string]float64{
		"ran_gpu_load": 40.0 / 2 / 100, "ai_gpu_load": 100.0 / 2 / 100, "ran_cpu_load": 4.0 / 2 / 10, "ai_cpu_load": 2.0 / 2 / 10,
		"gpu_floor_use": 0.2, "cpu_floor_use": 0.1,
		"ran_gpu_backlog_s": math.Log1p(0.5), "ai_gpu_backlog_s": math.Log1p(3), "ran_cpu_backlog_s": math.Log1p(0.5), "ai_cpu_backlog_s": 0,
		"ran_requests": math.Log1p(3), "ai_active": math.Log1p(3), "ai_waiting": math.Log1p(4), "vram_use": 12.0 / 40,
	}
	x := caora.Features(s, 0, nil)
	if len(x) != caora.NumFeatures || len(want) != caora.NumFeatures {
		t.Fatalf("%d features, want %d", len(x), caora.NumFeatures)
	}
	for i, name := range caora.FeatureNames {
		if math.Abs(x[i]-want[name]) > 1e-12 {
			t.Errorf("%s = %v, want %v", name, x[i], want[name])
		}
	}
	for i, v := range caora.Features(s, 1, x) {
		if math.IsNaN(v) || math.IsInf(v, 0) || v > 25 {
			t.Errorf("node without capacity: %s = %v, want finite and bounded", caora.FeatureNames[i], v)
		}
	}
}

func TestMixed(t *testing.T) {
	for _, c := range []struct {
		name string
		cats []sim.Category
		want bool
	}{
		{"empty", nil, false},
		{"RAN only", []sim.Category{sim.DU, sim.CUUP}, false},
		{"AI only", []sim.Category{sim.LargeAI, sim.SmallAI}, false},
		{"DU and large", []sim.Category{sim.DU, sim.LargeAI}, true},
		{"CU-UP and small", []sim.Category{sim.SmallAI, sim.CUUP}, true},
	} {
		var insts []sim.InstanceView
		for _, cat := range c.cats {
			insts = append(insts, sim.InstanceView{Category: cat})
		}
		if got := caora.Mixed(snapshot([]sim.NodeView{{}}, insts), 0); got != c.want {
			t.Errorf("%s: Mixed = %v, want %v", c.name, got, c.want)
		}
	}
}

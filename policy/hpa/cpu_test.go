package hpa_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/hpa"
	"github.com/airansim/airansim/sim"
)

// cpuSnap is a snapshot at time now (window 15 s) of one active replica of service 0 on node 1, with
// nodes 0 (8 cores), 1 and 2 (2 cores each), the CPU work arrived in the window and no backlog.
func cpuSnap(now, work float64) *sim.Snapshot {
	s := &sim.Snapshot{Time: now, Window: 15, Services: []sim.ServiceSpec{{Name: "ric", Category: sim.SmallAI}}}
	for _, c := range []float64{8, 2, 2} {
		s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{CPU: c}})
	}
	s.Instances = []sim.InstanceView{{Category: sim.SmallAI, Node: 1, State: sim.StateActive, AvailableAt: 0,
		LastEpoch: sim.InstanceCount{Work: sim.Work{CPU: work}}}}
	return s
}

// TestControllerCPUResource, worked by hand (target 80 %, tolerance 0.1): 27 core-s served in 15 s is
// 1.8 cores, 90 % of node 1's 2 cores; ratio 90/80 = 1.125 > 1.1: ⌈1.125⌉ = 2 replicas, the new one
// on node 2 (allowed, no replica) rather than node 0 (not allowed). 25.5 core-s is 85 %: ratio 1.0625
// is within the tolerance, nothing. With the paper's 0.6-core request, 9 core-s is 0.6 cores = 100 %:
// ratio 1.25, ⌈1.25⌉ = 2. The GPU metric sees no GPU work (and no GPU request) and does nothing.
func TestControllerCPUResource(t *testing.T) {
	add := sim.Plan{sim.AddReplica{Service: 0, Node: 2, Startup: 4}}
	for _, c := range []struct {
		name     string
		resource hpa.Resource
		request  float64
		work     float64
		want     sim.Plan
	}{
		{"90 % of the node", hpa.ResourceCPU, 0, 27, add},
		{"85 %: within tolerance", hpa.ResourceCPU, 0, 25.5, nil},
		{"100 % of the request", hpa.ResourceCPU, 0.6, 9, add},
		{"GPU metric", hpa.ResourceGPU, 0, 27, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			ctl, err := hpa.NewController(hpa.ControllerOptions{Services: []int{0}, Resource: c.resource,
				Request: c.request, Startup: 4, Nodes: []int{1, 2}, HPA: hpa.Options{MaxReplicas: 3}})
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if p, err := ctl.Decide(ctx, cpuSnap(15, 0), nil); p != nil || err != nil {
				t.Fatalf("first sync: %v %v, want nothing", p, err)
			}
			p, err := ctl.Decide(ctx, cpuSnap(30, c.work), nil)
			if err != nil || !reflect.DeepEqual(p, c.want) {
				t.Errorf("plan %v (%v), want %v", p, err, c.want)
			}
		})
	}
}

package sim_test

import (
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// TestSimultaneousCompletionsOnANode checks the tie rule of the node timers: completions at the same
// instant on one node come in the order of the node's last reallocation, which sets its instances'
// queues in instance order, whatever order the requests arrived in. Three identical requests reach
// three AI instances of one node together (in reverse instance order) and, sharing the node equally,
// finish at the same instant; their records must come out by instance.
func TestSimultaneousCompletionsOnANode(t *testing.T) {
	cfg := sim.Config{
		Nodes: []sim.NodeSpec{{Name: "ran", GPU: 1, CPU: 1, VRAMGB: 100}, {Name: "ai", GPU: 3, CPU: 1, VRAMGB: 100}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "a", Category: sim.SmallAI}, {Name: "b", Category: sim.SmallAI}, {Name: "c", Category: sim.SmallAI}},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0},
			{Service: 2, Node: 1}, {Service: 3, Node: 1}, {Service: 4, Node: 1}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: allocator.EqualShare{},
	}
	var reqs []sim.Request
	for id, svc := range []int{4, 3, 2} {
		reqs = append(reqs, sim.Request{ID: int64(id), Class: sim.AI, Service: svc, Arrival: 1, Deadline: 10,
			AIWork: sim.Work{GPU: 2}})
	}
	cfg.Source = simtest.NewRequests(reqs)
	var got simtest.Collect // in the order the records were emitted
	cfg.Sink = &got
	simtest.RunChecked(t, cfg)
	if len(got.Recs) != 3 {
		t.Fatalf("%d records, want 3", len(got.Recs))
	}
	for k, want := range []int{2, 3, 4} {
		if r := got.Recs[k]; r.Service != want || r.Finish != got.Recs[0].Finish {
			t.Errorf("record %d: service %d finishing at %v, want service %d at %v", k, r.Service, r.Finish, want, got.Recs[0].Finish)
		}
	}
}

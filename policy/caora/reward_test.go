package caora

import (
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
)

// list is a Source over fixed requests.
type list struct{ rs []sim.Request }

func (l *list) Next() (sim.Request, bool, error) {
	if len(l.rs) == 0 {
		return sim.Request{}, false, nil
	}
	r := l.rs[0]
	l.rs = l.rs[1:]
	return r, true, nil
}

// TestTrackerReward checks the per-node slot reward: requests count at their expiry, met only with a
// met record, attributed to the nodes of their cell (RAN) or service replicas (AI), groups weighing
// equally.
func TestTrackerReward(t *testing.T) {
	cfg := sim.Config{
		Nodes:    make([]sim.NodeSpec, 3),
		Services: []sim.ServiceSpec{{Category: sim.DU}, {Category: sim.CUUP}, {Category: sim.LargeAI}, {Category: sim.SmallAI}},
		// DU on node 0, CU-UP on node 1, large-AI on node 0, small-AI replicated on nodes 0 and 2.
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 1}, {Service: 2, Node: 0}, {Service: 3, Node: 0}, {Service: 3, Node: 2}},
		Cells:     []sim.CellSpec{{DU: 0, CU: 1}},
	}
	reqs := []sim.Request{
		{ID: 0, Class: sim.URLLC, Arrival: 0.1, Deadline: 0.001},
		{ID: 1, Class: sim.AI, Service: 2, Arrival: 0.2, Deadline: 3},   // expires at 3.2
		{ID: 2, Class: sim.AI, Service: 3, Arrival: 0.3, Deadline: 0.5}, // expires at 0.8
		{ID: 3, Class: sim.EMBB, Arrival: 0.4, Deadline: 0.004},
		{ID: 4, Class: sim.AI, Service: 2, Arrival: 4, Deadline: 1}, // expires after the second slot
	}
	tr := newTracker(&cfg, &list{rs: reqs})
	for range reqs {
		if _, ok, _ := tr.Next(); !ok {
			t.Fatal("source ended early")
		}
	}
	tr.Record(sim.Record{ID: 0, Finished: true, Arrival: 0.1, Finish: 0.1005, Deadline: 0.001}) // met
	tr.Record(sim.Record{ID: 2, Finished: true, Arrival: 0.3, Finish: 0.5, Deadline: 0.5})      // met
	tr.Record(sim.Record{ID: 3, Finished: true, Arrival: 0.4, Finish: 0.5, Deadline: 0.004})    // missed
	type want struct {
		r  float64
		ok bool
	}
	for _, slot := range []struct {
		end  float64
		want [3]want
	}{
		// Slot 1 settles requests 0, 2, 3 (RAN 1 of 2, small 1 of 1). Node 0: (0.5 + 1)/2; node 1
		// (CU-UP): 0.5; node 2 (small replica): 1.
		{1, [3]want{{0.75, true}, {0.5, true}, {1, true}}},
		// Slot 2 settles request 1 (large-AI, still running: missed) at node 0 only.
		{5, [3]want{{0, true}, {0, false}, {0, false}}},
	} {
		tr.settle(slot.end)
		for n, w := range slot.want {
			if r, ok := tr.reward(n); ok != w.ok || math.Abs(r-w.r) > 1e-12 {
				t.Errorf("slot ending %g, node %d: reward %v %v, want %v %v", slot.end, n, r, ok, w.r, w.ok)
			}
		}
	}
	if len(tr.pending) != 1 || len(tr.met) != 0 {
		t.Fatalf("%d pending (want request 4), %d met flags left", len(tr.pending), len(tr.met))
	}
}

package policy_test

import (
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// TestRoundRobinDispatch runs the registered round-robin method with two AI services, A with three
// replicas (instances 2, 3, 4 on nodes 2, 0, 1) and B with two (instances 5, 6 on nodes 1, 2), and
// interleaved arrivals. A's j-th request must be served on node [2, 0, 1][j mod 3] and B's on
// [1, 2][j mod 2], whatever the backlogs: A's first request is 50 times the others, so the engine's
// smallest-backlog rule would avoid its replica. Invariants hold after every event and every request
// finishes exactly once.
func TestRoundRobinDispatch(t *testing.T) {
	cfg := sim.Config{
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "a", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "b", Category: sim.LargeAI, WeightsGB: 20, ReconfigS: 2},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0},
			{Service: 2, Node: 2}, {Service: 2, Node: 0}, {Service: 2, Node: 1},
			{Service: 3, Node: 1}, {Service: 3, Node: 2}},
		Cells: []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
	}
	for _, n := range []string{"n0", "n1", "n2"} {
		cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: n, GPU: 100, CPU: 8, VRAMGB: 80})
	}
	// Service pattern of the arrivals, 10 ms apart; "r" is a RAN-only (URLLC) request.
	pattern := "aabarbbaaabbbraabab"
	var reqs []sim.Request
	for i, c := range pattern {
		r := sim.Request{ID: int64(i), Arrival: 0.01 * float64(i), Deadline: 10}
		switch c {
		case 'r':
			r.Class, r.DU, r.CU = sim.URLLC, sim.Work{GPU: 0.01}, sim.Work{CPU: 0.0001}
		case 'a':
			r.Class, r.Service, r.AIWork, r.KVGB = sim.AI, 2, sim.Work{GPU: 1}, 0.1
		case 'b':
			r.Class, r.Service, r.AIWork, r.KVGB = sim.AI, 3, sim.Work{GPU: 2, CPU: 0.01}, 0.5
		}
		reqs = append(reqs, r)
	}
	reqs[0].AIWork.GPU = 50
	want := make([]int, len(pattern)) // by hand from the rotation
	nodesA, nodesB := []int{2, 0, 1}, []int{1, 2}
	ja, jb := 0, 0
	for i, c := range pattern {
		switch c {
		case 'r':
			want[i] = 0 // the cell's CU-UP
		case 'a':
			want[i] = nodesA[ja%3]
			ja++
		case 'b':
			want[i] = nodesB[jb%2]
			jb++
		}
	}

	m, err := policy.Default().New(policy.MethodRoundRobin, policy.Options{Interval: 0.05})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Controllers, cfg.Allocator = m.Controllers, m.Allocator
	recs, st := simtest.Run(t, cfg, reqs)
	if st.Epochs == 0 {
		t.Error("the round-robin controller was never called")
	}
	for i, r := range recs {
		if !r.Finished {
			t.Fatalf("record %d: %+v, want request %d finished", i, r, i)
		}
		if r.Node != want[i] {
			t.Errorf("request %d (%c) served on node %d, want %d", i, pattern[i], r.Node, want[i])
		}
	}
}

// TestRoundRobinRoute checks Route directly: per-service rotation over the replicas given, whatever
// their backlog and availability; a fork continues from the same positions without moving the
// original's.
func TestRoundRobinRoute(t *testing.T) {
	reps := func(n int) []sim.ReplicaView {
		v := make([]sim.ReplicaView, n)
		for k := range v {
			v[k] = sim.ReplicaView{Instance: 10 + k, BacklogG: float64(100 - k), Available: k != 1}
		}
		return v
	}
	var p policy.RoundRobin
	steps := []struct {
		service, replicas, want int
	}{{0, 3, 0}, {0, 3, 1}, {1, 2, 0}, {0, 3, 2}, {1, 2, 1}, {0, 3, 0}, {1, 2, 0}, {0, 3, 1}}
	for i, st := range steps {
		if got := p.Route(&sim.Request{Service: st.service}, reps(st.replicas)); got != st.want {
			t.Fatalf("step %d (service %d): replica %d, want %d", i, st.service, got, st.want)
		}
	}
	f := p.Fork().(*policy.RoundRobin)
	for k, want := range []int{2, 0, 1} { // service 0 continues after replica 1
		if got := f.Route(&sim.Request{Service: 0}, reps(3)); got != want {
			t.Errorf("fork, route %d: replica %d, want %d", k, got, want)
		}
	}
	if got := p.Route(&sim.Request{Service: 0}, reps(3)); got != 2 {
		t.Errorf("original after the fork routed: replica %d, want 2 (the fork must not move it)", got)
	}
}

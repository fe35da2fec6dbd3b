package bnb_test

import (
	"context"
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/sim"
)

func newRouter(t *testing.T, o bnb.Options) *bnb.Router {
	t.Helper()
	r, err := bnb.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// view is an available replica: instance i on node i with n requests in flight.
func view(i, n int) sim.ReplicaView {
	return sim.ReplicaView{Instance: i, Node: i, InFlight: n, Available: true}
}

func route(r *bnb.Router, flow int, at float64, reps ...sim.ReplicaView) int {
	q := sim.Request{Class: sim.AI, Flow: flow, Arrival: at}
	return reps[r.Route(&q, reps)].Instance
}

// TestSticky: a flow stays on its replica however loaded; a flow whose replica left moves once.
func TestSticky(t *testing.T) {
	r := newRouter(t, bnb.Options{})
	if got := route(r, 1, 0, view(0, 0), view(1, 5)); got != 0 {
		t.Fatalf("flow 1 on %d, want 0 (fewest in flight)", got)
	}
	if got := route(r, 1, 1, view(0, 9), view(1, 0)); got != 0 {
		t.Errorf("flow 1 moved to %d", got)
	}
	if got := route(r, 1, 2, view(1, 0)); got != 1 || r.ReAssociations() != 1 || r.Flows(0) != 0 || r.Flows(1) != 1 {
		t.Errorf("after replica 0 left: on %d, %d re-associations, flows %d/%d; want 1, 1, 0/1", got, r.ReAssociations(), r.Flows(0), r.Flows(1))
	}
}

// snap is a probe snapshot at time now (window 10 s) of two small-AI replicas on 2-core nodes.
func snap(now float64, work, backlog, alloc [2]float64) *sim.Snapshot {
	s := &sim.Snapshot{Time: now, Window: 10}
	for i := range 2 {
		s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{CPU: 2}})
		s.Instances = append(s.Instances, sim.InstanceView{Category: sim.SmallAI, Node: i, BacklogCPU: backlog[i],
			CPUAlloc: alloc[i], LastEpoch: sim.InstanceCount{Work: sim.Work{CPU: work[i]}}})
	}
	return s
}

// TestBullProbes: probes at 0 and 10 s give replica 0 cpu (16 + 0 − 1)/10/2 = 0.75 and drain time
// 1/2 = 0.5 s, replica 1 cpu 4/10/2 = 0.2 and 0 s. With 2 in flight each, scores (0.75 + 0.5 + 1)/3 =
// 0.75 and (0.2 + 0 + 1)/3 = 0.4: replica 1. At 21 s the probe (TTL 2·5 s) is stale: both score 1/3,
// tie on flows, lower index: replica 0.
func TestBullProbes(t *testing.T) {
	r := newRouter(t, bnb.Options{NoBear: true})
	ctx := context.Background()
	r.Decide(ctx, snap(0, [2]float64{}, [2]float64{}, [2]float64{}), nil)
	r.Decide(ctx, snap(10, [2]float64{16, 4}, [2]float64{1, 0}, [2]float64{2, 2}), nil)
	if got := route(r, 0, 12, view(0, 2), view(1, 2)); got != 1 {
		t.Errorf("fresh probe: replica %d, want 1", got)
	}
	if got := route(r, 0, 21, view(0, 2), view(1, 2)); got != 0 {
		t.Errorf("stale probe: replica %d, want 0", got)
	}
}

// TestBear: flows 1–4 alternate on replicas 0 and 1 (equal scores, fewer flows first). Replica 2 appears
// starting: flow 5 goes to Bull (available ones only): 0 (flows 3/2/0). Once available, replica 2
// takes flows 6, 7 and 8 (0, 1, 2 flows < the means 5/3, 6/3, 7/3); at 3 flows it is above the mean
// 8/3, so flow 9 goes to Bull: equal scores, fewest flows: replica 1.
func TestBear(t *testing.T) {
	r := newRouter(t, bnb.Options{})
	for f := 1; f <= 4; f++ {
		if got, want := route(r, f, 0, view(0, 0), view(1, 0)), (f-1)%2; got != want {
			t.Fatalf("flow %d on %d, want %d", f, got, want)
		}
	}
	starting := view(2, 0)
	starting.Available = false
	if got := route(r, 5, 1, view(0, 0), view(1, 0), starting); got != 0 {
		t.Errorf("flow 5 on %d, want 0 (the new replica is starting)", got)
	}
	for _, c := range []struct{ flow, want int }{{6, 2}, {7, 2}, {8, 2}, {9, 1}} {
		if got := route(r, c.flow, 2, view(0, 0), view(1, 0), view(2, 0)); got != c.want {
			t.Errorf("flow %d on %d, want %d (flows %d/%d/%d)", c.flow, got, c.want, r.Flows(0), r.Flows(1), r.Flows(2))
		}
	}
}

// TestPin: a pinned flow goes to the replica on its node even when it is the most loaded.
func TestPin(t *testing.T) {
	r := newRouter(t, bnb.Options{Pin: func(f int) (int, bool) { return 1, f == 9 }})
	if got := route(r, 9, 0, view(0, 0), view(1, 7)); got != 1 {
		t.Errorf("pinned flow on %d, want 1", got)
	}
	if got := route(r, 8, 0, view(0, 0), view(1, 7)); got != 0 {
		t.Errorf("free flow on %d, want 0", got)
	}
}

func TestOptionsErrors(t *testing.T) {
	for name, o := range map[string]bnb.Options{
		"weight": {WCPU: -1},
		"lmax":   {LMax: math.NaN()},
		"period": {Period: -5},
		"ttl":    {ProbeTTL: math.Inf(1)},
	} {
		if _, err := bnb.New(o); !errors.Is(err, bnb.ErrOptions) {
			t.Errorf("%s: %v, want ErrOptions", name, err)
		}
	}
}

// TestReassocDelay: with a 2 s re-association delay, flow 1 moves at 10 s when its replica leaves:
// its requests at 10 s and 11 s wait until 12 s (delays 2 and 1 s), the one at 12.5 s goes at once.
// Its first association (at 0 s) costs nothing. After Disconnect(1) at 20 s the flow re-associates
// (replica 1 again: the only one) and its request at 20 s waits 2 s.
func TestReassocDelay(t *testing.T) {
	r := newRouter(t, bnb.Options{ReassocDelay: 2})
	assoc := func(flow int, at float64, reps ...sim.ReplicaView) float64 {
		q := sim.Request{Class: sim.AI, Flow: flow, Arrival: at}
		k := r.Route(&q, reps)
		d, refused := r.Associate(&q, reps[k].Instance)
		if refused {
			t.Fatalf("flow %d refused", flow)
		}
		return d
	}
	for _, c := range []struct {
		at, want float64
		reps     []sim.ReplicaView
	}{
		{0, 0, []sim.ReplicaView{view(0, 0), view(1, 3)}},
		{10, 2, []sim.ReplicaView{view(1, 0)}},
		{11, 1, []sim.ReplicaView{view(1, 0)}},
		{12.5, 0, []sim.ReplicaView{view(1, 0)}},
	} {
		if got := assoc(1, c.at, c.reps...); got != c.want {
			t.Errorf("request at %g s: delay %g, want %g", c.at, got, c.want)
		}
	}
	r.Disconnect(1)
	if r.Flows(1) != 0 || len(r.FlowsOn(1)) != 0 {
		t.Errorf("after Disconnect: %d flows on 1", r.Flows(1))
	}
	if got := assoc(1, 20, view(1, 0)); got != 2 || r.ReAssociations() != 2 || r.Flows(1) != 1 {
		t.Errorf("after a crash: delay %g, %d re-associations, %d flows on 1; want 2, 2, 1", got, r.ReAssociations(), r.Flows(1))
	}
}

// TestAdmit: Admit sees a new flow once, with the replica Bull chose; a refused flow's requests are
// all refused and it is never asked again.
func TestAdmit(t *testing.T) {
	asked := 0
	r := newRouter(t, bnb.Options{Admit: func(flow, inst int, rt *bnb.Router, _ []sim.ReplicaView) bool {
		asked++
		return flow != 2 && inst == 0
	}})
	for k, f := range []int{1, 2, 2, 1} {
		q := sim.Request{Class: sim.AI, Flow: f, Arrival: float64(k)}
		reps := []sim.ReplicaView{view(0, 0), view(1, 5)}
		i := r.Route(&q, reps)
		_, refused := r.Associate(&q, reps[i].Instance)
		if refused != (f == 2) {
			t.Errorf("request %d of flow %d: refused %v", k, f, refused)
		}
	}
	if asked != 2 || r.Refused() != 1 || r.Flows(0) != 1 {
		t.Errorf("asked %d times, %d refused, %d flows on 0; want 2, 1, 1", asked, r.Refused(), r.Flows(0))
	}
}

// TestBearLoad: Bear compares probed loads, not flow counts. Flow 1 is on replica 0, flows 2–4 on
// the newer replica 1. Probes at 0 and 10 s: cpu 16/10/2 = 0.8 and 4/10/2 = 0.2, no backlog. Flow 5
// (at 12 s) goes to replica 1 by Bear (0.2 < mean 0.5) although it carries more flows (3 ≥ mean 2)
// and Bull would pick replica 0 (scores 0.8/3 = 0.27 against (0.2 + 1)/3 = 0.4 with 10 in flight).
// After the probe at 20 s (0.8 and 18/10/2 = 0.9, mean 0.85) flow 6 goes to Bull: replica 0.
func TestBearLoad(t *testing.T) {
	r := newRouter(t, bnb.Options{})
	if got := route(r, 1, 0, view(0, 0)); got != 0 {
		t.Fatalf("flow 1 on %d", got)
	}
	for f := 2; f <= 4; f++ {
		if got := route(r, f, 0, view(1, 0)); got != 1 {
			t.Fatalf("flow %d on %d", f, got)
		}
	}
	ctx := context.Background()
	r.Decide(ctx, snap(0, [2]float64{}, [2]float64{}, [2]float64{}), nil)
	r.Decide(ctx, snap(10, [2]float64{16, 4}, [2]float64{}, [2]float64{2, 2}), nil)
	if got := route(r, 5, 12, view(0, 0), view(1, 10)); got != 1 {
		t.Errorf("flow 5 on %d, want 1 (Bear by load)", got)
	}
	r.Decide(ctx, snap(20, [2]float64{16, 18}, [2]float64{}, [2]float64{2, 2}), nil)
	if got := route(r, 6, 22, view(0, 0), view(1, 10)); got != 0 {
		t.Errorf("flow 6 on %d, want 0 (newest above the mean load: Bull)", got)
	}
}

// TestServerLoad: the probed CPU is the server's. Replica 0 is on node 0 (2 cores), replica 1 alone
// on node 1, and replica 2, added later, shares node 0. Over the 10 s window replica 0 served 16 core-s
// and replica 2 none: both read 16/10/2 = 0.8; replica 1 served 4: 0.2. A new flow goes to replica 1:
// Bear does not pick replica 2, the newest, although it served nothing itself (its server's 0.8 is
// not below the mean 0.6), and Bull prefers the idle server.
func TestServerLoad(t *testing.T) {
	r := newRouter(t, bnb.Options{})
	snapAt := func(now float64, work [3]float64) *sim.Snapshot {
		s := &sim.Snapshot{Time: now, Window: 10}
		for range 2 {
			s.Nodes = append(s.Nodes, sim.NodeView{Spec: sim.NodeSpec{CPU: 2}})
		}
		for i, n := range []int{0, 1, 0} {
			s.Instances = append(s.Instances, sim.InstanceView{Category: sim.SmallAI, Node: n,
				LastEpoch: sim.InstanceCount{Work: sim.Work{CPU: work[i]}}})
		}
		return s
	}
	on := func(i, node int) sim.ReplicaView { v := view(i, 0); v.Node = node; return v }
	if got := route(r, 1, 0, on(0, 0), on(1, 1)); got != 0 {
		t.Fatalf("flow 1 on %d", got)
	}
	if got := route(r, 2, 0, on(0, 0), on(1, 1), on(2, 0)); got != 2 {
		t.Fatalf("flow 2 on %d, want the new replica 2 (Bear, no probe yet)", got)
	}
	ctx := context.Background()
	r.Decide(ctx, snapAt(0, [3]float64{}), nil)
	r.Decide(ctx, snapAt(10, [3]float64{16, 4, 0}), nil)
	if got := route(r, 3, 12, on(0, 0), on(1, 1), on(2, 0)); got != 1 {
		t.Errorf("flow 3 on %d, want 1 (the idle server)", got)
	}
}

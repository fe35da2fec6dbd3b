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

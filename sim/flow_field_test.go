package sim_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/sim"
)

// spy routes to the first replica and keeps the views it was shown.
type spy struct{ seen [][]sim.ReplicaView }

func (*spy) Name() string { return "spy" }
func (*spy) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	return nil, nil
}
func (s *spy) Route(_ *sim.Request, rs []sim.ReplicaView) int {
	s.seen = append(s.seen, append([]sim.ReplicaView(nil), rs...))
	return 0
}

// TestFlowAndReplicaView checks that a request's Flow reaches its Record and that a Router sees each
// replica's CPU backlog and in-flight count. Two CPU-only requests (2 and 1 core-s, flows 7 and 9)
// arrive at t = 0 and t = 0.5 on node a (8 cores, one request active: served at 8 cores); the second
// is routed while the first (2 core-s, done at 0.25 s) has left: backlog 0, in flight 0. A third at
// t = 0.5 sees the second's residual 1 core-s and 1 in flight (same instant: no service yet).
func TestFlowAndReplicaView(t *testing.T) {
	cfg := replicated(2, 0, 1)
	sp := &spy{}
	cfg.Controllers = every(100, sp)
	cpu := func(at, w float64, flow int) sim.Request {
		return sim.Request{Class: sim.AI, Service: 2, Arrival: at, Deadline: 10, AIWork: sim.Work{CPU: w}, Flow: flow}
	}
	recs := runChecked(t, cfg, []sim.Request{cpu(0, 2, 7), cpu(0.5, 1, 9), cpu(0.5, 1, 0)})
	for i, want := range []int{7, 9, 0} {
		if recs[i].Flow != want {
			t.Errorf("record %d: flow %d, want %d", i, recs[i].Flow, want)
		}
	}
	if len(sp.seen) != 3 {
		t.Fatalf("%d routings, want 3", len(sp.seen))
	}
	first, third := sp.seen[0][0], sp.seen[2][0]
	if first.BacklogC != 0 || first.InFlight != 0 {
		t.Errorf("first routing saw %+v, want an empty replica", first)
	}
	if third.BacklogC != 1 || third.InFlight != 1 {
		t.Errorf("third routing saw %+v, want 1 core-s and 1 in flight", third)
	}
}

// TestFlowReachesRouter: with one replica, a request with a Flow is given to the Router, one without is not.
func TestFlowReachesRouter(t *testing.T) {
	cfg := replicated(1, 0)
	sp := &spy{}
	cfg.Controllers = every(100, sp)
	ai := func(at float64, flow int) sim.Request {
		return sim.Request{Class: sim.AI, Service: 2, Arrival: at, Deadline: 10, AIWork: sim.Work{CPU: 1}, Flow: flow}
	}
	runChecked(t, cfg, []sim.Request{ai(0, 0), ai(1, 3), ai(2, 0)})
	if len(sp.seen) != 1 || len(sp.seen[0]) != 1 {
		t.Errorf("router called %d times (%v), want once with one replica", len(sp.seen), sp.seen)
	}
}

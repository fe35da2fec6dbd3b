package sim_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// scaler adds a replica of service 2 on node 1 at its first call (t = 1 s) and removes the original,
// instance 2, at its second (t = 2 s). As a Router it dispatches round-robin when rr is set.
type scaler struct {
	rr    bool
	calls int
	next  int
}

func (*scaler) Name() string { return "scaler" }

func (c *scaler) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	c.calls++
	switch c.calls {
	case 1:
		return sim.Plan{sim.AddReplica{Service: 2, Node: 1, Startup: 0.2}}, nil
	case 2:
		return sim.Plan{sim.RemoveReplica{Instance: 2}}, nil
	}
	return nil, nil
}

func (c *scaler) Route(_ *sim.Request, reps []sim.ReplicaView) int {
	if !c.rr {
		return -1 // the engine's least-backlog rule
	}
	c.next++
	return (c.next - 1) % len(reps)
}

// twoNodes is oneNode plus an empty second node with 10 GB of VRAM.
func twoNodes() sim.Config {
	cfg := oneNode(100, 8, 80)
	cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: "n1", GPU: 100, CPU: 8, VRAMGB: 10})
	cfg.Services[2].WeightsGB = 4
	return cfg
}

// aiLoad is n AI requests of service 2 every 10 ms (150 TFLOP/s: more than one node), 1.5 TFLOP and 0.5 GB of KV each.
func aiLoad(n int) *genSource {
	return newGen(n, 1, func(int, float64, *rand.Rand) (sim.Request, float64) {
		return sim.Request{Class: sim.AI, Service: 2, Deadline: 5, AIWork: sim.Work{GPU: 1.5}, KVGB: 0.5}, 0.01
	})
}

// TestAddRemoveReplica checks run-time instances: VRAM reserved at the AddReplica and freed when the
// drained original empties, routing across both replicas in between (round-robin with a Router, the
// available replica by the engine's rule while the new one starts) and only to the new one after the
// RemoveReplica, invariants after every event and every request ending exactly once.
func TestAddRemoveReplica(t *testing.T) {
	for _, rr := range []bool{true, false} {
		t.Run(fmt.Sprintf("round-robin=%v", rr), func(t *testing.T) {
			cfg := twoNodes()
			cfg.Source = aiLoad(300) // arrivals in [0, 3) s
			ctl := &scaler{rr: rr}
			cfg.Controllers = every(1, ctl)
			sink := &collect{}
			cfg.Sink = sink
			retiredAt := -1.0
			var fail error
			check := func(s *sim.Sim) error {
				if err := s.CheckInvariants(); err != nil {
					return err
				}
				snap, now := s.Snapshot(), s.Now()
				if now >= 1 && (len(snap.Instances) != 4 || snap.Nodes[1].Weights != 4) {
					return fmt.Errorf("t=%g: %d instances, node 1 weights %g GB; want the replica's 4 GB reserved", now, len(snap.Instances), snap.Nodes[1].Weights)
				}
				if now < 1 {
					return nil
				}
				want := sim.StateActive
				if now < 1.2 {
					want = sim.StateStarting
				}
				if st := snap.Instances[3].State; st != want {
					return fmt.Errorf("t=%g: new replica %v, want %v", now, st, want)
				}
				orig := snap.Instances[2]
				switch {
				case now < 2 && orig.State != sim.StateActive:
					return fmt.Errorf("t=%g: original %v before the removal", now, orig.State)
				case now >= 2 && orig.State == sim.StateRetired:
					if retiredAt < 0 {
						retiredAt = now
					}
					if snap.Nodes[0].Weights != 1 || orig.Active+orig.Waiting > 0 || orig.KV != 0 {
						return fmt.Errorf("t=%g: retired original holds %d requests, node 0 weights %g", now, orig.Active+orig.Waiting, snap.Nodes[0].Weights)
					}
				case now >= 2 && orig.State != sim.StateDraining:
					return fmt.Errorf("t=%g: original %v after the removal", now, orig.State)
				case now >= 2 && snap.Nodes[0].Weights != 5:
					return fmt.Errorf("t=%g: draining original's weights freed early (node 0 %g GB)", now, snap.Nodes[0].Weights)
				}
				return nil
			}
			cfg.AfterEvent = func(s *sim.Sim) {
				if fail == nil {
					fail = check(s)
				}
			}
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			st, err := s.Run(context.Background())
			if err != nil || fail != nil {
				t.Fatal(err, fail)
			}
			if st.Added != 1 || st.Removed != 1 || st.Rejected != 0 || retiredAt < 2 {
				t.Fatalf("added %d, removed %d, rejected %d, retired at %g", st.Added, st.Removed, st.Rejected, retiredAt)
			}
			checkRouting(t, sink.recs, rr, retiredAt)
		})
	}
}

// checkRouting checks where each request was served, by arrival time: node 0 before the AddReplica,
// both between (alternating with round-robin; only node 0 while the replica starts otherwise), node 1
// after the RemoveReplica; and no request served at node 0 after the original retired.
func checkRouting(t *testing.T, recs []sim.Record, rr bool, retiredAt float64) {
	t.Helper()
	if len(recs) != 300 {
		t.Fatalf("%d records for 300 requests", len(recs))
	}
	seen := map[int64]bool{}
	var between [2]int
	for _, r := range recs {
		if seen[r.ID] || !r.Finished {
			t.Fatalf("request %d recorded twice or unfinished: %+v", r.ID, r)
		}
		seen[r.ID] = true
		switch a := r.Arrival; {
		case a < 1 && r.Node != 0, a >= 2 && r.Node != 1:
			t.Errorf("request %d arriving at %g served on node %d", r.ID, a, r.Node)
		case a >= 1 && a < 1.2 && !rr && r.Node != 0:
			t.Errorf("request %d arriving at %g went to the starting replica", r.ID, a)
		case a >= 1 && a < 2:
			between[r.Node]++
		}
		if r.Node == 0 && r.Finish > retiredAt {
			t.Errorf("request %d finished on node 0 at %g, after the retirement at %g", r.ID, r.Finish, retiredAt)
		}
	}
	if rr && (between[0] != 50 || between[1] != 50) {
		t.Errorf("round-robin split the 100 requests of [1, 2) s %v, want 50/50", between)
	}
	if !rr && (between[0] == 0 || between[1] == 0) {
		t.Errorf("least-backlog used one replica only in [1, 2) s: %v", between)
	}
}

// TestReplicaRejections checks Check's rules for AddReplica and RemoveReplica.
func TestReplicaRejections(t *testing.T) {
	cfg := twoNodes()
	cfg.Source = aiLoad(10)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a    sim.Action
		want sim.Reason
		ok   bool
	}{
		{sim.AddReplica{Service: 2, Node: 1}, 0, true},
		{sim.AddReplica{Service: 2, Node: 2}, sim.ReasonRange, false},
		{sim.AddReplica{Service: 0, Node: 1}, sim.ReasonValue, false}, // a DU is not an AI service
		{sim.AddReplica{Service: 2, Node: 1, Startup: -1}, sim.ReasonValue, false},
		{sim.RemoveReplica{Instance: 2}, sim.ReasonLastReplica, false}, // the only replica of service 2
		{sim.RemoveReplica{Instance: 0}, sim.ReasonLastReplica, false}, // the cell's DU
		{sim.RemoveReplica{Instance: 9}, sim.ReasonRange, false},
		{sim.SetShare{Node: 0, RAN: 2}, sim.ReasonValue, false},
		{sim.Migrate{Instance: 2, To: 0}, sim.ReasonSameNode, false},
	} {
		err := s.Check(tc.a)
		var re *sim.RejectError
		switch {
		case tc.ok && err != nil:
			t.Errorf("%#v: %v, want accepted", tc.a, err)
		case !tc.ok && (!errors.As(err, &re) || re.Reason != tc.want || re.Kind != tc.a.Kind() || !errors.Is(err, sim.ErrInfeasible)):
			t.Errorf("%#v: %v, want %v", tc.a, err, tc.want)
		}
	}
	// Two replicas of 4 GB fill node 1's 10 GB: the third is rejected for VRAM; one replica may then go.
	for k, want := range []error{nil, nil, sim.ErrInfeasible} {
		if err := s.Apply(sim.AddReplica{Service: 2, Node: 1}); !errors.Is(err, want) {
			t.Fatalf("replica %d: %v, want %v", k, err, want)
		}
	}
	if err := s.Apply(sim.RemoveReplica{Instance: 2}); err != nil {
		t.Fatal(err)
	}
	if err := s.Check(sim.RemoveReplica{Instance: 2}); err == nil {
		t.Error("removed twice")
	}
}

package sim_test

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// withEmpty returns oneNode(10, 8, 80) plus an empty node n1 (an unused partition).
func withEmpty() sim.Config {
	cfg := oneNode(10, 8, 80)
	cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: "n1"})
	return cfg
}

// TestReconfigure runs the two requests of TestNodeChanges (10 and 20 TFLOP at 0 on node 0, 5 TFLOP/s
// each) through a Reconfigure of nodes 0 and 1 at 1 s, and checks the completion times computed by
// hand and which node was down when.
func TestReconfigure(t *testing.T) {
	full := sim.NodeSpec{GPU: 10, CPU: 8, VRAMGB: 80}
	for _, tc := range []struct {
		name  string
		specs []sim.NodeSpec // new specs of nodes 0 and 1
		want  [2]float64     // completion times, s
		down  [2]bool        // whether nodes 0 and 1 are down at 1.25 s
	}{
		// Node 0 unchanged serves on: 2 and 3 s as without a change; node 1 is filled and down until 1.5.
		{"fill the empty node", []sim.NodeSpec{full, full}, [2]float64{2, 3}, [2]bool{false, true}},
		// Node 0 doubled after 0.5 s down (as the Resize case): 2 and 2.5 s; node 1 stays empty, untouched.
		{"grow node 0", []sim.NodeSpec{{GPU: 20, CPU: 8, VRAMGB: 80}, {}}, [2]float64{2, 2.5}, [2]bool{true, false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := withEmpty()
			cfg.Controllers = []sim.ControllerSpec{{Controller: &once{sim.Plan{sim.Reconfigure{Nodes: []int{0, 1}, Specs: tc.specs, Delay: 0.5}}}, Phase: 1, Period: 100}}
			var down [2]bool
			cfg.AfterEvent = func(s *sim.Sim) {
				if n := s.Snapshot(); n.Time >= 1 && n.Time < 1.5 {
					down = [2]bool{n.Nodes[0].Down, n.Nodes[1].Down}
				}
			}
			reqs := []sim.Request{
				{Class: sim.AI, Service: 2, Deadline: 100, AIWork: sim.Work{GPU: 10}, KVGB: 1},
				{Class: sim.AI, Service: 2, Deadline: 100, AIWork: sim.Work{GPU: 20}, KVGB: 1},
			}
			recs, st := simtest.Run(t, cfg, reqs)
			for _, r := range recs {
				if want := tc.want[r.ID]; !r.Finished || math.Abs(r.Finish-want) > 1e-9 {
					t.Errorf("request %d finished %v at %.12g, want %g", r.ID, r.Finished, r.Finish, want)
				}
			}
			if down != tc.down || st.Reconfigurations != 1 || st.ReconfigureNodeS != 0.5 || st.Rejected != 0 {
				t.Errorf("down %v (want %v), %d reconfigurations, %g node·s, %d rejected", down, tc.down, st.Reconfigurations, st.ReconfigureNodeS, st.Rejected)
			}
		})
	}
}

// TestReconfigureRejections checks Reconfigure's rules, that a rejected action changes nothing (all
// or none), and that an empty node takes no migration or replica.
func TestReconfigureRejections(t *testing.T) {
	cfg := withEmpty() // node 0: 2 GB resident (DU 1, AI 1), instances 0–2
	cfg.Source = aiLoad(1)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	full := sim.NodeSpec{GPU: 10, CPU: 8, VRAMGB: 80}
	for _, tc := range []struct {
		name string
		a    sim.Action
		want sim.Reason
	}{
		{"no nodes", sim.Reconfigure{}, sim.ReasonValue},
		{"lengths differ", sim.Reconfigure{Nodes: []int{0, 1}, Specs: []sim.NodeSpec{full}}, sim.ReasonValue},
		{"out of range", sim.Reconfigure{Nodes: []int{2}, Specs: []sim.NodeSpec{full}}, sim.ReasonRange},
		{"repeated", sim.Reconfigure{Nodes: []int{1, 1}, Specs: []sim.NodeSpec{full, full}}, sim.ReasonValue},
		{"negative delay", sim.Reconfigure{Nodes: []int{1}, Specs: []sim.NodeSpec{full}, Delay: -1}, sim.ReasonValue},
		{"NaN capacity", sim.Reconfigure{Nodes: []int{1}, Specs: []sim.NodeSpec{{GPU: math.NaN(), CPU: 1}}}, sim.ReasonValue},
		{"VRAM without compute", sim.Reconfigure{Nodes: []int{1}, Specs: []sim.NodeSpec{{VRAMGB: 5}}}, sim.ReasonValue},
		// Shrinking node 0 below its 2 GB of weights: the instances must be moved first. The valid
		// first item (fill node 1) is not applied either.
		{"shrink below the weights", sim.Reconfigure{Nodes: []int{1, 0}, Specs: []sim.NodeSpec{full, {GPU: 5, CPU: 4, VRAMGB: 1.5}}, Delay: 1}, sim.ReasonVRAM},
		{"empty with instances", sim.Reconfigure{Nodes: []int{1, 0}, Specs: []sim.NodeSpec{full, {}}, Delay: 1}, sim.ReasonVRAM},
		{"migrate to the empty node", sim.Migrate{Instance: 2, To: 1}, sim.ReasonUnavailable},
		{"replica on the empty node", sim.AddReplica{Service: 2, Node: 1}, sim.ReasonUnavailable},
	} {
		var re *sim.RejectError
		if err := s.Apply(tc.a); !errors.As(err, &re) || re.Reason != tc.want || re.Kind != tc.a.Kind() {
			t.Errorf("%s: %v, want %v/%v", tc.name, err, tc.a.Kind(), tc.want)
		}
	}
	if n := s.Snapshot().Nodes; n[1].Spec.GPU != 0 || n[1].Down || n[0].Spec.VRAMGB != 80 || n[0].Down {
		t.Fatalf("a rejected Reconfigure changed the nodes: %+v", n)
	}
	// Moving the instances away first makes the shrink feasible; a second reconfiguration of a node
	// still reconfiguring is refused.
	if err := s.Apply(sim.Reconfigure{Nodes: []int{1}, Specs: []sim.NodeSpec{full}}); err != nil {
		t.Fatal(err)
	}
	for _, a := range []sim.Action{sim.Migrate{Instance: 0, To: 1}, sim.Migrate{Instance: 2, To: 1},
		sim.Reconfigure{Nodes: []int{0}, Specs: []sim.NodeSpec{{GPU: 5, CPU: 4, VRAMGB: 1.5}}, Delay: 1}} {
		if err := s.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	var re *sim.RejectError
	if err := s.Check(sim.Reconfigure{Nodes: []int{0}, Specs: []sim.NodeSpec{full}, Delay: 1}); !errors.As(err, &re) || re.Reason != sim.ReasonUnavailable {
		t.Fatalf("reconfiguring a reconfiguring node: %v", err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestEmptyNodeConfig checks that an empty node is a valid configuration but may hold no instance at
// time 0, and that a node with VRAM but neither GPU nor CPU is refused.
func TestEmptyNodeConfig(t *testing.T) {
	cfg := withEmpty()
	cfg.Source = simtest.NewRequests(nil)
	if _, err := sim.New(cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Instances = append(cfg.Instances, sim.InstanceSpec{Service: 2, Node: 1})
	if _, err := sim.New(cfg); !errors.Is(err, sim.ErrConfig) || !strings.Contains(err.Error(), "node 1 (n1)") {
		t.Fatalf("instance on an empty node: %v", err)
	}
	cfg = withEmpty()
	cfg.Source = simtest.NewRequests(nil)
	cfg.Nodes[1].VRAMGB = 5
	if _, err := sim.New(cfg); !errors.Is(err, sim.ErrConfig) {
		t.Fatalf("VRAM without compute: %v", err)
	}
}

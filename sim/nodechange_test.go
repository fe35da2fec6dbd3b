package sim_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// once is a controller that returns plan at its first call only.
type once struct{ plan sim.Plan }

func (*once) Name() string { return "once" }

func (o *once) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	p := o.plan
	o.plan = nil
	return p, nil
}

// TestNodeChanges runs two AI requests of 10 and 20 TFLOP arriving at 0 on a 10 TFLOP/s node (one
// instance, R_s = 0.5 s, processor sharing: 5 TFLOP/s each, so at 1 s their residuals are 5 and 15)
// through run-time node changes, and checks the completion times computed by hand.
func TestNodeChanges(t *testing.T) {
	for _, tc := range []struct {
		name    string
		changes []sim.Change
		plan    sim.Plan // applied by a controller at 1 s (a) or 2 s (b)
		at      float64
		want    [2]float64 // completion times of the 10 and 20 TFLOP requests, s
	}{
		// No change: 10 TFLOP done at 2 s (5 each), then 10 left alone at 10: 3 s.
		{name: "none", want: [2]float64{2, 3}},
		// Fails at 1, recovers at 3, reloads until 3.5: 5 at 5 each → 4.5; 10 left alone → 5.5.
		{name: "fail and recover", changes: []sim.Change{{Time: 1, Kind: sim.NodeFail}, {Time: 3, Kind: sim.NodeRecover}},
			want: [2]float64{4.5, 5.5}},
		// Fails at 1 for good; a controller moves the instance to node 1 at 2 (R_s 0.5): 2.5 + 1 → 3.5, 4.5.
		{name: "fail and migrate away", changes: []sim.Change{{Time: 1, Kind: sim.NodeFail}},
			plan: sim.Plan{sim.Migrate{Instance: 2, To: 1}}, at: 2, want: [2]float64{3.5, 4.5}},
		// GPU doubled at 1: 5 at 10 each → 1.5; 10 left alone at 20 → 2.
		{name: "capacity", changes: []sim.Change{{Time: 1, Kind: sim.SetCapacity, GPU: 20, CPU: 8, VRAMGB: 80}},
			want: [2]float64{1.5, 2}},
		// Resize to 20 TFLOP/s at 1 with 0.5 s of reconfiguration: 1.5 + 0.5 → 2; 10 alone at 20 → 2.5.
		{name: "resize", plan: sim.Plan{sim.Resize{Node: 0, GPU: 20, CPU: 8, VRAMGB: 80, Delay: 0.5}}, at: 1,
			want: [2]float64{2, 2.5}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := oneNode(10, 8, 80)
			cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: "n1", GPU: 10, CPU: 8, VRAMGB: 80})
			cfg.Changes = tc.changes
			if tc.plan != nil {
				cfg.Controllers = []sim.ControllerSpec{{Controller: &once{tc.plan}, Phase: tc.at, Period: 100}}
			}
			cfg.Source = newGen(2, 1, func(i int, _ float64, _ *rand.Rand) (sim.Request, float64) {
				return sim.Request{Class: sim.AI, Service: 2, Deadline: 100, AIWork: sim.Work{GPU: 10 * float64(i+1)}, KVGB: 1}, 0
			})
			sink := &collect{}
			cfg.Sink = sink
			var fail error
			cfg.AfterEvent = func(s *sim.Sim) {
				if fail != nil {
					return
				}
				fail = s.CheckInvariants()
				if n := s.Snapshot().Nodes[0]; fail == nil && n.Down && n.KV != 0 {
					fail = errors.New("KV held on a node that is down")
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
			if len(sink.recs) != 2 || st.Rejected != 0 {
				t.Fatalf("%d records, %d rejected", len(sink.recs), st.Rejected)
			}
			for _, r := range sink.recs {
				if want := tc.want[r.ID]; !r.Finished || math.Abs(r.Finish-want) > 1e-9 {
					t.Errorf("request %d finished %v at %.12g, want %g", r.ID, r.Finished, r.Finish, want)
				}
			}
		})
	}
}

// TestChangeValidation checks that malformed scheduled changes are configuration errors.
func TestChangeValidation(t *testing.T) {
	for _, tc := range []struct {
		name string
		ch   []sim.Change
	}{
		{"negative time", []sim.Change{{Time: -1, Kind: sim.NodeFail}}},
		{"unknown kind", []sim.Change{{Time: 1}}},
		{"node out of range", []sim.Change{{Time: 1, Kind: sim.NodeFail, Node: 3}}},
		{"recover before failing", []sim.Change{{Time: 1, Kind: sim.NodeRecover}}},
		{"fail twice", []sim.Change{{Time: 2, Kind: sim.NodeFail}, {Time: 1, Kind: sim.NodeFail}}},
		{"no capacity", []sim.Change{{Time: 1, Kind: sim.SetCapacity, VRAMGB: 80}}},
		{"NaN capacity", []sim.Change{{Time: 1, Kind: sim.SetCapacity, GPU: math.NaN(), CPU: 1}}},
	} {
		cfg := oneNode(10, 8, 80)
		cfg.Source = aiLoad(1)
		cfg.Changes = tc.ch
		if _, err := sim.New(cfg); !errors.Is(err, sim.ErrConfig) {
			t.Errorf("%s: error %v, want a configuration error", tc.name, err)
		}
	}
}

// TestResizeRejections checks Resize's rules and that a SetCapacity below the held VRAM is counted.
func TestResizeRejections(t *testing.T) {
	cfg := oneNode(10, 8, 80) // 2 GB resident (DU 1, AI 1)
	cfg.Source = aiLoad(1)
	cfg.Changes = []sim.Change{{Time: 0.5, Kind: sim.SetCapacity, GPU: 10, CPU: 8, VRAMGB: 1}}
	cfg.Horizon, cfg.NoEarlyStop = 1, true
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		a    sim.Resize
		want sim.Reason
	}{
		{sim.Resize{Node: 1, GPU: 1, CPU: 1, VRAMGB: 1}, sim.ReasonRange},
		{sim.Resize{Node: 0, VRAMGB: 80}, sim.ReasonValue},
		{sim.Resize{Node: 0, GPU: 1, CPU: 1, VRAMGB: 80, Delay: -1}, sim.ReasonValue},
		{sim.Resize{Node: 0, GPU: 1, CPU: 1, VRAMGB: 1.5}, sim.ReasonVRAM},
	} {
		var re *sim.RejectError
		if err := s.Check(tc.a); !errors.As(err, &re) || re.Reason != tc.want {
			t.Errorf("%+v: %v, want %v", tc.a, err, tc.want)
		}
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Rejections[sim.KindResize][sim.ReasonVRAM] != 1 || s.Snapshot().Nodes[0].Spec.VRAMGB != 80 {
		t.Errorf("SetCapacity to 1 GB: rejections %v, VRAM %g", st.Rejections, s.Snapshot().Nodes[0].Spec.VRAMGB)
	}
}

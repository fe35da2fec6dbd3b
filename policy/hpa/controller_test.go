package hpa_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/hpa"
	"github.com/airansim/airansim/sim"
)

// phase is a constant Poisson arrival rate until a time.
type phase struct{ until, rate float64 } // s, requests/s

// poisson yields AI requests of service 0 (10 TFLOP, 0.1 GB of KV, deadline 5 s) with a piecewise
// constant rate; it draws from its own seeded stream.
type poisson struct {
	rng    *rand.Rand
	phases []phase
	t      float64
	id     int64
}

func (p *poisson) Next() (sim.Request, bool, error) {
	for len(p.phases) > 0 {
		ph := p.phases[0]
		t := p.t + p.rng.ExpFloat64()/ph.rate
		if t >= ph.until { // memoryless: restart at the boundary
			p.t, p.phases = ph.until, p.phases[1:]
			continue
		}
		p.t = t
		p.id++
		return sim.Request{ID: p.id, Class: sim.AI, Service: 0, Arrival: t, Deadline: 5,
			AIWork: sim.Work{GPU: 10}, KVGB: 0.1}, true, nil
	}
	return sim.Request{}, false, nil
}

type sink struct{ recs []sim.Record }

func (s *sink) Record(r sim.Record) { s.recs = append(s.recs, r) }

// scaleEvent is a change of the number of routable replicas, at a time, s.
type scaleEvent struct {
	t        float64
	replicas int
}

// runScaled runs (next to an idle cell on node 0) two 100 TFLOP/s nodes with 20 GB of VRAM, one small-AI service of 4 GB (R_s = 10 s)
// with one replica on node 0, under the k8s-hpa controller (defaults, at most 3 replicas) and a load of
// 4 req/s (40 % of a node) until 105 s, 12 req/s (120 %) until 390 s, 2 req/s (20 %) until 900 s
// (changes on the 15 s sync grid, so that each sync's window sees one rate).
func runScaled(t *testing.T, seed uint64) ([]sim.Record, sim.Stats, []scaleEvent) {
	t.Helper()
	s, out, events, fail := newScaled(t, seed, []int{0})
	st, err := s.Run(context.Background())
	if err != nil || *fail != nil {
		t.Fatal(err, *fail)
	}
	return out.recs, st, *events
}

// newScaled returns the engine of runScaled, not started, with the controller given services (nil:
// discovered), its sink, the scale events it will append to, and the first invariant violation.
func newScaled(t *testing.T, seed uint64, services []int) (*sim.Sim, *sink, *[]scaleEvent, *error) {
	t.Helper()
	ctl, err := hpa.NewController(hpa.ControllerOptions{Services: services, HPA: hpa.Options{MaxReplicas: 3}})
	if err != nil {
		t.Fatal(err)
	}
	out := &sink{}
	events := &[]scaleEvent{}
	fail := new(error)
	last := 1
	cfg := sim.Config{
		Nodes: []sim.NodeSpec{{Name: "n0", GPU: 100, CPU: 8, VRAMGB: 20}, {Name: "n1", GPU: 100, CPU: 8, VRAMGB: 20}},
		Services: []sim.ServiceSpec{{Name: "ai", Category: sim.SmallAI, WeightsGB: 4, ReconfigS: 10},
			{Name: "du", Category: sim.DU, WeightsGB: 1, ReconfigS: 1}, {Name: "cu", Category: sim.CUUP, ReconfigS: 1}},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 1, CU: 2}}, // idle: the AI requests only cross it
		Source: &poisson{rng: rand.New(rand.NewPCG(seed, 12)),
			phases: []phase{{105, 4}, {390, 12}, {900, 2}}},
		Allocator:   allocator.HAF{},
		Sink:        out,
		Controllers: []sim.ControllerSpec{ctl.Spec()},
		AfterEvent: func(s *sim.Sim) {
			if *fail != nil {
				return
			}
			if *fail = s.CheckInvariants(); *fail != nil {
				return
			}
			st := s.Stats()
			if n := 1 + st.Added - st.Removed; n != last {
				*events = append(*events, scaleEvent{s.Now(), n})
				last = n
			}
		},
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return s, out, events, fail
}

// TestControllerDiscoversServices: without Services, the controller scales the run's one AI service
// (not the DU and CU-UP services) exactly as with Services {0} (TestControllerScales' hand-computed
// events), and the replica it adds at 120 s is reconfiguring until 120 + R_s = 130 s, then active.
func TestControllerDiscoversServices(t *testing.T) {
	s, out, events, fail := newScaled(t, 1, nil)
	ctx := context.Background()
	state := func(at float64) (sim.InstanceState, float64) {
		t.Helper()
		if err := s.RunUntil(ctx, at); err != nil {
			t.Fatal(err)
		}
		snap := s.Snapshot()
		if len(snap.Instances) != 4 {
			t.Fatalf("at %g s: %d instances, want 3 + the added replica", at, len(snap.Instances))
		}
		in := snap.Instances[3]
		if in.Service != 0 || in.Node != 1 {
			t.Fatalf("at %g s: added replica of service %d on node %d, want service 0 on node 1", at, in.Service, in.Node)
		}
		return in.State, in.AvailableAt
	}
	if st, av := state(129.9); st != sim.StateStarting || av != 130 {
		t.Errorf("at 129.9 s: added replica %v, available at %g; want starting until 130", st, av)
	}
	if st, _ := state(130.1); st != sim.StateActive {
		t.Errorf("at 130.1 s: added replica %v, want active", st)
	}
	if _, err := s.Run(ctx); err != nil || *fail != nil {
		t.Fatal(err, *fail)
	}
	if want := []scaleEvent{{120, 2}, {690, 1}}; !reflect.DeepEqual(*events, want) {
		t.Errorf("scale events %v, want %v", *events, want)
	}
	for _, r := range out.recs {
		if !r.Finished {
			t.Fatalf("request %d unfinished", r.ID)
		}
	}
}

// TestControllerScales checks the controller in the engine, against the syncs at 15 s, 30 s, …:
//
//   - up at 120 s: the window (105, 120] saturates node 0, U = 100 %, r = 100/80 = 1.25, ⌈1.25⌉ = 2
//     (at 105 s the window held 40 %: r = 0.5, ⌈0.5⌉ = 1, no change);
//   - down at 690 s: the last proposal of 2 is at 390 s (window (375, 390] at 120 TFLOP/s over two
//     200 TFLOP/s replicas, U = 60 %, r = 0.75, ⌈1.5⌉ = 2); from 405 s, U ≈ 10 %, ⌈0.125 · 2⌉ = 1, held
//     at 2 by the 300 s window while 390 > t − 300, i.e. until t = 690 s;
//
// and invariants after every event, every request recorded once and finished, no rejected action,
// and the same seed giving identical records, statistics and scale events.
func TestControllerScales(t *testing.T) {
	recs, st, events := runScaled(t, 1)
	if want := []scaleEvent{{120, 2}, {690, 1}}; !reflect.DeepEqual(events, want) {
		t.Fatalf("scale events %v, want %v", events, want)
	}
	if st.Rejected != 0 {
		t.Errorf("rejected actions: %s", st.RejectionSummary())
	}
	seen := make(map[int64]bool, len(recs))
	for _, r := range recs {
		if seen[r.ID] || !r.Finished {
			t.Fatalf("request %d recorded twice or unfinished: %+v", r.ID, r)
		}
		seen[r.ID] = true
	}
	var n int
	for _, r := range recs {
		n = max(n, int(r.ID))
	}
	if len(recs) != n {
		t.Errorf("%d records for %d requests", len(recs), n)
	}
	recs2, st2, events2 := runScaled(t, 1)
	if !reflect.DeepEqual(recs, recs2) || !reflect.DeepEqual(st, st2) || !reflect.DeepEqual(events, events2) {
		t.Error("same seed, different outcome")
	}
}

// TestControllerOptionsErrors checks that NewController refuses bad options with ErrOptions.
func TestControllerOptionsErrors(t *testing.T) {
	for _, o := range []hpa.ControllerOptions{
		{HPA: hpa.Options{MinReplicas: 2, MaxReplicas: 1}}, // no services (discovered): options still checked
		{Services: []int{0, 0}},
		{Services: []int{-1}},
		{Services: []int{0}, Request: -1},
		{Services: []int{0}, Startup: math.NaN()},
		{Services: []int{0}, HPA: hpa.Options{MinReplicas: 2, MaxReplicas: 1}},
	} {
		if _, err := hpa.NewController(o); !errors.Is(err, hpa.ErrOptions) {
			t.Errorf("%+v: %v, want ErrOptions", o, err)
		}
	}
}

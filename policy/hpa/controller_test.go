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
	ctl, err := hpa.NewController(hpa.ControllerOptions{Services: []int{0}, HPA: hpa.Options{MaxReplicas: 3}})
	if err != nil {
		t.Fatal(err)
	}
	out := &sink{}
	var events []scaleEvent
	var fail error
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
			if fail != nil {
				return
			}
			if fail = s.CheckInvariants(); fail != nil {
				return
			}
			st := s.Stats()
			if n := 1 + st.Added - st.Removed; n != last {
				events = append(events, scaleEvent{s.Now(), n})
				last = n
			}
		},
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil || fail != nil {
		t.Fatal(err, fail)
	}
	return out.recs, st, events
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
		{},
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

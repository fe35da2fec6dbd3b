package hautoscale_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
	"github.com/airansim/airansim/traces/xapp"
)

type tee []sim.Sink

func (t tee) Record(r sim.Record) {
	for _, s := range t {
		s.Record(r)
	}
}

type keep struct{ recs []sim.Record }

func (k *keep) Record(r sim.Record) { k.recs = append(k.recs, r) }

// rampSource is 60 CPU-intensive xApps deployed 2 s apart, each sending for 200 s (1.67 % → 2.5 cores
// at the peak), and 3 KPM xApps deployed from 150 s sending to 900 s (0.07 cores: idle; placed on the
// newer replicas, so that draining those moves them), requests every 1 s.
func rampSource(t *testing.T, seed uint64) sim.Source {
	t.Helper()
	ramp, err := xapp.New(xapp.Options{Service: 2, Period: 1, Interval: 2, Lifetime: 200, Seed: seed,
		Deployments: []xapp.Deployment{{Tenant: "r1", Type: "cpu-intensive", N: 60}}})
	if err != nil {
		t.Fatal(err)
	}
	base, err := xapp.New(xapp.Options{Service: 2, Period: 1, Start: 150, Horizon: 750, FlowBase: 60, Seed: seed, Name: "base",
		Deployments: []xapp.Deployment{{Tenant: "r2", Type: "kpm", N: 3}}})
	if err != nil {
		t.Fatal(err)
	}
	return traces.Merge(ramp, base)
}

type result struct {
	recs   []sim.Record
	events []hautoscale.Event
	stats  sim.Stats
	reass  int
}

// runRamp runs the ramp on one RAN node and three 2-core RIC nodes (one replica at first, start-up
// 10 s) under hautoscale and Bull-and-Bear, checking after every event the engine's invariants and
// that 1 ≤ routable replicas ≤ 3.
func runRamp(t *testing.T, seed uint64) result {
	t.Helper()
	ctl, err := hautoscale.NewController(hautoscale.ControllerOptions{Service: 2, Startup: 10, Nodes: []int{1, 2, 3}})
	if err != nil {
		t.Fatal(err)
	}
	rt, err := bnb.New(bnb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	k := &keep{}
	cfg := sim.Config{
		Nodes: []sim.NodeSpec{{Name: "ran", GPU: 10, CPU: 8, VRAMGB: 10},
			{Name: "ric-0", CPU: 2}, {Name: "ric-1", CPU: 2}, {Name: "ric-2", CPU: 2}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "ric", Category: sim.SmallAI, ReconfigS: 5}},
		Instances:   []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 1}},
		Cells:       []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Source:      rampSource(t, seed),
		Allocator:   allocator.EqualShare{},
		Sink:        tee{k, ctl},
		Controllers: []sim.ControllerSpec{ctl.Spec(), rt.Spec()},
		Horizon:     900,
		NoEarlyStop: true,
	}
	var bad error
	cfg.AfterEvent = func(s *sim.Sim) {
		if bad != nil {
			return
		}
		if bad = s.CheckInvariants(); bad != nil {
			return
		}
		n := 0
		for _, in := range s.Snapshot().Instances {
			if in.Service == 2 && in.State != sim.StateDraining && in.State != sim.StateRetired {
				n++
			}
		}
		if n < 1 || n > 3 {
			bad = fmt.Errorf("%d routable replicas at t=%g", n, s.Now())
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if bad != nil {
		t.Fatal(bad)
	}
	return result{k.recs, ctl.Events(), st, rt.ReAssociations()}
}

// TestEngineRamp: through the ramp the controller scales up on CPU (to 3 replicas: the sticky flows
// keep the first replica loaded) and back down to 1 after the idle hold; every request ends exactly
// once, finished; the engine applies every action; the same seed gives the same records and events.
func TestEngineRamp(t *testing.T) {
	if testing.Short() {
		t.Skip("engine run")
	}
	a := runRamp(t, 1)
	n := 0
	for src := rampSource(t, 1); ; n++ {
		if _, ok, _ := src.Next(); !ok {
			break
		}
	}
	seen := make([]bool, n)
	for _, r := range a.recs {
		if r.ID < 0 || r.ID >= int64(n) || seen[r.ID] || !r.Finished {
			t.Fatalf("record %+v: out of range, repeated or unfinished", r)
		}
		seen[r.ID] = true
	}
	if len(a.recs) != n {
		t.Fatalf("%d records for %d requests", len(a.recs), n)
	}
	ups, downs, reps := 0, 0, 1
	for _, e := range a.events {
		switch e.Delta {
		case 1:
			ups++
			if e.Reason != "cpu" || e.CPU < 0.8 {
				t.Errorf("scale-up %+v: want a CPU ≥ 0.8 one", e)
			}
		case -1:
			downs++
			if e.Reason != "idle" || e.CPU > 0.1 {
				t.Errorf("scale-down %+v: want an idle one", e)
			}
		}
		reps += e.Delta
	}
	if ups != 2 || downs != 2 || reps != 1 {
		t.Errorf("%d ups, %d downs, %d replicas at the end; want 2, 2, 1 (events %+v)", ups, downs, reps, a.events)
	}
	if a.stats.Added != ups || a.stats.Removed != downs || a.stats.Rejected != 0 {
		t.Errorf("stats: added %d, removed %d, rejected %d", a.stats.Added, a.stats.Removed, a.stats.Rejected)
	}
	if a.reass == 0 {
		t.Error("no flow re-associated after a drain")
	}
	b := runRamp(t, 1)
	if !reflect.DeepEqual(a.recs, b.recs) || !reflect.DeepEqual(a.events, b.events) {
		t.Error("same seed, different runs")
	}
}

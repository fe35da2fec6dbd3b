package hautoscale_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/sim"
)

// TestCrashTicks: K = 2 ticks of 15 s on one 2-core replica. Demand 31/15 = 2.07 cores > 2 twice in
// a row crashes it at the second tick (OnCrash sees it); demand 29/15 = 1.93 with a 3 core-s backlog
// at 2 cores (1.5 s to drain > LMax 1 s) is overloaded too; an overloaded tick between two normal
// ones does not crash; a 0.6-core limit makes 10/15 = 0.67 cores an overload.
func TestCrashTicks(t *testing.T) {
	type tick struct{ work, backlog, alloc float64 }
	for _, c := range []struct {
		name  string
		limit float64
		ticks []tick
		want  []float64 // crash times
	}{
		{"cpu", 0, []tick{{31, 0, 2}, {31, 0, 2}, {1, 0, 2}}, []float64{30}},
		{"drain", 0, []tick{{29, 3, 2}, {29, 3, 2}}, []float64{30}},
		{"not consecutive", 0, []tick{{31, 0, 2}, {1, 0, 2}, {31, 0, 2}, {1, 0, 2}}, nil},
		{"limit", hautoscale.PaperLimit, []tick{{10, 0, 2}, {10, 0, 2}}, []float64{30}},
	} {
		var seen []int
		m, err := hautoscale.NewCrashModel(hautoscale.CrashOptions{Ticks: 2, Period: 15, Limit: c.limit, OnCrash: func(i int) { seen = append(seen, i) }})
		if err != nil {
			t.Fatal(err)
		}
		var got []float64
		for k, tk := range c.ticks {
			s := ric(15*float64(k+1), []int{0}, []float64{tk.work}, []float64{tk.backlog})
			s.Instances[0].CPUAlloc = tk.alloc
			p, _ := m.Decide(context.Background(), s, nil)
			if len(p) > 0 {
				if want := (sim.Plan{sim.Crash{Instance: 0, Restart: hautoscale.DefaultCrashRestart}}); !reflect.DeepEqual(p, want) {
					t.Errorf("%s: plan %v, want %v", c.name, p, want)
				}
				got = append(got, s.Time)
			}
		}
		if !reflect.DeepEqual(got, c.want) || len(seen) != len(c.want) || len(m.Crashes()) != len(c.want) {
			t.Errorf("%s: crashes at %v (OnCrash %v), want %v", c.name, got, seen, c.want)
		}
	}
	if _, err := hautoscale.NewCrashModel(hautoscale.CrashOptions{Ticks: -1}); !errors.Is(err, hautoscale.ErrOptions) {
		t.Errorf("ticks −1: %v", err)
	}
}

// TestCrashEngine: 60 CPU-intensive xApps (2.5 cores at the peak) on one 2-core RIC replica without
// scaling, the crash model (K = 3 ticks of 5 s) and Bull-and-Bear with a 2 s re-association delay:
// the replica crashes, its requests end dropped, its xApps reconnect (re-associations), every request
// ends exactly once with the engine's invariants holding after every event, and the same seed gives
// the same records.
func TestCrashEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("engine run")
	}
	run := func() ([]sim.Record, sim.Stats, int, int) {
		rt, err := bnb.New(bnb.Options{ReassocDelay: 2})
		if err != nil {
			t.Fatal(err)
		}
		m, err := hautoscale.NewCrashModel(hautoscale.CrashOptions{Service: 2, OnCrash: rt.Disconnect})
		if err != nil {
			t.Fatal(err)
		}
		k := &keep{}
		cfg := sim.Config{
			Nodes: []sim.NodeSpec{{Name: "ran", GPU: 10, CPU: 8, VRAMGB: 10}, {Name: "ric-0", CPU: 2}},
			Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
				{Name: "ric", Category: sim.SmallAI, ReconfigS: 5}},
			Instances:   []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 1}},
			Cells:       []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
			Source:      rampSource(t, 1),
			Allocator:   allocator.EqualShare{},
			Sink:        k,
			Controllers: []sim.ControllerSpec{m.Spec(), rt.Spec()},
			Horizon:     400,
			NoEarlyStop: true,
		}
		var bad error
		cfg.AfterEvent = func(s *sim.Sim) {
			if bad == nil {
				bad = s.CheckInvariants()
			}
		}
		s, err := sim.New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Run(context.Background())
		if err != nil || bad != nil {
			t.Fatal(err, bad)
		}
		return k.recs, st, len(m.Crashes()), rt.ReAssociations()
	}
	recs, st, crashes, reass := run()
	n := 0
	for src := rampSource(t, 1); ; n++ {
		if q, ok, _ := src.Next(); !ok || q.Arrival >= 400 {
			break
		}
	}
	seen := make([]bool, n)
	dropped := 0
	for _, r := range recs {
		if r.ID < 0 || r.ID >= int64(n) || seen[r.ID] {
			t.Fatalf("record %+v: out of range or repeated", r)
		}
		seen[r.ID] = true
		if r.Dropped {
			dropped++
		}
	}
	if len(recs) != n {
		t.Errorf("%d records for %d requests", len(recs), n)
	}
	if crashes == 0 || st.Crashes != crashes || st.Crashed == 0 || int64(dropped) != st.Crashed || reass == 0 {
		t.Errorf("%d crashes decided, %d applied, %d requests crashed (%d dropped records), %d re-associations",
			crashes, st.Crashes, st.Crashed, dropped, reass)
	}
	t.Logf("%d crashes, %d requests crashed of %d, %d re-associations", crashes, st.Crashed, n, reass)
	if recs2, _, _, _ := run(); !reflect.DeepEqual(recs, recs2) {
		t.Error("same seed, different records")
	}
}

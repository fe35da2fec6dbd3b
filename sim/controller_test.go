package sim_test

import (
	"context"
	"errors"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// probe records every call: the time, the controller's name, and its snapshot's window and counters.
type probe struct {
	name string
	log  *[]call
}

type call struct {
	name         string
	t, window    float64
	epoch        int
	arrived      int // Σ LastEpoch.Arrived over the instances
	sharedBefore bool
}

func (p *probe) Name() string { return p.name }

func (p *probe) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	n := 0
	for _, in := range s.Instances {
		n += in.LastEpoch.Arrived
	}
	*p.log = append(*p.log, call{name: p.name, t: s.Time, window: s.Window, epoch: s.Epoch, arrived: n,
		sharedBefore: s.Nodes[0].Partitioned})
	if p.name == "a" {
		return sim.Plan{sim.SetShare{Node: 0, RAN: 0.5}}, nil // visible to b at the same instant
	}
	return nil, nil
}

// TestControllersOwnPeriods runs two controllers, a every 1 s from 1 s and b every 1.5 s from 0.5 s,
// and checks the call times, the order at equal times (index order, a's plan applied before b
// decides), and that each sees the instance arrivals since its own previous call.
func TestControllersOwnPeriods(t *testing.T) {
	cfg := oneNode(100, 8, 80)
	// Arrivals every 0.1 s from 0.05 s: none on a call instant. A RAN-only request reaches the DU and
	// then the CU-UP (2 instance arrivals); an AI request its instance (1) after the transport delay 0.
	cfg.Source = newGen(50, 1, func(i int, _ float64, _ *rand.Rand) (sim.Request, float64) {
		if i%2 == 0 {
			return sim.Request{Class: sim.URLLC, Deadline: 1, DU: sim.Work{GPU: 0.001}, CU: sim.Work{CPU: 0.0001}}, 0.1
		}
		return sim.Request{Class: sim.AI, Service: 2, Deadline: 5, AIWork: sim.Work{GPU: 0.01}}, 0.1
	})
	var log []call
	cfg.Controllers = []sim.ControllerSpec{
		{Controller: &probe{"a", &log}, Period: 1},
		{Controller: &probe{"b", &log}, Period: 1.5, Phase: 0.5},
	}
	gen := cfg.Source.(*genSource)
	gen.t = 0.05
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 3.5); err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		t    float64
	}{{"b", 0.5}, {"a", 1}, {"a", 2}, {"b", 2}, {"a", 3}, {"b", 3.5}}
	if len(log) != len(want) {
		t.Fatalf("calls %+v, want %v", log, want)
	}
	last := map[string]float64{}
	calls := map[string]int{}
	for k, c := range log {
		if c.name != want[k].name || c.t != want[k].t {
			t.Fatalf("call %d: %s at %g, want %s at %g", k, c.name, c.t, want[k].name, want[k].t)
		}
		calls[c.name]++
		// Arrivals at 0.05 + 0.1 j in (last, t]: request j brings 2 instance arrivals when even, 1 when odd.
		wantN := 0
		for j := 0; j < 50; j++ {
			if a := 0.05 + 0.1*float64(j); a > last[c.name] && a < c.t {
				wantN += 2 - j%2
			}
		}
		if c.window != c.t-last[c.name] || c.epoch != calls[c.name] || c.arrived != wantN {
			t.Errorf("call %d (%s at %g): window %g, epoch %d, arrivals %d; want %g, %d, %d", k, c.name, c.t,
				c.window, c.epoch, c.arrived, c.t-last[c.name], calls[c.name], wantN)
		}
		last[c.name] = c.t
	}
	if log[3].sharedBefore != true || log[0].sharedBefore {
		t.Errorf("b at 2 s must see a's share applied, b at 0.5 s none: %+v", log)
	}
	if st := s.Stats(); st.Epochs != 6 {
		t.Errorf("%d controller calls counted, want 6", st.Epochs)
	}
}

// TestControllerConfigErrors checks that bad controller specifications are configuration errors.
func TestControllerConfigErrors(t *testing.T) {
	for _, spec := range []sim.ControllerSpec{
		{},
		{Controller: &probe{"a", nil}, Period: -1},
		{Controller: &probe{"a", nil}, Phase: -1},
	} {
		cfg := oneNode(100, 8, 80)
		cfg.Source = aiLoad(1)
		cfg.Controllers = []sim.ControllerSpec{spec}
		if _, err := sim.New(cfg); !errors.Is(err, sim.ErrConfig) {
			t.Errorf("%+v: error %v, want a configuration error", spec, err)
		}
	}
}

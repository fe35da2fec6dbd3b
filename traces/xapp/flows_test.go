package xapp_test

import (
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// TestNewFlowsSameAsNew: the deployments of New given as explicit flows with random phases give the
// same instances and the same requests, periodic and Poisson (one implementation).
func TestNewFlowsSameAsNew(t *testing.T) {
	for _, poi := range []bool{false, true} {
		o := xapp.Options{Service: 4, Period: 0.5, Interval: 3, Lifetime: 20, FlowBase: 7, Seed: 11, Poisson: poi,
			Deployments: []xapp.Deployment{{Tenant: "a", Type: "kpm", N: 2, Cell: 1}, {Tenant: "b", Type: "cpu-intensive", N: 2, Deadline: 0.4, Pinned: true, Node: 2}}}
		a, err := xapp.New(o)
		if err != nil {
			t.Fatal(err)
		}
		var fs []xapp.Flow
		for _, in := range a.Instances() {
			fs = append(fs, xapp.Flow{Service: in.Service, Cell: in.Cell, Class: in.Class, Deadline: in.Deadline, Work: in.Work,
				Period: in.Period, Start: in.Deployed, End: in.Removed, Phase: xapp.RandomPhase, Tenant: in.Tenant, Type: in.Type,
				Pinned: in.Pinned, Node: in.Node})
		}
		b, err := xapp.NewFlows(xapp.FlowsOptions{Flows: fs, Poisson: poi, FlowBase: 7, Seed: 11})
		if err != nil {
			t.Fatal(err)
		}
		ia, ib := a.Instances(), b.Instances()
		for k := range ia {
			if ia[k] != ib[k] {
				t.Fatalf("poisson %v, instance %d: %+v vs %+v", poi, k, ia[k], ib[k])
			}
		}
		ra, rb := all(t, a), all(t, b)
		if len(ra) == 0 || len(ra) != len(rb) {
			t.Fatalf("poisson %v: %d and %d requests", poi, len(ra), len(rb))
		}
		for k := range ra {
			if ra[k] != rb[k] {
				t.Fatalf("poisson %v, request %d: %+v vs %+v", poi, k, ra[k], rb[k])
			}
		}
	}
}

// TestNewFlowsHand: per-flow service, cell, deadline and window; a given phase; a class default
// deadline; a flow whose window is empty sends nothing.
func TestNewFlowsHand(t *testing.T) {
	src, err := xapp.NewFlows(xapp.FlowsOptions{Flows: []xapp.Flow{
		{Service: 3, Cell: 5, Class: xapp.DApp, Work: 0.001, Period: 0.01, Start: 1, End: 1.05, Phase: 0.002},
		{Service: 2, Cell: 0, Class: xapp.XApp, Deadline: 0.5, Work: 0.01, Period: 0.5, Start: 0, End: math.Inf(1), Phase: 0.25},
		{Service: 2, Class: xapp.RApp, Work: 1, Period: 10, Start: 2, End: 2.5, Phase: 0.5}, // first request at End: none
	}})
	if err != nil {
		t.Fatal(err)
	}
	var got []sim.Request
	for range 10 {
		r, ok, err := src.Next()
		if !ok || err != nil {
			t.Fatalf("request %d: ok %v, err %v", len(got), ok, err)
		}
		got = append(got, r)
	}
	// Flow 2 at 0.25, 0.75; flow 1 at 1.002, 1.012, …, 1.042 (5); flow 2 at 1.25, 1.75, 2.25.
	want := []struct {
		flow int
		at   float64
	}{{2, 0.25}, {2, 0.75}, {1, 1.002}, {1, 1.012}, {1, 1.022}, {1, 1.032}, {1, 1.042}, {2, 1.25}, {2, 1.75}, {2, 2.25}}
	for k, w := range want {
		r := got[k]
		if r.ID != int64(k) || r.Flow != w.flow || math.Abs(r.Arrival-w.at) > 1e-9 || r.Class != sim.AI {
			t.Fatalf("request %d: %+v, want flow %d at %g", k, r, w.flow, w.at)
		}
		switch w.flow {
		case 1:
			if r.Service != 3 || r.Cell != 5 || r.Deadline != 0.010 || r.AIWork.CPU != 0.001 {
				t.Fatalf("request %d: %+v", k, r)
			}
		case 2:
			if r.Service != 2 || r.Cell != 0 || r.Deadline != 0.5 || r.AIWork.CPU != 0.01 {
				t.Fatalf("request %d: %+v", k, r)
			}
		}
	}
	if in := src.Instances()[2]; in.Deadline != xapp.NoDeadline || in.Flow != 3 {
		t.Errorf("rApp instance %+v", in)
	}
}

func TestNewFlowsEmpty(t *testing.T) {
	src, err := xapp.NewFlows(xapp.FlowsOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(all(t, src)); n != 0 {
		t.Errorf("%d requests from no flow", n)
	}
}

func TestClassOf(t *testing.T) {
	for _, c := range []struct {
		d    float64
		want xapp.Class
	}{{0.001, xapp.DApp}, {0.010, xapp.DApp}, {0.011, xapp.XApp}, {1, xapp.XApp}, {1.5, xapp.RApp}, {10, xapp.RApp}} {
		if got := xapp.ClassOf(c.d); got != c.want {
			t.Errorf("ClassOf(%g) = %v, want %v", c.d, got, c.want)
		}
	}
	for _, c := range []xapp.Class{xapp.DApp, xapp.XApp} {
		if got := xapp.ClassOf(c.DefaultDeadline()); got != c {
			t.Errorf("ClassOf(%v's default deadline) = %v", c, got)
		}
	}
}

func TestNewFlowsErrors(t *testing.T) {
	ok := xapp.Flow{Work: 1, Period: 1, End: math.Inf(1)}
	mod := func(f func(*xapp.Flow)) []xapp.Flow { g := ok; f(&g); return []xapp.Flow{g} }
	for name, o := range map[string]xapp.FlowsOptions{
		"flow base": {FlowBase: -1, Flows: []xapp.Flow{ok}},
		"service":   {Flows: mod(func(f *xapp.Flow) { f.Service = -1 })},
		"cell":      {Flows: mod(func(f *xapp.Flow) { f.Cell = -1 })},
		"class":     {Flows: mod(func(f *xapp.Flow) { f.Class = 9 })},
		"deadline":  {Flows: mod(func(f *xapp.Flow) { f.Deadline = -1 })},
		"work":      {Flows: mod(func(f *xapp.Flow) { f.Work = 0 })},
		"period":    {Flows: mod(func(f *xapp.Flow) { f.Period = math.Inf(1) })},
		"start":     {Flows: mod(func(f *xapp.Flow) { f.Start = -1 })},
		"end":       {Flows: mod(func(f *xapp.Flow) { f.End = math.NaN() })},
		"phase":     {Flows: mod(func(f *xapp.Flow) { f.Phase = math.Inf(1) })},
	} {
		if _, err := xapp.NewFlows(o); !errors.Is(err, xapp.ErrOptions) {
			t.Errorf("%s: error %v, want ErrOptions", name, err)
		}
	}
}

package xapp_test

import (
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

func all(t *testing.T, s sim.Source) []sim.Request {
	t.Helper()
	var out []sim.Request
	for {
		r, ok, err := s.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return out
		}
		out = append(out, r)
	}
}

func TestDefaults(t *testing.T) {
	for _, c := range []struct {
		class xapp.Class
		want  float64
	}{{xapp.XApp, 1}, {xapp.DApp, 0.010}, {xapp.RApp, math.MaxFloat64}} {
		if got := c.class.DefaultDeadline(); got != c.want {
			t.Errorf("%v: deadline %g, want %g", c.class, got, c.want)
		}
		if p, ok := xapp.ParseClass(c.class.String()); !ok || p != c.class {
			t.Errorf("ParseClass(%q) = %v, %v", c.class, p, ok)
		}
	}
	// Loads: the paper's CPU share at the crash point / xApps × 2 cores.
	want := map[string]float64{"kpm": 2 * 0.91 / 80, "mac-rlc-pdcp": 2 * 0.75 / 45, "cpu-intensive": 2 * 0.73 / 35}
	for _, ty := range xapp.DefaultTypes() {
		if math.Abs(ty.Load-want[ty.Name]) > 1e-15 || ty.Class != xapp.XApp {
			t.Errorf("%s: load %g cores, class %v; want %g, xapp", ty.Name, ty.Load, ty.Class, want[ty.Name])
		}
	}
}

// TestPeriodicHand: two KPM instances, period 1 s, deployed at 0 and 10 s, horizon 25 s. Instance 1
// sends at φ1 + k (k = 0…24: 25 requests), instance 2 at 10 + φ2 + k (k = 0…14: 15), φ ∈ [0, 1); each
// request carries 0.02275 core-s and the xApp deadline 1 s.
func TestPeriodicHand(t *testing.T) {
	src, err := xapp.New(xapp.Options{Service: 2, Period: 1, Interval: 10, Horizon: 25, Seed: 3,
		Deployments: []xapp.Deployment{{Tenant: "r1", Type: "kpm", N: 2, Cell: 1}}})
	if err != nil {
		t.Fatal(err)
	}
	rs := all(t, src)
	if len(rs) != 40 {
		t.Fatalf("%d requests, want 40", len(rs))
	}
	last := map[int]float64{}
	count := map[int]int{}
	for i, r := range rs {
		if r.ID != int64(i) || r.Class != sim.AI || r.Service != 2 || r.Cell != 1 || r.Deadline != 1 ||
			r.AIWork != (sim.Work{CPU: 2 * 0.91 / 80}) || r.KVGB != 0 {
			t.Fatalf("request %d: %+v", i, r)
		}
		if i > 0 && r.Arrival < rs[i-1].Arrival {
			t.Fatalf("request %d arrives at %g before %g", i, r.Arrival, rs[i-1].Arrival)
		}
		if p, ok := last[r.Flow]; ok && math.Abs(r.Arrival-p-1) > 1e-9 {
			t.Fatalf("flow %d: gap %g, want 1", r.Flow, r.Arrival-p)
		}
		deployed := float64(10 * (r.Flow - 1))
		if _, ok := last[r.Flow]; !ok && (r.Arrival < deployed || r.Arrival >= deployed+1) {
			t.Fatalf("flow %d: first request at %g, want in [%g, %g)", r.Flow, r.Arrival, deployed, deployed+1)
		}
		last[r.Flow] = r.Arrival
		count[r.Flow]++
	}
	if count[1] != 25 || count[2] != 15 {
		t.Errorf("requests per flow %v, want 25 and 15", count)
	}
}

// TestDeployments: deadlines from the tenant or the class, pins and flows in deployment order.
func TestDeployments(t *testing.T) {
	types := []xapp.Type{{Name: "d", Class: xapp.DApp, Load: 0.1}, {Name: "r", Class: xapp.RApp, Load: 0.1, Period: 2}}
	src, err := xapp.New(xapp.Options{Types: types, Horizon: 1, Deployments: []xapp.Deployment{
		{Tenant: "a", Type: "d", N: 1, Pinned: true, Node: 3},
		{Tenant: "b", Type: "r", N: 2},
		{Tenant: "c", Type: "r", N: 1, Deadline: 10},
	}})
	if err != nil {
		t.Fatal(err)
	}
	inf := math.Inf(1)
	want := []xapp.Instance{
		{Flow: 1, Tenant: "a", Type: "d", Class: xapp.DApp, Deadline: 0.01, Work: 0.01, Period: 0.1, Removed: inf, Pinned: true, Node: 3},
		{Flow: 2, Tenant: "b", Type: "r", Class: xapp.RApp, Deadline: xapp.NoDeadline, Work: 0.2, Period: 2, Deployed: 5, Removed: inf},
		{Flow: 3, Tenant: "b", Type: "r", Class: xapp.RApp, Deadline: xapp.NoDeadline, Work: 0.2, Period: 2, Deployed: 10, Removed: inf},
		{Flow: 4, Tenant: "c", Type: "r", Class: xapp.RApp, Deadline: 10, Work: 0.2, Period: 2, Deployed: 15, Removed: inf},
	}
	got := src.Instances()
	for i := range want {
		if math.Abs(got[i].Work-want[i].Work) > 1e-15 {
			t.Errorf("instance %d: work %g, want %g", i, got[i].Work, want[i].Work)
		}
		got[i].Work = want[i].Work
		if got[i] != want[i] {
			t.Errorf("instance %d: %+v\nwant %+v", i, got[i], want[i])
		}
	}
	// Horizon 1 s: only flow 1 (deployed at 0, period 0.1) sends: 10 requests.
	if n := len(all(t, src)); n != 10 {
		t.Errorf("%d requests before the horizon, want 10", n)
	}
}

// TestPoisson: one instance with mean period 0.1 s over 1000 s gives 10,000 ± 3σ (σ = 100) requests;
// the same seed gives the same stream, another seed another one.
func TestPoisson(t *testing.T) {
	mk := func(seed uint64) []sim.Request {
		src, err := xapp.New(xapp.Options{Poisson: true, Horizon: 1000, Seed: seed,
			Deployments: []xapp.Deployment{{Tenant: "r", Type: "kpm", N: 1}}})
		if err != nil {
			t.Fatal(err)
		}
		return all(t, src)
	}
	a, b, c := mk(1), mk(1), mk(2)
	if n := len(a); n < 9700 || n > 10300 {
		t.Errorf("%d requests, want 10000 ± 300", n)
	}
	if len(a) != len(b) || a[len(a)-1] != b[len(b)-1] {
		t.Error("same seed, different streams")
	}
	if a[0] == c[0] {
		t.Error("different seeds, same first request")
	}
}

func TestFork(t *testing.T) {
	src, err := xapp.New(xapp.Options{Poisson: true, Horizon: 50, Seed: 9,
		Deployments: []xapp.Deployment{{Tenant: "r", Type: "kpm", N: 3}, {Tenant: "s", Type: "cpu-intensive", N: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	for range 100 {
		src.Next()
	}
	f, err := src.Fork()
	if err != nil {
		t.Fatal(err)
	}
	a, b := all(t, src), all(t, f)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("%d and %d requests after the fork", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("request %d differs: %+v vs %+v", i, a[i], b[i])
		}
	}
}

func TestOptionsErrors(t *testing.T) {
	ok := []xapp.Deployment{{Tenant: "r", Type: "kpm", N: 1}}
	for name, o := range map[string]xapp.Options{
		"no deployment":   {},
		"service":         {Service: -1, Deployments: ok},
		"flow base":       {FlowBase: -1, Deployments: ok},
		"period":          {Period: -1, Deployments: ok},
		"interval":        {Interval: math.Inf(1), Deployments: ok},
		"horizon":         {Horizon: -1, Deployments: ok},
		"unknown type":    {Deployments: []xapp.Deployment{{Tenant: "r", Type: "x", N: 1}}},
		"unknown tenant":  {Deployments: []xapp.Deployment{{Type: "kpm", N: 1}}},
		"zero instances":  {Deployments: []xapp.Deployment{{Tenant: "r", Type: "kpm"}}},
		"deadline":        {Deployments: []xapp.Deployment{{Tenant: "r", Type: "kpm", N: 1, Deadline: -1}}},
		"repeated type":   {Types: []xapp.Type{{Name: "a", Load: 1}, {Name: "a", Load: 1}}, Deployments: ok},
		"zero load":       {Types: []xapp.Type{{Name: "kpm"}}, Deployments: ok},
		"bad class":       {Types: []xapp.Type{{Name: "kpm", Load: 1, Class: 7}}, Deployments: ok},
		"negative period": {Types: []xapp.Type{{Name: "kpm", Load: 1, Period: -1}}, Deployments: ok},
	} {
		if _, err := xapp.New(o); !errors.Is(err, xapp.ErrOptions) {
			t.Errorf("%s: error %v, want ErrOptions", name, err)
		}
	}
}

// TestLifetime: period 1 s, lifetime 3.5 s, interval 10 s: each of two instances sends 4 requests
// (phase φ, φ+1, φ+2, φ+3 < 3.5 only when φ < 0.5; else 3), all before 13.5 s.
func TestLifetime(t *testing.T) {
	src, err := xapp.New(xapp.Options{Period: 1, Interval: 10, Lifetime: 3.5, Seed: 5,
		Deployments: []xapp.Deployment{{Tenant: "r", Type: "kpm", N: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	rs := all(t, src)
	n := map[int]int{}
	first := map[int]float64{}
	for _, r := range rs {
		if _, ok := first[r.Flow]; !ok {
			first[r.Flow] = r.Arrival - float64(10*(r.Flow-1))
		}
		n[r.Flow]++
	}
	for f := 1; f <= 2; f++ {
		want := 3
		if first[f] < 0.5 {
			want = 4
		}
		if n[f] != want {
			t.Errorf("flow %d (phase %g): %d requests, want %d", f, first[f], n[f], want)
		}
	}
}

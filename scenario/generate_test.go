package scenario_test

import (
	"errors"
	"reflect"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

func TestGenerateCounts(t *testing.T) {
	for _, tc := range []struct {
		o                                 scenario.GenerateOptions
		nodes, cells, large, small, reqs1 int
	}{
		{scenario.GenerateOptions{}, 6, 6, 2, 4, 20000},
		{scenario.GenerateOptions{Sites: 10}, 60, 60, 20, 40, 200000},
		{scenario.GenerateOptions{Sites: 3, CellsPerSite: 1}, 18, 3, 6, 12, 10000},
		{scenario.GenerateOptions{Sites: 50, CellsPerSite: 12, RequestsAtLoad1: 5000}, 300, 600, 100, 200, 5000},
		{scenario.GenerateOptions{Sites: 83, CellsPerSite: 36}, 498, 2988, 166, 332, 9960000},
	} {
		s, err := scenario.Generate(tc.o)
		if err != nil {
			t.Fatalf("%+v: %v", tc.o, err)
		}
		cats := map[string]int{}
		for _, sv := range s.Services {
			cats[sv.Category]++
		}
		got := []int{len(s.Nodes), len(s.Cells), cats["du"], cats["cu-up"], cats["large-ai"], cats["small-ai"], s.Workload.RequestsAtLoad1}
		want := []int{tc.nodes, tc.cells, tc.cells, tc.cells, tc.large, tc.small, tc.reqs1}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: nodes, cells, du, cu-up, large, small, requests = %v, want %v", tc.o, got, want)
		}
	}
}

func TestGenerateErrors(t *testing.T) {
	for _, o := range []scenario.GenerateOptions{
		{Sites: -1}, {CellsPerSite: -2}, {RequestsAtLoad1: -1}, {Sites: 84}, {Sites: 10, CellsPerSite: 301},
	} {
		if _, err := scenario.Generate(o); !errors.Is(err, scenario.ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", o, err)
		}
	}
}

// TestGeneratePaperUnit checks that one site of six cells is the paper's scenario under site-prefixed names.
func TestGeneratePaperUnit(t *testing.T) {
	g, err := scenario.Generate(scenario.GenerateOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := scenario.Default()
	if len(g.Nodes) != len(p.Nodes) || len(g.Services) != len(p.Services) || len(g.Cells) != len(p.Cells) {
		t.Fatalf("sizes differ from the paper's")
	}
	for i, n := range p.Nodes {
		n.Name = "s0-" + n.Name
		if g.Nodes[i] != n {
			t.Errorf("node %d = %+v, want %+v", i, g.Nodes[i], n)
		}
	}
	for i, sv := range p.Services {
		gs := g.Services[i]
		if gs.Name != "s0-"+sv.Name || gs.Category != sv.Category || gs.WeightsGB != sv.WeightsGB || len(gs.Nodes) != 1 || gs.Nodes[0] != "s0-"+sv.Nodes[0] {
			t.Errorf("service %d = %+v, want %+v prefixed", i, gs, sv)
		}
	}
	for i, c := range p.Cells {
		if want := (scenario.Cell{Name: "s0-" + c.Name, DU: "s0-" + c.DU, CUUP: "s0-" + c.CUUP}); g.Cells[i] != want {
			t.Errorf("cell %d = %+v, want %+v", i, g.Cells[i], want)
		}
	}
	pw, gw := p.Workload, g.Workload
	if !reflect.DeepEqual(pw, gw) {
		t.Errorf("workload = %+v, want the paper's %+v", gw, pw)
	}
}

func TestGenerateDeterministic(t *testing.T) {
	o := scenario.GenerateOptions{Sites: 7, CellsPerSite: 9}
	a, err := scenario.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := scenario.Generate(o)
	if !reflect.DeepEqual(a, b) {
		t.Error("two calls differ")
	}
}

// TestGenerateRuns builds generated scenarios at ρ = 1 and runs a few hundred requests through the
// engine with the HAF allocator, checking the invariants after every event.
func TestGenerateRuns(t *testing.T) {
	for _, o := range []scenario.GenerateOptions{
		{Sites: 1, CellsPerSite: 1},
		{},
		{Sites: 17, CellsPerSite: 36}, // 102 nodes, 612 cells
		{Sites: 83, CellsPerSite: 36}, // 498 nodes, 2988 cells
	} {
		s, err := scenario.Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		n := 300
		b, err := s.Build(scenario.BuildOptions{Requests: n, Seed: 1})
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		if b.Rho < 0.99 || b.Rho > 1.01 {
			t.Errorf("%+v: ρ = %v, want 1", o, b.Rho)
		}
		var reqs []sim.Request
		for {
			r, ok, err := b.Config.Source.Next()
			if err != nil {
				t.Fatal(err)
			}
			if !ok {
				break
			}
			reqs = append(reqs, r)
		}
		if len(reqs) != n {
			t.Fatalf("%+v: %d requests, want %d", o, len(reqs), n)
		}
		cfg := b.Config
		cfg.Allocator = allocator.HAF{}
		recs, st := simtest.Run(t, cfg, reqs)
		if len(recs) != n || st.Events == 0 {
			t.Errorf("%+v: %d records, %d events", o, len(recs), st.Events)
		}
		b.Close()
	}
}

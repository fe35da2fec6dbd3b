package search_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// sliceSource replays a fixed request list; it forks by copying its position.
type sliceSource struct {
	rs []sim.Request
	i  int
}

func (s *sliceSource) Next() (sim.Request, bool, error) {
	if s.i >= len(s.rs) {
		return sim.Request{}, false, nil
	}
	s.i++
	return s.rs[s.i-1], true, nil
}

func (s *sliceSource) Fork() (sim.Source, error) { c := *s; return &c, nil }

// tiny is a three-node, one-cell configuration with an overloaded LLM sharing node 0 with the DU and
// a small model: four instances (81 placements) and, with Δ = 5 s, three epochs (5, 10, 15 s).
func tiny(seed uint64) sim.Config {
	r := rand.New(rand.NewPCG(seed, 7))
	var rs []sim.Request
	for t := 0.0; t < 14; t += r.ExpFloat64() / 14 {
		q := sim.Request{ID: int64(len(rs)), Cell: 0, Arrival: t}
		switch u := r.Float64(); {
		case u < 0.3:
			q.Class, q.Deadline, q.DU, q.CU = sim.URLLC, 1e-3, sim.Work{GPU: 0.01}, sim.Work{CPU: 5e-5}
		case u < 0.7:
			q.Class, q.Service, q.Deadline = sim.AI, 2, 0.4+r.Float64()
			q.AIWork, q.KVGB = sim.Work{GPU: 10 + 20*r.Float64(), CPU: 1e-3}, 0.5
		default:
			q.Class, q.Service, q.Deadline = sim.AI, 3, 0.2+0.3*r.Float64()
			q.AIWork, q.KVGB = sim.Work{GPU: 2 + 4*r.Float64(), CPU: 1e-3}, 0.05
		}
		rs = append(rs, q)
	}
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "a", GPU: 100, VRAMGB: 40, CPU: 8}, {Name: "b", GPU: 100, VRAMGB: 40, CPU: 8},
			{Name: "c", GPU: 30, VRAMGB: 24, CPU: 16}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05}, {Name: "llm", Category: sim.LargeAI, WeightsGB: 20, ReconfigS: 2},
			{Name: "small", Category: sim.SmallAI, WeightsGB: 0.5, ReconfigS: 0.2}},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 2}, {Service: 2, Node: 0}, {Service: 3, Node: 0}},
		Cells:     []sim.CellSpec{{Name: "cell", DU: 0, CU: 1}},
		Drain:     2, Source: &sliceSource{rs: rs}, Allocator: allocator.HAF{},
	}
}

// paper builds the paper scenario with n requests, HAF's allocator and no controllers.
func paper(t *testing.T, n int, seed uint64) (sim.Config, float64) {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Requests: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	b.Config.Allocator = allocator.HAF{}
	return b.Config, b.Epoch
}

// records collects every record.
type records []sim.Record

func (r *records) Record(x sim.Record) { *r = append(*r, x) }

// runMethod runs the registered method on a fresh build of the paper scenario and returns its
// records and met count (independently of package search).
func runMethod(t *testing.T, method string, n int, seed uint64) (records, int64) {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Requests: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	m, err := policy.Default().New(method, policy.Options{Seed: seed, Interval: b.Epoch})
	if err != nil {
		t.Fatal(err)
	}
	var rec records
	var sum metrics.Summary
	b.Config.Controllers, b.Config.Allocator, b.Config.Sink = m.Controllers, m.Allocator, tee{&rec, &sum}
	s, err := sim.New(b.Config)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rec, sum.Counts(metrics.Overall).Met
}

type tee [2]sim.Sink

func (t tee) Record(r sim.Record) { t[0].Record(r); t[1].Record(r) }

package sim_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/internal/cputime"
	"github.com/airansim/airansim/sim"
)

// mm1Source is a Source of n AI requests of one small-AI service: Poisson arrivals at rate rho and
// exponential GPU work of mean 1 TFLOP, drawn from one PCG stream like bareMM1.
type mm1Source struct {
	n, i int
	rho  float64
	t    float64
	rng  *rand.Rand
}

func (m *mm1Source) Next() (sim.Request, bool, error) {
	var r sim.Request
	ok, err := m.NextInto(&r)
	return r, ok, err
}

// NextInto implements sim.SourceFiller, as a trace reader would: the engine reads through it.
func (m *mm1Source) NextInto(r *sim.Request) (bool, error) {
	if m.i >= m.n {
		return false, nil
	}
	*r = sim.Request{ID: int64(m.i), Class: sim.AI, Service: 2, Arrival: m.t, Deadline: 1e9,
		AIWork: sim.Work{GPU: m.rng.ExpFloat64()}}
	m.t += m.rng.ExpFloat64() / m.rho
	m.i++
	return true, nil
}

// mm1Config is one M/M/1-PS queue through the public API: node "ai" (1 TFLOP/s) hosts one small-AI
// instance and nothing else, and the Round-Robin baseline's allocator (allocator.EqualShare) gives it the
// whole node while it has work; the cell the requests come from has its DU and CU-UP on node "ran",
// which no request uses. No controllers, records discarded.
func mm1Config(n int, rho float64, seed uint64) sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "ran", GPU: 1, CPU: 1, VRAMGB: 100}, {Name: "ai", GPU: 1, CPU: 1, VRAMGB: 100}},
		Services: []sim.ServiceSpec{
			{Name: "du0", Category: sim.DU, WeightsGB: 1},
			{Name: "cu0", Category: sim.CUUP},
			{Name: "ai", Category: sim.SmallAI, WeightsGB: 1},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 1}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: allocator.EqualShare{},
		Source:    &mm1Source{n: n, rho: rho, rng: rand.New(rand.NewPCG(seed, 1))},
	}
}

// BenchmarkEngineMM1 runs one M/M/1-PS queue at ρ = 0.7 through the public sim API (mm1Config,
// 100,000 requests, workload generation included) and reports requests and events per second.
// Compare requests/s with BenchmarkBareMM1.
func BenchmarkEngineMM1(b *testing.B) {
	var reqs, events int64
	c0 := cputime.Now()
	for b.Loop() {
		s, err := sim.New(mm1Config(mm1Requests, 0.7, 1))
		if err != nil {
			b.Fatal(err)
		}
		st, err := s.Run(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if st.Ended != mm1Requests {
			b.Fatalf("%d requests ended, want %d", st.Ended, mm1Requests)
		}
		reqs += st.Ended
		events += st.Events
	}
	b.ReportMetric(float64(reqs)/b.Elapsed().Seconds(), "requests/s")
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(events)/float64(b.N), "events/op")
	cputime.Report(b, float64(reqs), cputime.Now()-c0, "requests/cpu-s")
}

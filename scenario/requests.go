package scenario

import (
	"math"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// requestTrace opens o.RequestTrace, a generic request trace (docs/traces.md) that replaces the
// whole workload: AI and RAN-only requests are replayed as given, with no load scaling (ρ is then
// unknown and reported as NaN). Service and cell names resolve against the scenario; AI rows without
// explicit work cost their tokens with the run's cost model, RAN rows without work take the
// scenario's URLLC/eMBB work.
func (s *Scenario) requestTrace(o BuildOptions, cost traces.CostModel, b *Built) (sim.Source, error) {
	urllc, embb := traces.DefaultRANClasses()
	if w := s.Workload.URLLC; w != nil {
		urllc = w.class()
	}
	if w := s.Workload.EMBB; w != nil {
		embb = w.class()
	}
	res := traces.Resolver{
		Service: index(b.Services),
		Cell:    index(b.Cells),
		Cost: func(svc, prompt, output int) (sim.Work, float64) {
			p, err := cost.Params(b.Config.Services[svc].Category)
			if err != nil {
				return sim.Work{}, 0 // not an AI service: the engine rejects the request by name
			}
			return p.Cost(prompt, output)
		},
		RANWork: func(c sim.Class) (du, cu sim.Work) {
			if c == sim.EMBB {
				return embb.DU, embb.CU
			}
			return urllc.DU, urllc.CU
		},
	}
	src, err := traces.OpenGeneric(o.RequestTrace, res)
	if err != nil {
		return nil, err
	}
	b.closers = append(b.closers, src)
	b.Rho, b.Factor = math.NaN(), 1
	return src, nil
}

// index returns a lookup of names to their positions.
func index(names []string) func(string) (int, bool) {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return func(n string) (int, bool) { i, ok := m[n]; return i, ok }
}

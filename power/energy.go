package power

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// RunEnergy returns the energy of every node of a run over [0, t], J, and their sum: models[n].Energy
// of s.Usage(n, t) (t ≥ s.Now(); capped to the end of an ended run, so pass Stats().End). It fails if
// models does not hold one model per node.
func RunEnergy(s *sim.Sim, models []Model, t float64) (perNode []float64, total float64, err error) {
	if len(models) != s.NumNodes() {
		return nil, 0, fmt.Errorf("power: %d models for %d nodes", len(models), s.NumNodes())
	}
	if s.Done() {
		t = min(t, s.Stats().End)
	}
	perNode = make([]float64, len(models))
	for n, m := range models {
		perNode[n] = m.Energy(s.Usage(n, t), t)
		total += perNode[n]
	}
	return perNode, total, nil
}

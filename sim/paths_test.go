package sim_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// topoFunc is a Topology given by two functions.
type topoFunc struct{ delay, rate func(a, b int) float64 }

func (f topoFunc) Delay(a, b int) float64 { return f.delay(a, b) }
func (f topoFunc) Rate(a, b int) float64  { return f.rate(a, b) }

// TestTopologyValidation checks that New rejects topologies that break the Topology contract, naming
// the node pair and the rule.
func TestTopologyValidation(t *testing.T) {
	mesh := sim.FullMesh{HopDelay: 1e-3}
	for _, tc := range []struct {
		name string
		topo sim.Topology
		want string
	}{
		{"negative delay", sim.FullMesh{HopDelay: -1}, "delay from node 0 (n0) to node 1 (n1) is -1 s: must be finite and ≥ 0"},
		{"NaN delay", topoFunc{func(a, b int) float64 { return math.NaN() }, mesh.Rate}, "delay from node 0 (n0) to node 0 (n0) is NaN s"},
		{"self delay", topoFunc{func(a, b int) float64 { return 1 }, mesh.Rate}, "delay from node 0 (n0) to itself is 1 s: must be 0"},
		{"zero rate", topoFunc{mesh.Delay, func(a, b int) float64 { return float64(a) }}, "rate from node 0 (n0) to node 0 (n0) is 0 Gb/s: must be > 0"},
		{"NaN rate", topoFunc{mesh.Delay, func(a, b int) float64 { return math.NaN() }}, "is NaN Gb/s"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := twoNodes()
			cfg.Source = aiLoad(1)
			cfg.Topology = tc.topo
			_, err := sim.New(cfg)
			if !errors.Is(err, sim.ErrConfig) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want ErrConfig containing %q", err, tc.want)
			}
		})
	}
}

// TestFullMeshDefault checks that a nil Topology is the full mesh of HopDelay (0 on the diagonal).
func TestFullMeshDefault(t *testing.T) {
	cfg := twoNodes()
	cfg.Source = aiLoad(0)
	cfg.HopDelay = 3e-4
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if snap.Delay(0, 0) != 0 || snap.Delay(1, 1) != 0 || snap.Delay(0, 1) != 3e-4 || snap.Delay(1, 0) != 3e-4 ||
		!math.IsInf(snap.Rate(0, 1), 1) || snap.Paths.Len() != 2 {
		t.Errorf("default topology: delays %g %g %g %g, rate %g", snap.Delay(0, 0), snap.Delay(0, 1), snap.Delay(1, 0), snap.Delay(1, 1), snap.Rate(0, 1))
	}
}

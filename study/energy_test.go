package study_test

import (
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
)

// metCount counts the met requests from the records.
type metCount struct{ met int64 }

func (m *metCount) Record(r sim.Record) {
	if r.Met() {
		m.met++
	}
}

// TestEnergyColumns: energy_j lies between the cluster's idle and full power over the run (and above
// idle: the run served work), and energy_per_met_j is energy_j over the met requests of the records.
// power's tests check the energy itself against hand computations.
func TestEnergyColumns(t *testing.T) {
	var mc metCount
	sc := scenario.Default()
	r, err := study.Run(context.Background(), study.Spec{Scenario: sc, Method: "haf-static", Seed: 3, Requests: 400, Sink: &mc})
	if err != nil {
		t.Fatal(err)
	}
	idle, full := 0.0, 0.0
	for _, n := range sc.Nodes {
		m := power.Default.For(sim.NodeSpec{GPU: n.GPU, CPU: n.CPUCores})
		idle += m.IdleW()
		full += m.MaxW()
	}
	if !(r.EnergyJ > idle*r.SimEndS && r.EnergyJ < full*r.SimEndS) {
		t.Errorf("energy %g J over %g s: want in (%g, %g) J, idle and full power", r.EnergyJ, r.SimEndS, idle*r.SimEndS, full*r.SimEndS)
	}
	if want := r.EnergyJ / float64(mc.met); mc.met == 0 || math.Abs(float64(r.EnergyPerMetJ)-want) > 1e-12*want {
		t.Errorf("energy per met request %v J, want %v J (%d met)", r.EnergyPerMetJ, want, mc.met)
	}
}

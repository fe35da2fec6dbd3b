package sim_test

import (
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
)

// TestDelayedMigrate checks delayed migrations: one decided at 1 s with Delay 0.3 starts at exactly
// 1.3 s (the AI instance reconfigures until 1.3 + R_s = 1.8 s); one whose landing is past the fixed
// horizon, and one with a negative or NaN Delay, are rejected at once with their reasons.
func TestDelayedMigrate(t *testing.T) {
	cfg := twoNodes()
	cfg.Source = aiLoad(100)
	cfg.Horizon = 5
	cfg.Controllers = []sim.ControllerSpec{{Controller: &once{sim.Plan{
		sim.Migrate{Instance: 2, To: 1, Delay: 0.3},
		sim.Migrate{Instance: 0, To: 1, Delay: 10},
		sim.Migrate{Instance: 1, To: 1, Delay: -1},
		sim.Migrate{Instance: 1, To: 1, Delay: math.NaN()},
	}}, Period: 1}}
	var started float64 = -1
	cfg.AfterEvent = func(s *sim.Sim) {
		if in := s.Snapshot().Instances[2]; started < 0 && in.Node == 1 {
			started = s.Now()
			if !in.Reconfiguring || in.AvailableAt != 1.3+0.5 {
				t.Errorf("t=%g: moved instance reconfiguring %v until %g, want until 1.8", s.Now(), in.Reconfiguring, in.AvailableAt)
			}
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if started != 1.3 || st.Migrations[sim.SmallAI] != 1 {
		t.Errorf("delayed migration applied at %g (%v migrations), want 1.3", started, st.Migrations)
	}
	r := st.Rejections[sim.KindMigrate]
	if r[sim.ReasonHorizon] != 1 || r[sim.ReasonValue] != 2 || st.Rejected != 3 {
		t.Errorf("rejections %s (%d in all), want horizon 1 and value 2", st.RejectionSummary(), st.Rejected)
	}
}

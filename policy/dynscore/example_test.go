package dynscore_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
	"github.com/airansim/airansim/telemetry"
)

// The method on three nodes, with a scorer giving a per-node score "headroom" (a 10, b 60, c 90)
// weighted 3 on top of OCM's default Balance and Steady: at the first epoch the small model on a
// moves to c (a 100 + 100 + 30 = 230, b −100 + 0 + 180 = 80, c 100 + 0 + 270 = 370).
func Example() {
	cfg := three()
	rec, _ := telemetry.New(&cfg, telemetry.Options{Step: 1})
	spec := dynscore.DefaultSpec()
	spec.Prioritizers.Configurations = append(spec.Prioritizers.Configurations, addOn(3))
	c, err := dynscore.New(dynscore.Options{Telemetry: rec, Placement: &spec,
		Scorers: []scoring.Scorer{&fixed{name: "headroom-scorer", score: "headroom", interval: 5, values: map[string]float64{"a": 10, "b": 60, "c": 90}}}})
	if err != nil {
		fmt.Println(err)
		return
	}
	cfg.Controllers, cfg.Allocator = []sim.ControllerSpec{c.Spec()}, allocator.HAF{}
	cfg.Source, cfg.Sink = simtest.NewRequests(aiLoad(20, 0.5, 1)), &simtest.Collect{}
	rec.Install(&cfg)
	s, _ := sim.New(cfg)
	st, _ := s.Run(context.Background())
	e := c.Epochs()[0]
	fmt.Printf("t=%g s: %d move, mode %s; small model on %s; %d migration\n", e.Time, e.Moves, e.Mode,
		cfg.Nodes[s.Snapshot().Instances[2].Node].Name, st.MigrationsTotal())
	// Output:
	// t=5 s: 1 move, mode performance; small model on c; 1 migration
}

package telemetry_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// Record a run's telemetry and ask for a node's mean power over each second, as a scorer
// asks Prometheus's query_range.
func ExampleRecorder_Query() {
	cfg := twoNodes([]sim.Request{{Class: sim.AI, Service: 2, Deadline: 10, AIWork: sim.Work{GPU: 50}}}, nil)
	cfg.Horizon, cfg.NoEarlyStop = 3, true // node a (100 TFLOP/s) is busy for [0, 0.5] s
	r, err := telemetry.New(&cfg, telemetry.Options{Step: 1, Power: []power.Model{{GPUTFLOPS: 100, GPUIdleW: 10, GPUMaxW: 110}, {}}})
	if err != nil {
		panic(err)
	}
	r.Install(&cfg)
	s, err := sim.New(cfg)
	if err != nil {
		panic(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		panic(err)
	}
	m, err := r.Query(telemetry.PowerW, map[string]string{telemetry.LabelNode: "a"}, 0, 3, 1)
	if err != nil {
		panic(err)
	}
	for _, sm := range m[0].Values {
		fmt.Printf("t=%g s: %g W\n", sm.T, sm.V)
	}
	// Output:
	// t=1 s: 60 W
	// t=2 s: 10 W
	// t=3 s: 10 W
}

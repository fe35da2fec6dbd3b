package hautoscale_test

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/policy/hautoscale"
)

// The paper's CPU rules, one tick every 15 s: a busy tick adds a replica, then idle ticks remove one
// after 180 s.
func ExampleScaler() {
	s, _ := hautoscale.New(hautoscale.Options{})
	reps := 1
	for k := 0; k <= 14; k++ {
		cpu := 0.05
		if k == 0 {
			cpu = 0.85
		}
		d := s.Step(15*float64(k), hautoscale.Observation{Replicas: reps, CPU: cpu, Latency: math.NaN(), Inference: math.NaN()})
		if d.Delta != 0 {
			reps += d.Delta
			fmt.Printf("t=%gs %s: %+d → %d replicas\n", 15*float64(k), d.Reason, d.Delta, reps)
		}
	}
	// Output:
	// t=0s cpu: +1 → 2 replicas
	// t=195s idle: -1 → 1 replicas
}

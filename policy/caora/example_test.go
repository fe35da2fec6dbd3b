package caora_test

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// Run the paper's scenario with CAORA: the embedded actor sets α on the one node where RAN and AI
// instances both reside, HAF's allocator divides each class's part, and nothing migrates.
func Example() {
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: 1, Requests: 2000, Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	p, err := caora.New(caora.Options{}) // embedded actor, deterministic mean action
	if err != nil {
		panic(err)
	}
	sum := &metrics.Summary{}
	b.Config.Controllers, b.Config.Allocator, b.Config.Sink = []sim.ControllerSpec{{Controller: p, Period: b.Epoch}}, allocator.HAF{}, sum
	s, err := sim.New(b.Config)
	if err != nil {
		panic(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		panic(err)
	}
	for n, a := range p.RANShares() {
		if !math.IsNaN(a) {
			fmt.Printf("node %s is split, α in [0,1]: %v\n", b.Nodes[n], a >= 0 && a <= 1)
		}
	}
	fmt.Printf("migrations %d, RAN-only fulfilment %.0f%%\n", st.MigrationsTotal(), 100*sum.Fulfillment(metrics.RAN))
	// Output:
	// node gpu-heavy-0 is split, α in [0,1]: true
	// migrations 0, RAN-only fulfilment 100%
}

package traces_test

import (
	"fmt"
	"log"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// ExampleMerge merges RAN-only and AI requests by arrival time and renumbers their IDs.
func ExampleMerge() {
	ran, err := traces.NewRANSource(traces.RANOptions{Cells: 2, RatePerCell: 3, Seed: 2})
	if err != nil {
		log.Fatal(err)
	}
	conv, _ := traces.DefaultAzureModel().Trace("conv")
	tokens, _ := traces.NewSampler(conv, traces.SamplerOptions{Seed: 2})
	ai, err := traces.NewAISource([]traces.AIStream{{Tokens: tokens, Category: sim.SmallAI, Services: []int{3}}},
		traces.AIOptions{Cells: 2, Seed: 2})
	if err != nil {
		log.Fatal(err)
	}
	all := traces.Limit(traces.Merge(ran, ai), 6)
	for {
		r, ok, err := all.Next()
		if err != nil {
			log.Fatal(err)
		}
		if !ok {
			break
		}
		fmt.Printf("id=%d t=%.3fs %s cell=%d\n", r.ID, r.Arrival, r.Class, r.Cell)
	}
	// Output:
	// id=0 t=0.000s ai cell=1
	// id=1 t=0.035s embb cell=0
	// id=2 t=0.061s embb cell=0
	// id=3 t=0.066s ai cell=1
	// id=4 t=0.106s ai cell=1
	// id=5 t=0.129s urllc cell=1
}

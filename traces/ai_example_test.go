package traces_test

import (
	"fmt"
	"log"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// ExampleAISource turns a synthetic conversation trace (drawn from the embedded Azure 2023 model,
// CC-BY 4.0, Patel et al., Splitwise, ISCA 2024) into large-AI requests for services 0 and 1 in 6
// cells, at twice the trace's rate.
func ExampleAISource() {
	conv, err := traces.DefaultAzureModel().Trace("conv")
	if err != nil {
		log.Fatal(err)
	}
	tokens, err := traces.NewSampler(conv, traces.SamplerOptions{Seed: 1})
	if err != nil {
		log.Fatal(err)
	}
	src, err := traces.NewAISource([]traces.AIStream{
		{Tokens: tokens, Category: sim.LargeAI, Services: []int{0, 1}, Spread: traces.SpreadRoundRobin},
	}, traces.AIOptions{Cells: 6, Seed: 1, TimeScale: 2, Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	for {
		r, ok, err := src.Next()
		if err != nil {
			log.Fatal(err)
		}
		if !ok {
			break
		}
		fmt.Printf("id=%d t=%.3fs cell=%d service=%d tokens=%d+%d gpu=%.1fTFLOP kv=%.2fGB deadline=%.3fs\n",
			r.ID, r.Arrival, r.Cell, r.Service, r.Prompt, r.Output, r.AIWork.GPU, r.KVGB, r.Deadline)
	}
	// Output:
	// id=0 t=0.000s cell=0 service=0 tokens=395+129 gpu=16.5TFLOP kv=0.19GB deadline=0.318s
	// id=1 t=0.003s cell=1 service=1 tokens=1014+395 gpu=45.0TFLOP kv=0.52GB deadline=0.521s
	// id=2 t=0.076s cell=4 service=0 tokens=216+14 gpu=6.6TFLOP kv=0.08GB deadline=0.247s
}

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
	// id=0 t=0.000s cell=2 service=0 tokens=181+70 gpu=8.0TFLOP kv=0.09GB deadline=0.257s
	// id=1 t=0.132s cell=5 service=1 tokens=4509+88 gpu=129.9TFLOP kv=1.68GB deadline=1.128s
	// id=2 t=0.176s cell=2 service=0 tokens=381+521 gpu=32.6TFLOP kv=0.33GB deadline=0.432s
}

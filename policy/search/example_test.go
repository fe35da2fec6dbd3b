package search_test

import (
	"context"
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/search"
	"github.com/airansim/airansim/scenario"
)

// Beam search and the best static placement on a short run of the paper's scenario.
func Example() {
	b, err := scenario.Default().Build(scenario.BuildOptions{Requests: 600, Seed: 1})
	if err != nil {
		panic(err)
	}
	defer b.Close()
	b.Config.Allocator = allocator.HAF{} // HAF's closed-form allocation, as the lookahead and haf-static
	ctx := context.Background()
	beam, err := search.Beam(ctx, b.Config, search.BeamOptions{Interval: b.Epoch, Width: 2})
	if err != nil {
		panic(err)
	}
	fmt.Println("beam ≥ greedy lookahead:", beam.Best.Run.Overall() >= beam.Greedy.Run.Overall())
	st, err := search.Static(ctx, b.Config, search.StaticOptions{Restarts: -1})
	if err != nil {
		panic(err)
	}
	fmt.Println("best static ≥ the scenario's placement:", st.Run.Overall() >= st.Initial.Overall())
	// Output:
	// beam ≥ greedy lookahead: true
	// best static ≥ the scenario's placement: true
}

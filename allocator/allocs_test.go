package allocator_test

import (
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// TestAllocatorsDoNotAllocate checks the contract that Allocate allocates no memory, on the benchmark
// node with feasible floors and on the same node with infeasible ones.
func TestAllocatorsDoNotAllocate(t *testing.T) {
	c, d := bench12()
	out := make([]float64, len(d))
	for _, a := range []sim.Allocator{allocator.HAF{}, allocator.EqualShare{}, allocator.MaxWeight{}, allocator.Proportional{}} {
		for _, capacity := range []float64{c, 1} {
			if n := testing.AllocsPerRun(100, func() { a.Allocate(capacity, d, out) }); n != 0 {
				t.Errorf("%T.Allocate(%g, …) allocates %v times per call", a, capacity, n)
			}
		}
	}
}

package allocator_test

import (
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// A node with 100 TFLOP/s of GPU hosts a DU with a RAN floor and two AI instances. Square-root shares
// would give 100·(1, 1, 3)/5 = 20, 20, 60, but the DU needs 30, so it is clipped at its floor and the
// remaining 70 TFLOP/s are split 1:3 between the AI instances.
func ExampleHAF() {
	d := []sim.Demand{
		{Work: 0.1, Urgency: 1000, Floor: 30}, // DU: ω·Ψ = 100.
		{Work: 20, Urgency: 5},                // small AI: ω·Ψ = 100.
		{Work: 450, Urgency: 2},               // large AI: ω·Ψ = 900.
	}
	out := make([]float64, len(d))
	ok := allocator.HAF{}.Allocate(100, d, out)
	fmt.Printf("%.4f %.4f %.4f %v\n", out[0], out[1], out[2], ok)
	// Output: 30.0000 17.5000 52.5000 true
}

// The Round-Robin baseline on the same node: floor first, then the residual 70 TFLOP/s split equally
// among the three instances with work.
func ExampleEqualShare() {
	d := []sim.Demand{
		{Work: 0.1, Urgency: 1000, Floor: 30},
		{Work: 20, Urgency: 5},
		{Work: 450, Urgency: 2},
	}
	out := make([]float64, len(d))
	ok := allocator.EqualShare{}.Allocate(100, d, out)
	fmt.Printf("%.4f %.4f %.4f %v\n", out[0], out[1], out[2], ok)
	// Output: 53.3333 23.3333 23.3333 true
}

// When the RAN floors alone exceed the capacity they are scaled down proportionally, the other
// instances get nothing, and Allocate reports false (a RAN-infeasible allocation event).
func ExampleHAF_infeasibleFloors() {
	d := []sim.Demand{{Work: 1, Urgency: 1, Floor: 6}, {Work: 1, Urgency: 1, Floor: 2}, {Work: 9, Urgency: 1}}
	out := make([]float64, len(d))
	ok := allocator.HAF{}.Allocate(4, d, out)
	fmt.Printf("%.4f %.4f %.4f %v\n", out[0], out[1], out[2], ok)
	// Output: 3.0000 1.0000 0.0000 false
}

// The Lyapunov baseline on the same node: floor first, then the whole residual 70 TFLOP/s to the
// instance with the largest ω·Ψ (the large AI, 900).
func ExampleMaxWeight() {
	d := []sim.Demand{
		{Work: 0.1, Urgency: 1000, Floor: 30},
		{Work: 20, Urgency: 5},
		{Work: 450, Urgency: 2},
	}
	out := make([]float64, len(d))
	ok := allocator.MaxWeight{}.Allocate(100, d, out)
	fmt.Printf("%.4f %.4f %.4f %v\n", out[0], out[1], out[2], ok)
	// Output: 30.0000 0.0000 70.0000 true
}

// The Game Theory baseline on the same node: floor first, then the residual 70 TFLOP/s in proportion
// to the bids ω·Ψ = 100, 100, 900 (the DU bids too), i.e. 70·(1, 1, 9)/11 on top of the floors.
func ExampleProportional() {
	d := []sim.Demand{
		{Work: 0.1, Urgency: 1000, Floor: 30},
		{Work: 20, Urgency: 5},
		{Work: 450, Urgency: 2},
	}
	out := make([]float64, len(d))
	ok := allocator.Proportional{}.Allocate(100, d, out)
	fmt.Printf("%.4f %.4f %.4f %v\n", out[0], out[1], out[2], ok)
	// Output: 36.3636 6.3636 57.2727 true
}

package nn_test

import (
	"fmt"

	"github.com/airansim/airansim/internal/nn"
)

// Fit a small net to y = x², then query it and its input gradient dy/dx,
// as SAC does for ∂Q/∂a.
func ExampleFit() {
	var X, Y [][]float64
	for i := range 41 {
		x := float64(i-20) / 10
		X = append(X, []float64{x})
		Y = append(Y, []float64{x * x})
	}
	m, err := nn.New([]int{1, 16, 1}, nn.Tanh, nn.Identity, 1, "square")
	if err != nil {
		panic(err)
	}
	losses, err := nn.Fit(m, X, Y, nil, nn.FitOptions{Epochs: 2000, Batch: 8, Adam: nn.AdamOptions{LR: 0.01}})
	if err != nil {
		panic(err)
	}
	fmt.Printf("final loss < 1e-3: %v\n", losses[len(losses)-1] < 1e-3)

	ws := m.NewWorkspace()
	y := m.ForwardTrain(ws, []float64{0.7})
	dx := m.Backward(ws, []float64{1}, nil)
	fmt.Printf("y(0.7) ≈ %.1f, dy/dx ≈ %.1f\n", y[0], dx[0]) // exact: 0.49, 1.4
	// Output:
	// final loss < 1e-3: true
	// y(0.7) ≈ 0.5, dy/dx ≈ 1.4
}

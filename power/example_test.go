package power_test

import (
	"fmt"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
)

// The default model of the paper scenario's GPU-heavy node (300 TFLOP/s, 32 cores), and its energy
// over 10 s up at those capacities with the GPU busy 4 s and the CPU 1 s (in utilisation-seconds).
func ExampleModel_Energy() {
	m := power.Default.For(sim.NodeSpec{GPU: 300, CPU: 32})
	fmt.Printf("idle %.1f W, full %.1f W\n", m.IdleW(), m.MaxW())
	u := sim.NodeUsage{GPUOffered: 300 * 10, GPUWork: 300 * 4, CPUOffered: 32 * 10, CPUWork: 32 * 1}
	e := m.Energy(u, 10)
	fmt.Printf("%.0f J\n", e)
	// Output:
	// idle 100.6 W, full 611.9 W
	// 2781 J
}

package mig_test

import (
	"fmt"

	"github.com/airansim/airansim/mig"
)

// An H100's layout is checked against NVIDIA's placements, then mapped to the capacities of its seven
// partition nodes (a 70 TFLOP/s GPU on a 14-core host).
func Example() {
	h100, _ := mig.Lookup("H100-80GB")
	bad, _ := mig.ParseLayout([]string{"4g.40gb@0", "3g.40gb@2"})
	fmt.Println(h100.Validate("gpu1", bad))

	g := &mig.GPU{Name: "gpu1", Model: h100, TFLOPS: 70, Cores: 14, First: 0, DelayS: 5}
	l, _ := mig.ParseLayout([]string{"4g.40gb@0", "2g.20gb@4", "1g.10gb@6"})
	specs, _ := g.Specs(l)
	for _, sp := range specs {
		fmt.Printf("%s: %g TFLOP/s, %g cores, %g GB\n", sp.Name, sp.GPU, sp.CPU, sp.VRAMGB)
	}
	// Output:
	// mig: invalid layout: GPU gpu1 (H100-80GB): rule placement: 3g.40gb@2: 3g.40gb may start only at memory slices [0 4]
	// gpu1/0: 40 TFLOP/s, 8 cores, 40 GB
	// gpu1/1: 0 TFLOP/s, 0 cores, 0 GB
	// gpu1/2: 0 TFLOP/s, 0 cores, 0 GB
	// gpu1/3: 0 TFLOP/s, 0 cores, 0 GB
	// gpu1/4: 20 TFLOP/s, 4 cores, 20 GB
	// gpu1/5: 0 TFLOP/s, 0 cores, 0 GB
	// gpu1/6: 10 TFLOP/s, 2 cores, 10 GB
}

package sim_test

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// An O-RAN hierarchy: a RIC site (0) above a CU site (1), which serves two DU sites (2, 3). Each link
// has a one-way delay (s) and a rate (Gb/s; 0: not given).
func ExampleNewTree() {
	tree, err := sim.NewTree([]int{-1, 0, 1, 1}, []float64{0, 0.5e-3, 0.1e-3, 0.2e-3}, []float64{0, 100, 25, 0})
	if err != nil {
		panic(err)
	}
	fmt.Printf("DU 2 → DU 3: %.1f ms, %g Gb/s\n", tree.Delay(2, 3)*1e3, tree.Rate(2, 3))
	fmt.Printf("DU 3 → RIC: %.1f ms, %g Gb/s\n", tree.Delay(3, 0)*1e3, tree.Rate(3, 0))
	// Output:
	// DU 2 → DU 3: 0.3 ms, 25 Gb/s
	// DU 3 → RIC: 0.7 ms, 100 Gb/s
}

// Sites is a user topology: 50 µs inside a site, 2 ms between sites, no link rates.
type Sites struct{ Site []int } // site of each node

func (t Sites) Len() int { return len(t.Site) }

func (t Sites) Delay(a, b int) float64 {
	switch {
	case a == b:
		return 0
	case t.Site[a] == t.Site[b]:
		return 50e-6
	}
	return 2e-3
}

func (Sites) Rate(a, b int) float64 { return math.Inf(1) }

// A user topology read into the matrix the engine uses (sim.Config.Topology does this in New).
func ExampleNewPaths() {
	p, err := sim.NewPaths(Sites{Site: []int{0, 0, 1}}, 3)
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Delay(0, 1), p.Delay(1, 2), p.Delay(2, 2))
	// Output:
	// 5e-05 0.002 0
}

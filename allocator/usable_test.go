package allocator

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestUsableMatchesReference checks that usable's shortcut past the subnormal term is bit-identical to
// the full formula (refUsable) for capacities of every binade, both signs, around the 2⁻⁹⁰⁰ threshold
// and for instance counts up to the extremes of int.
func TestUsableMatchesReference(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	ns := []int{0, 1, 2, 7, 20, 1000, 1 << 20, 1 << 40, math.MaxInt64/8 - 2, math.MaxInt64}
	cs := []float64{0, math.Copysign(0, -1), 5e-324, 0x1p-900, 0x1p-899, math.MaxFloat64, -math.MaxFloat64}
	for e := -1074; e <= 1023; e++ {
		for range 20 {
			c := math.Ldexp(1+r.Float64(), e)
			cs = append(cs, c, -c, math.Nextafter(c, 0), math.Ldexp(1, e))
		}
	}
	for _, c := range cs {
		for _, n := range append(ns, r.IntN(100)) {
			if got, want := usable(c, n), refUsable(c, n); math.Float64bits(got) != math.Float64bits(want) {
				t.Fatalf("usable(%v, %d) = %v, reference %v", c, n, got, want)
			}
		}
	}
}

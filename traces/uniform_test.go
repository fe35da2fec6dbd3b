package traces

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestUniformMatchesRand checks that uniform and rand.Rand.Float64 give the same values from the
// same PCG state, also when interleaved with other draws of the Rand.
func TestUniformMatchesRand(t *testing.T) {
	a, b := rand.NewPCG(1, 2), rand.NewPCG(1, 2)
	ra, rb := rand.New(a), rand.New(b)
	for i := range 1000000 {
		if i%7 == 0 {
			if x, y := ra.ExpFloat64(), rb.ExpFloat64(); x != y {
				t.Fatalf("draw %d: ExpFloat64 %v vs %v", i, x, y)
			}
		}
		if x, y := uniform(a), rb.Float64(); math.Float64bits(x) != math.Float64bits(y) {
			t.Fatalf("draw %d: uniform %v, Float64 %v", i, x, y)
		}
	}
}

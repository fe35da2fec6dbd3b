package allocator_test

import (
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
)

// TestHAFMatchesSolver checks on seeded random instances (10,000; 1,000 with -short) that the closed
// form's objective is at most 1e-6 relative above the numerical oracle's, that it meets every
// constraint, and, to show the oracle is not vacuous, that the oracle is also within 1e-6 of it.
// Observed: the two agree to about 1e-8, the closed form being higher only by the capacity it keeps
// back as a rounding guard, which matters when the floors leave a residual near 1e-6·C.
func TestHAFMatchesSolver(t *testing.T) {
	n := 10000
	if testing.Short() {
		n = 1000
	}
	const tol = 1e-6
	r := rand.New(rand.NewPCG(2026, 13))
	out := make([]float64, 12)
	lo, hi := 0.0, 0.0
	for k := range n {
		c, d := randomInstance(r)
		feasible := allocator.HAF{}.Allocate(c, d, out)
		checkInvariants(t, c, d, out, feasible)
		if !feasible {
			continue // Rounding pushed Σf past c; covered by the infeasible-floor tests.
		}
		got := objective(d, out[:len(d)])
		want, x, err := solveNumerically(c, d)
		if err != nil {
			t.Fatalf("instance %d: solver: %v", k, err)
		}
		if !(got <= want*(1+tol)) {
			t.Fatalf("instance %d: closed form %.17g > solver %.17g (C=%g d=%v\nout=%v\nsolver x=%v)",
				k, got, want, c, d, out[:len(d)], x)
		}
		rel := 0.0 // (closed form − oracle)/oracle; ≤ 0 means the closed form is at least as good.
		if want > 0 {
			rel = (got - want) / want
		}
		lo, hi = min(lo, rel), max(hi, rel)
		if rel < -tol {
			t.Errorf("instance %d: oracle %.17g is %.3g above the closed form %.17g: oracle did not converge\nC=%g d=%v\nout=%v\nx=%v",
				k, want, -rel, got, c, d, out[:len(d)], x)
		}
	}
	t.Logf("%d instances: (closed form − oracle)/oracle in [%.3g, %.3g]", n, lo, hi)
}

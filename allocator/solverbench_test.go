//go:build oracle

// Needs golang.org/x/tools (imported by gonum optimize via stat/distmv) in go.mod/go.sum; run with
// -tags oracle. Delete the build constraint once the module files list it.

package allocator_test

import "testing"

// BenchmarkSolver12 times the numerical oracle on the instance of BenchmarkHAF12, to show the
// closed form's speed-up.
func BenchmarkSolver12(b *testing.B) {
	c, d := bench12()
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := solveNumerically(c, d); err != nil {
			b.Fatal(err)
		}
	}
}

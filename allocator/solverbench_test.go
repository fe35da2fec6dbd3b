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

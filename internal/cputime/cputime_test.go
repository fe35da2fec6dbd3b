//go:build unix

package cputime

import "testing"

// TestNowAdvances checks that busy work moves the CPU clock forward.
func TestNowAdvances(t *testing.T) {
	t0 := Now()
	x := 0.0
	for i := 0; Now()-t0 < 2e6 && i < 1e9; i++ { // until 2 ms of CPU
		x += float64(i)
	}
	if Now() <= t0 {
		t.Fatalf("CPU time did not advance (x = %g)", x)
	}
}

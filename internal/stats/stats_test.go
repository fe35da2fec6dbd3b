package stats

import (
	"fmt"
	"math"
	"testing"
)

func TestTQuantile(t *testing.T) {
	// Two-sided 95 % critical values from standard t tables.
	tests := []struct {
		df   int
		want float64
	}{
		{1, 12.706},
		{2, 4.303},
		{4, 2.776},
		{9, 2.262},
		{29, 2.045},
		{1000, 1.962},
	}
	for _, tt := range tests {
		if got := TQuantile(0.975, tt.df); math.Abs(got-tt.want) > 5e-4 {
			t.Errorf("t(0.975, %d) = %.4f, want %.3f", tt.df, got, tt.want)
		}
	}
}

func TestCI95(t *testing.T) {
	tests := []struct {
		name     string
		xs       []float64
		mean, hw float64
	}{
		{"empty", nil, math.NaN(), 0},
		{"one", []float64{3}, 3, 0},
		{"constant", []float64{2, 2, 2}, 2, 0},
		// n = 5, s = √2.5, hw = 2.7764 · √2.5 / √5 = 2.7764 / √2.
		{"five", []float64{1, 2, 3, 4, 5}, 3, 2.776445 / math.Sqrt2},
		// n = 2, s = √2, hw = 12.7062 · √2 / √2.
		{"two", []float64{0, 2}, 1, 12.706205},
	}
	for _, tt := range tests {
		m, hw := CI95(tt.xs)
		if !near(m, tt.mean) || !near(hw, tt.hw) {
			t.Errorf("%s: CI95 = (%v, %v), want (%v, %v)", tt.name, m, hw, tt.mean, tt.hw)
		}
	}
}

func TestCIPanics(t *testing.T) {
	for _, conf := range []float64{0, 1, -0.5, math.NaN()} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("CI(conf=%v) did not panic", conf)
				}
			}()
			CI([]float64{1, 2}, conf)
		}()
	}
}

// near reports whether a and b agree to 1e-5 relative, NaN matching NaN.
func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-5*math.Max(1, math.Abs(b))
}

func ExampleCI95() {
	fulfillment := []float64{0.89, 0.91, 0.88, 0.90, 0.92} // one per seed
	m, hw := CI95(fulfillment)
	fmt.Printf("%.3f ± %.3f\n", m, hw)
	// Output: 0.900 ± 0.020
}

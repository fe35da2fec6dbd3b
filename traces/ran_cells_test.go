package traces

import (
	"math"
	"math/rand/v2"
	"testing"
)

// scanCell is the linear scan cellPicker replaces: the first cell whose cumulative rate exceeds x,
// else the last.
func scanCell(cum []float64, x float64) int {
	for i, c := range cum {
		if x < c {
			return i
		}
	}
	return len(cum) - 1
}

// TestCellPickerMatchesScan checks pick against the scan on rate vectors with zero-rate cells, equal
// rates, a dominant cell and rates spanning many magnitudes, at random draws, at every cumulative
// value and its neighbours, and at the ends of [0, total].
func TestCellPickerMatchesScan(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	cases := map[string][]float64{
		"one cell":    {2.5},
		"equal":       {1, 1, 1, 1, 1, 1},
		"zeros":       {0, 0, 3, 0, 1, 0, 0, 2, 0},
		"dominant":    {1e-9, 1e6, 1e-9, 1e-9},
		"magnitudes":  nil,
		"498 random":  nil,
		"thirds":      {1.0 / 3, 1.0 / 3, 1.0 / 3},
		"trailing 0s": {1, 2, 0, 0},
	}
	mags := make([]float64, 60)
	for i := range mags {
		mags[i] = math.Pow(10, float64(i%12-6))
	}
	cases["magnitudes"] = mags
	r498 := make([]float64, 498)
	for i := range r498 {
		r498[i] = rng.ExpFloat64() * float64(rng.IntN(3)) // a third of the cells at rate 0
	}
	r498[0] = 1
	cases["498 random"] = r498
	for name, rates := range cases {
		cum := make([]float64, len(rates))
		total := 0.0
		for i, r := range rates {
			total += r
			cum[i] = total
		}
		p := newCellPicker(cum)
		xs := []float64{0, total, math.Nextafter(total, 0), math.Nextafter(0, 1)}
		for _, c := range cum {
			xs = append(xs, c, math.Nextafter(c, 0), math.Nextafter(c, math.Inf(1)))
		}
		for range 20000 {
			xs = append(xs, rng.Float64()*total)
		}
		for _, x := range xs {
			if got, want := p.pick(x), scanCell(cum, x); got != want {
				t.Fatalf("%s: pick(%v) = %d, the scan gives %d", name, x, got, want)
			}
		}
	}
}

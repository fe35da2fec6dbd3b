package calq

import (
	"math/rand/v2"
	"testing"
)

// TestScanCost runs the hold model on time distributions known to strain calendar queues and
// bounds the calendar's own work — bucket and list steps plus ids moved by rebuilds — per operation,
// a deterministic stand-in for "O(1) amortised" (timings would be flaky).
func TestScanCost(t *testing.T) {
	cases := []struct {
		name string
		n    int
		inc  func(r *rand.Rand, i int) float64 // the increment of the i-th hold step
		max  float64                           // bound on work per operation
	}{
		{"exp", 2000, func(r *rand.Rand, _ int) float64 { return r.ExpFloat64() }, 1.5},
		{"uniform", 2000, func(r *rand.Rand, _ int) float64 { return 2 * r.Float64() }, 1.5},
		{"equal", 2000, func(r *rand.Rand, _ int) float64 { return float64(r.IntN(2)) }, 1.5},
		{"bimodal", 2000, func(r *rand.Rand, _ int) float64 {
			if r.IntN(10) == 0 {
				return 100 * r.Float64()
			}
			return 0.01 * r.Float64()
		}, 2},
		{"slower-x1000", 2000, func(r *rand.Rand, i int) float64 {
			return r.ExpFloat64() * float64(min(1000, 1+i/100))
		}, 3},
		{"faster-x1000", 2000, func(r *rand.Rand, i int) float64 {
			return r.ExpFloat64() / float64(min(1000, 1+i/100))
		}, 3},
		{"far-outliers", 2000, func(r *rand.Rand, i int) float64 {
			if i%200 == 0 {
				return 1e300
			}
			return r.ExpFloat64()
		}, 1.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rng := rand.New(rand.NewPCG(3, 4))
			var q Queue
			for i := range c.n {
				q.Set(int32(i), c.inc(rng, 1), uint64(i))
			}
			const ops = 200000
			seq := uint64(c.n)
			for i := range ops {
				id, _ := q.PopMin()
				now, _ := q.Key(id)
				seq++
				if now > 1e299 { // an outlier came due: requeue it near the others
					now = 0
				}
				q.Set(id, now+c.inc(rng, i), seq)
			}
			perOp := float64(q.pastWork+q.work) / (2 * ops)
			t.Logf("%.2f scan steps per operation, %d rebuilds, width %.3g", perOp, q.rebuilds, q.width)
			if perOp > c.max {
				t.Errorf("%.2f scan steps per operation, want <= %v", perOp, c.max)
			}
		})
	}
}

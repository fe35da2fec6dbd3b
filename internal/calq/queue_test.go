package calq

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestDifferential drives Queue and the oracle through random operation sequences whose population
// rises and falls across the heap/calendar threshold and the resize points.
func TestDifferential(t *testing.T) {
	cases := []struct {
		name    string
		ids     int32
		targets []int // the population steered towards, phase after phase
		steps   int   // per phase
		dist    dist
		seeds   int
	}{
		{"tiny", 3, []int{1, 3, 0, 2}, 200, distMixed, 40},
		{"small-hold", 40, []int{8, 32, 1, 20}, 500, distHold, 20},
		{"threshold-hold", 200, []int{100, 10, 90, 5, 150}, 1500, distHold, 10},
		{"threshold-mixed", 200, []int{100, 10, 90, 5, 150}, 1500, distMixed, 10},
		{"threshold-equal", 200, []int{100, 10, 90, 5, 150}, 1500, distEqual, 10},
		{"mid-hold", 1000, []int{300, 900, 100, 600}, 3000, distHold, 4},
		{"mid-mixed", 1000, []int{300, 900, 100, 600}, 3000, distMixed, 4},
		{"large-hold", 5000, []int{5000, 1000, 4000, 20}, 8000, distHold, 2},
		{"large-equal", 5000, []int{3000, 500, 2000}, 6000, distEqual, 1},
		{"large-mixed", 5000, []int{4000, 50, 2500}, 8000, distMixed, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			steps := c.steps
			if testing.Short() {
				steps /= 4
			}
			for seed := range c.seeds {
				rng := rand.New(rand.NewPCG(uint64(seed), uint64(c.ids)))
				d := &driver{tb: t, q: &Queue{}, ref: &refHeap{}, ids: c.ids, dist: c.dist,
					next: func() (uint64, bool) { return rng.Uint64(), true }}
				for _, target := range c.targets {
					d.target = target
					d.run(steps)
				}
				d.drain()
			}
		})
	}
}

// TestOrder checks the pop order on hand-picked keys: signed zeros, equal keys ordered by id,
// negative, huge and infinite times, with the queue in either mode.
func TestOrder(t *testing.T) {
	keys := []struct {
		t   float64
		tie uint64
	}{
		{0, 1}, {math.Copysign(0, -1), 0}, {-5, 9}, {1e300, 0}, {math.MaxFloat64, 0},
		{math.Inf(1), 0}, {2.5, 7}, {2.5, 7}, {2.5, 3}, {-1e300, 0}, {1e-300, 0}, {0, 1},
	}
	for _, pad := range []int{0, calendarOn + 10, 5000} {
		var q Queue
		var ref refHeap
		for i := range pad { // filler ids spread over [100, 200)
			id, tt := int32(len(keys)+i), 100+float64(i%977)/9.77
			q.Set(id, tt, 0)
			ref.Set(id, tt, 0)
		}
		for i, k := range keys {
			q.Set(int32(i), k.t, k.tie)
			ref.Set(int32(i), k.t, k.tie)
		}
		for n := ref.Len(); n > 0; n-- {
			got, _ := q.PopMin()
			want, _ := ref.PopMin()
			if got != want {
				t.Fatalf("pad %d: pop with %d left = %d, want %d", pad, n, got, want)
			}
		}
		if _, ok := q.PopMin(); ok || q.Len() != 0 {
			t.Fatalf("pad %d: queue not empty after draining", pad)
		}
	}
}

// TestZeroValueAndInvalid checks the zero Queue and that bad input is ignored, not a panic.
func TestZeroValueAndInvalid(t *testing.T) {
	var q Queue
	if _, ok := q.Min(); ok || q.Len() != 0 || q.Queued(0) || q.Queued(-1) {
		t.Fatal("zero Queue is not empty")
	}
	q.Remove(7)
	q.Set(-1, 1, 0)
	q.Set(2, math.NaN(), 0)
	if tt, _ := q.Key(2); !math.IsInf(tt, 1) || q.Len() != 1 {
		t.Fatalf("NaN stored as %v, Len %d; want +Inf, 1", tt, q.Len())
	}
	if tt, tie := q.Key(-3); tt != 0 || tie != 0 {
		t.Fatal("Key of a negative id is not zero")
	}
	c := q.Clone()
	c.Remove(2)
	if !q.Queued(2) || c.Queued(2) {
		t.Fatal("Clone shares state with its original")
	}
}

// TestAllEqualTimes builds the calendar from ids that all share one time (no width can be
// estimated) and checks that they pop by tie, then by id.
func TestAllEqualTimes(t *testing.T) {
	var q Queue
	const n = 3 * calendarOn
	for i := range n {
		q.Set(int32(i), 7, uint64(n-i)/2) // ids 2k and 2k+1 share a tie except at the ends
	}
	prevTie, prevID := uint64(0), int32(-1)
	for range n {
		id, _ := q.PopMin()
		tt, tie := q.Key(id)
		if tt != 7 || tie < prevTie || tie == prevTie && id < prevID {
			t.Fatalf("popped %d (t %v, tie %d) after %d (tie %d)", id, tt, tie, prevID, prevTie)
		}
		prevTie, prevID = tie, id
	}
}

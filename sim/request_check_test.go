package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestValidRequestMatchesRules checks the fast validity check against the rule-by-rule one on random
// requests whose every field is drawn from valid values and the edge cases of its rule.
func TestValidRequestMatchesRules(t *testing.T) {
	s := &Sim{now: 5, cfg: Config{Cells: make([]CellSpec, 3), Services: []ServiceSpec{{Category: DU}, {Category: LargeAI}, {Category: SmallAI}}}}
	floats := []float64{0, math.Copysign(0, -1), 1, 4.999, 5, 1e300, math.MaxFloat64, math.Inf(1), math.Inf(-1), math.NaN(), -1, math.SmallestNonzeroFloat64}
	ints := []int{-1, 0, 1, 2, 3, math.MaxInt, math.MinInt}
	rng := rand.New(rand.NewPCG(3, 3))
	f := func() float64 {
		if rng.IntN(4) == 0 {
			return floats[rng.IntN(len(floats))]
		}
		return 6 + rng.Float64()
	}
	i := func() int {
		if rng.IntN(3) == 0 {
			return ints[rng.IntN(len(ints))]
		}
		return 1 + rng.IntN(2)
	}
	for k := 0; k < 200000; k++ {
		r := Request{ID: int64(k), Class: Class(rng.IntN(4)), Cell: i(), Service: i(), Arrival: f(), Deadline: f(),
			DU: Work{f(), f()}, CU: Work{f(), f()}, AIWork: Work{f(), f()}, KVGB: f()}
		if got, want := s.validRequest(&r), s.requestError(&r) == nil; got != want {
			t.Fatalf("%+v: validRequest %v, requestError %v", r, got, s.requestError(&r))
		}
	}
}

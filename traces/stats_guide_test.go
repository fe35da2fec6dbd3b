package traces

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
)

// guideGrids returns every probability grid the package builds (DefaultProbabilities and those of
// the embedded model's traces) and synthetic ones that stress the guide: a grid denser than the
// buckets, one on the bucket bounds, one with repeated values, tiny and random grids.
func guideGrids(t *testing.T) map[string][]float64 {
	t.Helper()
	g := map[string][]float64{"default": DefaultProbabilities(), "two": {0, 1}, "three": {0, 0.5, 1}}
	for _, tr := range DefaultAzureModel().Traces {
		g["model/"+tr.Name] = tr.Probabilities
	}
	even := make([]float64, 2001)
	for i := range even {
		even[i] = float64(i) / 2000
	}
	g["even2000"] = even
	bounds := make([]float64, guideBuckets+1)
	for k := range bounds {
		bounds[k] = float64(k) / guideBuckets
	}
	g["bucket-bounds"] = bounds
	g["repeats"] = []float64{0, 0.1, 0.1, 0.1, 0.5, 0.5, 0.999, 1, 1}
	g["narrow"] = []float64{0.3, 0.30000000000000004, 0.7}
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{5, 50, 500, 5000} {
		p := []float64{0, 1}
		for range n {
			p = append(p, r.Float64())
		}
		slices.Sort(p)
		g[fmt.Sprintf("random%d", n)] = p
	}
	return g
}

// guideProbes returns the u to check on grid p: 0, −0, 1, every p[i] and every bucket bound k/B
// with their float neighbours either side, random u, and u outside [0, 1].
func guideProbes(p []float64) []float64 {
	us := []float64{0, math.Copysign(0, -1), 1, math.SmallestNonzeroFloat64, math.Nextafter(1, 0),
		-1, 2, math.NaN(), math.Inf(1), math.Inf(-1), math.Nextafter(0, -1), math.Nextafter(1, 2)}
	near := func(x float64) {
		us = append(us, x, math.Nextafter(x, math.Inf(-1)), math.Nextafter(x, math.Inf(1)))
	}
	for _, x := range p {
		near(x)
	}
	for k := 0; k <= guideBuckets; k++ {
		near(float64(k) / guideBuckets)
	}
	r := rand.New(rand.NewPCG(3, 4))
	for range 100000 {
		us = append(us, r.Float64())
	}
	return us
}

// TestCDFGuideSearch checks that the guide lands on exactly the index sort.SearchFloat64s returns,
// on every grid and probe.
func TestCDFGuideSearch(t *testing.T) {
	for name, p := range guideGrids(t) {
		g := newCDFGuide(p)
		bad := 0
		for _, u := range guideProbes(p) {
			if got, want := g.search(u), sort.SearchFloat64s(p, u); got != want && bad < 5 {
				t.Errorf("%s: search(%v) = %d, want %d", name, u, got, want)
				bad++
			}
		}
	}
}

// TestCDFGuideInverse checks that the guided inverse CDF of every table of the embedded model equals
// inverseCDF bit for bit.
func TestCDFGuideInverse(t *testing.T) {
	for _, tr := range DefaultAzureModel().Traces {
		g := newCDFGuide(tr.Probabilities)
		for _, q := range [][]float64{tr.PromptTokens, tr.OutputTokens, tr.InterarrivalS} {
			for _, u := range guideProbes(tr.Probabilities) {
				got, want := g.inverse(q, u), inverseCDF(tr.Probabilities, q, u)
				if math.Float64bits(got) != math.Float64bits(want) && !(math.IsNaN(got) && math.IsNaN(want)) {
					t.Fatalf("%s: inverse(%v) = %v, want %v", tr.Name, u, got, want)
				}
			}
		}
	}
}

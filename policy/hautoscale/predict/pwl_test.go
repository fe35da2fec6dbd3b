package predict

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// elbow is a continuous elbow: 0.01·y + 0.1 s up to y = 30, then 0.05·y − 1.1 s (both 0.4 s at 30).
func elbow(y float64) float64 {
	if y <= 30 {
		return 0.01*y + 0.1
	}
	return 0.05*y - 1.1
}

func grid(f func(float64) float64, from, to, step float64) []Sample {
	var s []Sample
	for y := from; y <= to; y += step {
		s = append(s, Sample{y, f(y)})
	}
	return s
}

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// TestFitExact: noise-free samples give back the segments exactly, with a searched or a given breakpoint
// and in any sample order; the conservative fit then equals the average one.
func TestFitExact(t *testing.T) {
	jump := func(y float64) float64 { // discontinuous: the lines cross at y = −10, outside the gap
		if y <= 20 {
			return 0.02*y + 0.3
		}
		return 0.04*y + 0.5
	}
	rev := grid(elbow, 5, 60, 5)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	for _, tc := range []struct {
		name   string
		s      []Sample
		o      Options
		bp     float64
		slope  [2]float64
		interc [2]float64
	}{
		{"search on the knot", grid(elbow, 5, 60, 5), Options{}, 30, [2]float64{0.01, 0.05}, [2]float64{0.1, -1.1}},
		{"search, knot between loads", grid(elbow, 3, 60, 4), Options{}, 30, [2]float64{0.01, 0.05}, [2]float64{0.1, -1.1}},
		{"reversed order", rev, Options{}, 30, [2]float64{0.01, 0.05}, [2]float64{0.1, -1.1}},
		{"given breakpoint", grid(elbow, 5, 60, 5), Options{Breakpoint: 30}, 30, [2]float64{0.01, 0.05}, [2]float64{0.1, -1.1}},
		{"conservative, no noise", grid(elbow, 5, 60, 5), Options{Conservative: true}, 30, [2]float64{0.01, 0.05}, [2]float64{0.1, -1.1}},
		{"jump", grid(jump, 0, 40, 2), Options{}, 20, [2]float64{0.02, 0.04}, [2]float64{0.3, 0.5}},
	} {
		m, err := Fit(tc.s, tc.o)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		const eps = 1e-9
		if !near(m.Breakpoint, tc.bp, eps) || !near(m.Slope[0], tc.slope[0], eps) || !near(m.Slope[1], tc.slope[1], eps) ||
			!near(m.Intercept[0], tc.interc[0], eps) || !near(m.Intercept[1], tc.interc[1], eps) || m.SSE > eps {
			t.Errorf("%s: %+v; want ỹ %g, slopes %v, intercepts %v", tc.name, m, tc.bp, tc.slope, tc.interc)
		}
		for _, p := range tc.s {
			if !near(m.Predict(p.Load), p.Time, eps) {
				t.Errorf("%s: Predict(%g) = %g, want %g", tc.name, p.Load, m.Predict(p.Load), p.Time)
			}
		}
	}
}

// TestFitNoise: with Gaussian noise (σ = 10 ms, three samples per load) the average fit is within
// tolerance of the true segments and the conservative one bounds every sample and lies above the average.
func TestFitNoise(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var s []Sample
	for y := 1.0; y <= 60; y++ {
		for range 3 {
			s = append(s, Sample{y, elbow(y) + 0.01*r.NormFloat64()})
		}
	}
	avg, err := Fit(s, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !near(avg.Breakpoint, 30, 2) || !near(avg.Slope[0], 0.01, 0.002) || !near(avg.Slope[1], 0.05, 0.002) {
		t.Errorf("average fit %+v: want ỹ 30 ± 2, slopes 0.01, 0.05 ± 0.002", avg)
	}
	for y := 0.0; y <= 60; y += 0.5 {
		if !near(avg.Predict(y), elbow(y), 0.03) && math.Abs(y-30) > 2 {
			t.Errorf("average Predict(%g) = %g, true %g", y, avg.Predict(y), elbow(y))
		}
	}
	cons, err := Fit(s, Options{Conservative: true})
	if err != nil {
		t.Fatal(err)
	}
	under := 0
	for _, p := range s {
		if cons.Predict(p.Load) < p.Time-1e-12 {
			t.Errorf("conservative Predict(%g) = %g < sample %g", p.Load, cons.Predict(p.Load), p.Time)
		}
		if avg.Predict(p.Load) < p.Time {
			under++
		}
	}
	if under == 0 {
		t.Error("the average fit underestimates no sample")
	}
	if cons.Breakpoint != avg.Breakpoint || cons.Slope != avg.Slope || cons.Intercept[0] < avg.Intercept[0] || cons.Intercept[1] < avg.Intercept[1] {
		t.Errorf("conservative %+v is not the average %+v shifted up", cons, avg)
	}
}

func TestMaxLoad(t *testing.T) {
	m := Model{Breakpoint: 30, Slope: [2]float64{0.01, 0.05}, Intercept: [2]float64{0.1, -1.1}}
	for _, tc := range []struct {
		deadline float64
		limit    int
		want     int
	}{{0.4, 100, 30}, {1, 100, 42}, {0.05, 100, -1}, {1, 10, 10}} {
		if got := m.MaxLoad(tc.deadline, tc.limit); got != tc.want {
			t.Errorf("MaxLoad(%g, %d) = %d, want %d", tc.deadline, tc.limit, got, tc.want)
		}
	}
}

func TestFitErrors(t *testing.T) {
	good := grid(elbow, 5, 60, 5)
	for _, tc := range []struct {
		s    []Sample
		o    Options
		want string
	}{
		{good, Options{Breakpoint: -1}, "breakpoint"},
		{good, Options{Breakpoint: math.Inf(1)}, "breakpoint"},
		{append([]Sample{{-1, 0}}, good...), Options{}, "sample 0"},
		{append([]Sample{{1, math.NaN()}}, good...), Options{}, "sample 0"},
		{good[:3], Options{}, "need ≥ 4"},
		{good, Options{Breakpoint: 7}, "two distinct"},
		{good, Options{Breakpoint: 55}, "two distinct"},
		{[]Sample{{1, 1}, {1, 2}, {1, 3}, {2, 1}, {2, 2}}, Options{}, "need ≥ 4"},
	} {
		if _, err := Fit(tc.s, tc.o); err == nil || !strings.HasPrefix(err.Error(), "predict: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Fit(%d samples, %+v) = %v; want a %q error", len(tc.s), tc.o, err, tc.want)
		}
	}
}

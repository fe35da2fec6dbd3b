package traces

import (
	"math"
	"testing"
)

func TestLoadFactorRho(t *testing.T) {
	tests := []struct {
		name string
		l    Load
		rho  float64
		want float64
	}{
		{"no RAN", Load{AIRate: 2, AIWork: 50, GPUCapacity: 1000}, 1, 10},
		{"no RAN, rho 0.75", Load{AIRate: 2, AIWork: 50, GPUCapacity: 1000}, 0.75, 7.5},
		// f = 1·1000 / (100 + 1·10·5) = 20/3; check: 20/3·100 / (1000 − 20/3·50) = 1.
		{"RAN", Load{AIRate: 2, AIWork: 50, RANRate: 10, RANWork: 5, GPUCapacity: 1000}, 1, 20.0 / 3},
		// The reservation covers the RAN demand: f = 1·(1000 − 400)/100 = 6 (RAN demand 6·50 = 300 ≤ 400).
		{"reservation binds", Load{AIRate: 2, AIWork: 50, RANRate: 10, RANWork: 5, GPUCapacity: 1000, RANReserve: 400}, 1, 6},
		// A small reservation is exceeded by the demand: the demand formula applies again.
		{"demand binds", Load{AIRate: 2, AIWork: 50, RANRate: 10, RANWork: 5, GPUCapacity: 1000, RANReserve: 100}, 1, 20.0 / 3},
	}
	for _, tc := range tests {
		f, err := tc.l.Factor(tc.rho)
		if err != nil || math.Abs(f-tc.want) > 1e-12 {
			t.Errorf("%s: Factor = %v, %v, want %v", tc.name, f, err, tc.want)
		}
		rho, err := tc.l.Rho(f)
		if err != nil || math.Abs(rho-tc.rho) > 1e-12 {
			t.Errorf("%s: Rho(Factor(%v)) = %v, %v", tc.name, tc.rho, rho, err)
		}
	}
}

func TestLoadErrors(t *testing.T) {
	good := Load{AIRate: 1, AIWork: 1, RANRate: 1, RANWork: 1, GPUCapacity: 10}
	bad := []Load{{}, {AIRate: 1, AIWork: 1}, {AIRate: -1, AIWork: 1, GPUCapacity: 1},
		{AIRate: 1, AIWork: math.Inf(1), GPUCapacity: 1}, {AIRate: 1, AIWork: 1, GPUCapacity: 1, RANWork: math.NaN()}}
	for _, l := range bad {
		if _, err := l.Factor(1); err == nil {
			t.Errorf("Factor accepted %+v", l)
		}
		if _, err := l.Rho(1); err == nil {
			t.Errorf("Rho accepted %+v", l)
		}
	}
	for _, x := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if _, err := good.Factor(x); err == nil {
			t.Errorf("Factor(%v) accepted", x)
		}
		if _, err := good.Rho(x); err == nil {
			t.Errorf("Rho(%v) accepted", x)
		}
	}
	if _, err := good.Rho(10); err == nil {
		t.Error("RAN demand above capacity accepted")
	}
}

func TestCombineStreams(t *testing.T) {
	r, w := CombineStreams(StreamLoad{Rate: 1, Work: 10}, StreamLoad{Rate: 3, Work: 2})
	if r != 4 || w != 4 {
		t.Errorf("got %v, %v", r, w)
	}
	if r, w := CombineStreams(); r != 0 || w != 0 {
		t.Errorf("empty: %v %v", r, w)
	}
}

// TestModelStreamLoad compares the analytic rate and mean work with a sampled estimate.
func TestModelStreamLoad(t *testing.T) {
	tr, _ := DefaultAzureModel().Trace("conv")
	c := DefaultCostModel().Large
	sl := ModelStreamLoad(&tr, c)
	s, _ := NewSampler(tr, SamplerOptions{Seed: 1})
	n := 50000
	var work float64
	var last TokenRow
	for i := 0; i < n; i++ {
		last, _, _ = s.Next()
		w, _ := c.Cost(last.Prompt, last.Output)
		work += w.GPU
	}
	if math.Abs(work/float64(n)/sl.Work-1) > 0.02 || math.Abs(float64(n-1)/last.Time/sl.Rate-1) > 0.02 {
		t.Errorf("analytic %+v, sampled work %v rate %v", sl, work/float64(n), float64(n-1)/last.Time)
	}
}

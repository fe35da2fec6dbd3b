package traces

import (
	"math"
	"testing"
)

func TestDefaultProbabilities(t *testing.T) {
	p := DefaultProbabilities()
	if len(p) != 218 || p[0] != 0 || p[len(p)-1] != 1 || p[100] != 0.48 {
		t.Fatalf("len %d, p[100] %v", len(p), p[100])
	}
	for i := 1; i < len(p); i++ {
		if p[i] <= p[i-1] {
			t.Fatalf("not increasing at %d", i)
		}
	}
}

func TestQuantileAndInverseCDF(t *testing.T) {
	data := []float64{1, 2, 3, 4, 5}
	tests := []struct{ p, want float64 }{{0, 1}, {0.25, 2}, {0.3, 2.2}, {1, 5}}
	for _, tc := range tests {
		if got := quantile(data, tc.p); math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("quantile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	p, q := []float64{0, 0.5, 1}, []float64{0, 10, 30}
	inv := []struct{ u, want float64 }{{0, 0}, {0.25, 5}, {0.5, 10}, {0.75, 20}, {1, 30}}
	for _, tc := range inv {
		if got := inverseCDF(p, q, tc.u); got != tc.want {
			t.Errorf("inverseCDF(%v) = %v, want %v", tc.u, got, tc.want)
		}
	}
	if m := tableMean(p, q); m != 12.5 {
		t.Errorf("tableMean = %v", m)
	}
}

// TestSamplerMeans checks that generated samples reproduce the traces' means within a few %.
func TestSamplerMeans(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 50000
	}
	m := DefaultAzureModel()
	tests := []struct {
		trace                string
		prompt, output, rate float64 // trace figures (anchors.md §1.3)
		tolRate              float64
	}{
		{"code", 2048, 27.9, 2.57, 0.08}, // heavy-tailed gaps (CV 13): sampling noise is larger
		{"conv", 1155, 211, 5.53, 0.03},
	}
	for _, tc := range tests {
		tr, _ := m.Trace(tc.trace)
		s, err := NewSampler(tr, SamplerOptions{Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		var sp, so float64
		var last TokenRow
		for i := 0; i < n; i++ {
			r, ok, _ := s.Next()
			if !ok || r.Prompt < 1 || r.Output < 1 || r.Time < last.Time || r.Line != i+1 {
				t.Fatalf("%s: bad row %+v after %+v", tc.trace, r, last)
			}
			sp, so, last = sp+float64(r.Prompt), so+float64(r.Output), r
		}
		rate := float64(n-1) / last.Time
		for _, c := range []struct {
			what           string
			got, want, tol float64
		}{{"prompt", sp / float64(n), tc.prompt, 0.03}, {"output", so / float64(n), tc.output, 0.03}, {"rate", rate, tc.rate, tc.tolRate}} {
			if math.Abs(c.got/c.want-1) > c.tol {
				t.Errorf("%s: mean %s %v, want %v ± %v%%", tc.trace, c.what, c.got, c.want, 100*c.tol)
			}
		}
		p, o, ia := tr.TableMeans()
		if math.Abs(p/tr.MeanPrompt-1) > 0.01 || math.Abs(o/tr.MeanOutput-1) > 0.01 || math.Abs(ia/tr.MeanInterarrivalS-1) > 0.02 {
			t.Errorf("%s: table means %v %v %v vs %v %v %v", tc.trace, p, o, ia, tr.MeanPrompt, tr.MeanOutput, tr.MeanInterarrivalS)
		}
	}
}

func TestSamplerDeterminismAndFork(t *testing.T) {
	tr, _ := DefaultAzureModel().Trace("conv")
	a, _ := NewSampler(tr, SamplerOptions{Seed: 3, Name: "a"})
	b, _ := NewSampler(tr, SamplerOptions{Seed: 3, Name: "a"})
	c, _ := NewSampler(tr, SamplerOptions{Seed: 3, Name: "b"})
	differ := false
	for i := 0; i < 100; i++ {
		ra, _, _ := a.Next()
		rb, _, _ := b.Next()
		rc, _, _ := c.Next()
		if ra != rb {
			t.Fatalf("same seed differs at %d: %+v %+v", i, ra, rb)
		}
		differ = differ || ra != rc
	}
	if !differ {
		t.Error("streams 1 and 2 identical")
	}
	f, err := a.Fork()
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		ra, _, _ := a.Next()
		rf, _, _ := f.Next()
		if ra != rf {
			t.Fatalf("fork differs at %d: %+v %+v", i, ra, rf)
		}
	}
}

func TestSamplerRows(t *testing.T) {
	tr, _ := DefaultAzureModel().Trace("code")
	s, _ := NewSampler(tr, SamplerOptions{Rows: 3})
	for i := 0; i < 3; i++ {
		if _, ok, _ := s.Next(); !ok {
			t.Fatal("ended early")
		}
	}
	if _, ok, _ := s.Next(); ok {
		t.Error("did not end after Rows")
	}
	if _, err := NewSampler(tr, SamplerOptions{Rows: -1}); err == nil {
		t.Error("negative Rows accepted")
	}
	if _, err := NewSampler(TraceModel{}, SamplerOptions{}); err == nil {
		t.Error("empty model accepted")
	}
}

package nn

import (
	"bytes"
	"math"
	"strings"
	"testing"
)

func TestFitScaler(t *testing.T) {
	X := [][]float64{{1, 5, -2}, {3, 5, 2}, {5, 5, 0}}
	s, err := FitScaler(X)
	if err != nil {
		t.Fatal(err)
	}
	wantMean, wantStd := []float64{3, 5, 0}, []float64{math.Sqrt(8.0 / 3), 1, math.Sqrt(8.0 / 3)}
	for i := range wantMean {
		if math.Abs(s.Mean[i]-wantMean[i]) > 1e-12 || math.Abs(s.Std[i]-wantStd[i]) > 1e-12 {
			t.Fatalf("feature %d: mean %v std %v, want %v %v", i, s.Mean[i], s.Std[i], wantMean[i], wantStd[i])
		}
	}
	z := s.Transform(X)
	if got := z[0][0]; math.Abs(got+2/math.Sqrt(8.0/3)) > 1e-12 || z[1][1] != 0 {
		t.Fatalf("standardised rows %v", z)
	}
	x := []float64{3, 5, 0}
	if out := s.Apply(x, x); out[0] != 0 || out[1] != 0 || out[2] != 0 {
		t.Fatalf("in-place Apply of the mean gave %v", out)
	}
	bad := []struct {
		name string
		X    [][]float64
		want string
	}{
		{"empty", nil, "FitScaler needs at least one non-empty row"},
		{"ragged", [][]float64{{1, 2}, {1}}, "X[1] has 1 features, want 2"},
		{"NaN", [][]float64{{1, math.NaN()}}, "X[0][1] is NaN"},
	}
	for _, c := range bad {
		if _, err := FitScaler(c.X); err == nil || !strings.Contains(err.Error(), "nn: "+c.want) {
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}

func testModel(t *testing.T) *Model {
	X, _ := sinData(50, 3)
	for _, x := range X {
		x[1] = 100 + 10*x[1]
	}
	s, err := FitScaler(X)
	if err != nil {
		t.Fatal(err)
	}
	return &Model{Scaler: s, Net: testNet(t, []int{2, 6, 1}, ReLU, Identity, 2)}
}

func TestModelRoundTripAndPredict(t *testing.T) {
	m := testModel(t)
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	data := append([]byte(nil), buf.Bytes()...)
	got, err := LoadModel(&buf)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	if err := got.Save(&again); err != nil || !bytes.Equal(again.Bytes(), data) {
		t.Fatalf("re-saved model differs (err %v):\n%s\n%s", err, data, again.Bytes())
	}
	x, out := []float64{0.3, 95}, make([]float64, 1)
	want := m.Net.Forward(m.Scaler.Apply(x, nil), nil)[0]
	if p := got.Predict(x, out)[0]; p != want {
		t.Fatalf("Predict %v, want %v", p, want)
	}
	if n := testing.AllocsPerRun(100, func() { out = m.Predict(x, out) }); n != 0 {
		t.Fatalf("Predict allocates %v times per call, want 0", n)
	}
	plain := &Model{Net: m.Net}
	buf.Reset()
	if err := plain.Save(&buf); err != nil || strings.Contains(buf.String(), "scaler") {
		t.Fatalf("model without scaler: err %v, json %s", err, buf.String())
	}
}

func TestLoadModelRejects(t *testing.T) {
	var buf bytes.Buffer
	if err := testModel(t).Save(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	cases := []struct{ name, old, new, want string }{
		{"model version", `{"version":1`, `{"version":3`, "unsupported format version 3"},
		{"net version", `"net":{"version":1`, `"net":{"version":0`, "unsupported format version 0"},
		{"scaler width", `"mean":[`, `"mean":[0,`, "scaler has 3 means and 2 stds, want 2 each"},
		{"unknown field", `{"version":1`, `{"version":1,"x":1`, "unknown field"},
		{"renamed net", `"net":`, `"nets":`, "unknown field"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := strings.Replace(good, c.old, c.new, 1)
			if in == good {
				t.Fatal("test case did not change the input")
			}
			_, err := LoadModel(strings.NewReader(in))
			if err == nil || !strings.HasPrefix(err.Error(), "nn: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want nn: ...%q", err, c.want)
			}
		})
	}
	if _, err := LoadModel(strings.NewReader(`{"version":1}`)); err == nil || !strings.HasPrefix(err.Error(), "nn: decode network") {
		t.Fatalf("missing net: error %v", err)
	}
	s := &Scaler{Mean: []float64{0, 0}, Std: []float64{1, 0}}
	if err := s.validate(2); err == nil || !strings.Contains(err.Error(), "nn: scaler.std[1] is 0") {
		t.Fatalf("zero std: error %v", err)
	}
}

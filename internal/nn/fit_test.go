package nn

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/rng"
)

// sinData returns n seeded samples of y = sin(x1) + 0.5·x2, x uniform in [-2, 2]².
func sinData(n int, seed uint64) (X, Y [][]float64) {
	r := rng.New(seed, "test/data")
	for range n {
		x1, x2 := 4*r.Float64()-2, 4*r.Float64()-2
		X = append(X, []float64{x1, x2})
		Y = append(Y, []float64{math.Sin(x1) + 0.5*x2})
	}
	return X, Y
}

func TestFitLearnsSine(t *testing.T) {
	const maxMSE = 2e-3 // target variance is ≈ 0.7
	X, Y := sinData(2000, 1)
	Xt, Yt := sinData(500, 2)
	m, _ := New([]int{2, 16, 16, 1}, Tanh, Identity, 7, "test")
	before := MSE(m, Xt, Yt, nil)
	losses, err := Fit(m, X, Y, nil, FitOptions{Epochs: 60, Seed: 3, Adam: AdamOptions{LR: 5e-3}})
	if err != nil {
		t.Fatal(err)
	}
	if len(losses) != 60 {
		t.Fatalf("%d epoch losses, want 60", len(losses))
	}
	head, tail := mean(losses[:10]), mean(losses[len(losses)-10:])
	if !(tail < head/10) {
		t.Errorf("loss did not decrease: first 10 epochs %.4g, last 10 %.4g", head, tail)
	}
	train, test := MSE(m, X, Y, nil), MSE(m, Xt, Yt, nil)
	t.Logf("held-out MSE %.3g before, train %.3g, held-out %.3g after", before, train, test)
	if !(train < maxMSE && test < maxMSE) {
		t.Errorf("MSE train %.4g, held-out %.4g, want < %g", train, test, maxMSE)
	}
}

func mean(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// maskedData has 2 outputs where output 1 of every odd sample is masked.
func maskedData() (X, Y [][]float64, mask [][]bool) {
	X, Y1 := sinData(40, 5)
	for i, y := range Y1 {
		Y = append(Y, []float64{y[0], -y[0]})
		mask = append(mask, []bool{true, i%2 == 0})
	}
	return X, Y, mask
}

func TestMaskedLossIgnoresMaskedTargets(t *testing.T) {
	X, Y, mask := maskedData()
	m := testNet(t, []int{2, 8, 2}, Tanh, Identity, 9)
	idx := []int{0, 1, 2, 3, 4, 5, 6, 7}
	grad := func(Y [][]float64) []float64 {
		b := newBatcher(m)
		b.grad(m, X, Y, mask, idx)
		return append([]float64(nil), b.g.flat...)
	}
	base := grad(Y)
	cases := []struct {
		name    string
		row, k  int
		value   float64
		changes bool
	}{
		{"masked to 1e6", 1, 1, 1e6, false},
		{"masked to NaN", 3, 1, math.NaN(), false},
		{"unmasked output 1", 2, 1, 1e6, true},
		{"unmasked output 0", 1, 0, 1e6, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			Y2 := make([][]float64, len(Y))
			for i := range Y {
				Y2[i] = append([]float64(nil), Y[i]...)
			}
			Y2[c.row][c.k] = c.value
			g := grad(Y2)
			same := true
			for i := range g {
				same = same && g[i] == base[i]
			}
			if same == c.changes {
				t.Fatalf("gradient changed = %v, want %v", !same, c.changes)
			}
			if mse := MSE(m, X, Y2, mask); (mse == MSE(m, X, Y, mask)) == c.changes {
				t.Fatalf("MSE changed = %v, want %v", !(mse == MSE(m, X, Y, mask)), c.changes)
			}
		})
	}
}

func TestFitDeterministic(t *testing.T) {
	X, Y, mask := maskedData()
	run := func(netSeed, fitSeed uint64) []byte {
		m, _ := New([]int{2, 8, 2}, ReLU, Identity, netSeed, "test")
		if _, err := Fit(m, X, Y, mask, FitOptions{Epochs: 5, Batch: 8, Seed: fitSeed}); err != nil {
			t.Fatal(err)
		}
		return saved(t, m)
	}
	ref := run(1, 1)
	if !bytes.Equal(ref, run(1, 1)) {
		t.Error("same seeds gave different weights")
	}
	if bytes.Equal(ref, run(1, 2)) {
		t.Error("different shuffle seeds gave identical weights")
	}
	if bytes.Equal(ref, run(2, 1)) {
		t.Error("different init seeds gave identical weights")
	}
}

func TestFitRejectsBadData(t *testing.T) {
	X, Y, mask := maskedData()
	nanX := [][]float64{{math.NaN(), 0}}
	cases := []struct {
		name string
		X, Y [][]float64
		mask [][]bool
		o    FitOptions
		want string
	}{
		{"no samples", nil, nil, nil, FitOptions{}, "no training samples"},
		{"target count", X, Y[:3], nil, FitOptions{}, "targets for"},
		{"mask rows", X, Y, mask[:3], FitOptions{}, "mask rows"},
		{"input width", [][]float64{{1}}, Y[:1], nil, FitOptions{}, "X[0] has 1 values"},
		{"target width", X[:1], [][]float64{{1}}, nil, FitOptions{}, "Y[0] has 1 values"},
		{"NaN input", nanX, Y[:1], nil, FitOptions{}, "X[0][0] is NaN"},
		{"NaN target", X[:1], [][]float64{{0, math.Inf(1)}}, nil, FitOptions{}, "Y[0][1] is +Inf"},
		{"negative batch", X, Y, nil, FitOptions{Batch: -1}, "must be >= 0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := testNet(t, []int{2, 4, 2}, Tanh, Identity, 1)
			before := saved(t, m)
			_, err := Fit(m, c.X, c.Y, c.mask, c.o)
			if err == nil || !strings.HasPrefix(err.Error(), "nn: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want nn: ...%q", err, c.want)
			}
			if !bytes.Equal(before, saved(t, m)) {
				t.Fatal("failed Fit modified the net")
			}
		})
	}
}

func TestFitDefaultsAndNoShuffle(t *testing.T) {
	X, Y, mask := maskedData()
	m := testNet(t, []int{2, 3, 2}, Tanh, Identity, 1)
	losses, err := Fit(m, X[:5], Y[:5], mask[:5], FitOptions{NoShuffle: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(losses) != 200 {
		t.Fatalf("%d epoch losses, want the default 200", len(losses))
	}
	// Without shuffling the seed is unused, so results agree across seeds.
	a, b := m.Clone(), m.Clone()
	Fit(a, X, Y, mask, FitOptions{Epochs: 3, Batch: 7, NoShuffle: true, Seed: 1})
	Fit(b, X, Y, mask, FitOptions{Epochs: 3, Batch: 7, NoShuffle: true, Seed: 2})
	if !bytes.Equal(saved(t, a), saved(t, b)) {
		t.Fatal("NoShuffle results depend on the seed")
	}
}

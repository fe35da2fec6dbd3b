package nn

import (
	"fmt"
	"math"
	"testing"

	"github.com/airansim/airansim/rng"
)

// relErr is |a−b|/max(|a|,|b|,1e-4): relative, with an absolute floor of
// ~1e-9 for gradients that are (near) zero.
func relErr(a, b float64) float64 {
	return math.Abs(a-b) / math.Max(math.Max(math.Abs(a), math.Abs(b)), 1e-4)
}

// testNet returns a seeded net with non-zero random biases.
func testNet(t testing.TB, sizes []int, hidden, output Activation, seed uint64) *MLP {
	t.Helper()
	m, err := New(sizes, hidden, output, seed, "test")
	if err != nil {
		t.Fatal(err)
	}
	r := rng.New(seed, "test/inputs")
	for _, b := range m.b {
		for i := range b {
			b[i] = 0.5 * r.NormFloat64()
		}
	}
	return m
}

func TestBackwardFiniteDifferences(t *testing.T) {
	const h, tol = 1e-6, 1e-5
	cases := []struct {
		hidden, output Activation
		sizes          []int
	}{
		{ReLU, ReLU, []int{3, 6, 5, 2}},
		{Tanh, Tanh, []int{3, 6, 5, 2}},
		{Sigmoid, Sigmoid, []int{3, 6, 5, 2}},
		{Identity, Identity, []int{3, 6, 5, 2}},
		{ReLU, Identity, []int{4, 8, 3}},
		{Tanh, Sigmoid, []int{2, 7, 7, 7, 1}},
		{Sigmoid, Tanh, []int{5, 3}},
	}
	for ci, c := range cases {
		t.Run(fmt.Sprintf("%d_%v_%v", ci, c.hidden, c.output), func(t *testing.T) {
			m := testNet(t, c.sizes, c.hidden, c.output, uint64(10+ci))
			r := rng.New(uint64(100+ci), "test/inputs")
			x := make([]float64, m.Inputs())
			coef := make([]float64, m.Outputs()) // loss = Σ coef_k·out_k
			for i := range x {
				x[i] = r.NormFloat64()
			}
			for k := range coef {
				coef[k] = r.NormFloat64()
			}
			loss := func() float64 { return dot(coef, m.Forward(x, nil)) }
			ws, g := m.NewWorkspace(), m.NewGrad()
			m.ForwardTrain(ws, x)
			dx := append([]float64(nil), m.Backward(ws, coef, g)...)
			numeric := func(p *float64) float64 {
				old := *p
				*p = old + h
				lp := loss()
				*p = old - h
				lm := loss()
				*p = old
				return (lp - lm) / (2 * h)
			}
			for i := range m.params {
				if n := numeric(&m.params[i]); relErr(g.flat[i], n) > tol {
					t.Errorf("param %d: backprop %.10g, numeric %.10g", i, g.flat[i], n)
				}
			}
			for i := range x {
				if n := numeric(&x[i]); relErr(dx[i], n) > tol {
					t.Errorf("input %d: backprop %.10g, numeric %.10g", i, dx[i], n)
				}
			}
		})
	}
}

func TestBackwardAccumulatesAndNilGrad(t *testing.T) {
	m := testNet(t, []int{3, 4, 2}, Tanh, Identity, 1)
	x, d := []float64{0.1, -0.4, 0.9}, []float64{1, -2}
	ws, g := m.NewWorkspace(), m.NewGrad()
	m.ForwardTrain(ws, x)
	dx1 := append([]float64(nil), m.Backward(ws, d, g)...)
	once := append([]float64(nil), g.flat...)
	m.ForwardTrain(ws, x)
	m.Backward(ws, d, g)
	for i := range once {
		if g.flat[i] != 2*once[i] {
			t.Fatalf("param %d: after two Backward calls got %v, want %v", i, g.flat[i], 2*once[i])
		}
	}
	m.ForwardTrain(ws, x)
	dx2 := m.Backward(ws, d, nil)
	for i := range dx1 {
		if dx1[i] != dx2[i] {
			t.Fatalf("input grad %d with nil Grad %v, want %v", i, dx2[i], dx1[i])
		}
	}
}

func TestForwardTrainMatchesForward(t *testing.T) {
	m := testNet(t, []int{4, 9, 9, 3}, Sigmoid, Tanh, 2)
	ws := m.NewWorkspace()
	x := []float64{1, -1, 0.5, 2}
	got, want := m.ForwardTrain(ws, x), m.Forward(x, nil)
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("output %d: ForwardTrain %v, Forward %v", k, got[k], want[k])
		}
	}
}

// TestParamAccessors checks that Param, SetParam and Grad.At address the flat layout Backward fills:
// a finite difference through SetParam matches Grad.At for every parameter.
func TestParamAccessors(t *testing.T) {
	m := testNet(t, []int{2, 3, 1}, Tanh, Identity, 4)
	x := []float64{0.3, -0.7}
	ws, g := m.NewWorkspace(), m.NewGrad()
	m.ForwardTrain(ws, x)
	m.Backward(ws, []float64{1}, g)
	const h = 1e-6
	for i := range m.Params() {
		p := m.Param(i)
		m.SetParam(i, p+h)
		up := m.Forward(x, nil)[0]
		m.SetParam(i, p-h)
		down := m.Forward(x, nil)[0]
		m.SetParam(i, p)
		if n := (up - down) / (2 * h); relErr(g.At(i), n) > 1e-6 {
			t.Errorf("param %d: Grad.At %v, finite difference %v", i, g.At(i), n)
		}
		if m.params[i] != p {
			t.Fatalf("SetParam did not restore param %d", i)
		}
	}
}

package nn

import (
	"math"
	"testing"
)

// adamRef is a textbook scalar Adam(W) run over per-step gradients gs,
// already clipped by the caller.
func adamRef(p float64, gs []float64, lr, b1, b2, eps, wd float64) float64 {
	var m, v float64
	for t, g := range gs {
		m = b1*m + (1-b1)*g
		v = b2*v + (1-b2)*g*g
		mh := m / (1 - math.Pow(b1, float64(t+1)))
		vh := v / (1 - math.Pow(b2, float64(t+1)))
		p = (1-lr*wd)*p - lr*mh/(math.Sqrt(vh)+eps)
	}
	return p
}

func TestAdamStep(t *testing.T) {
	cases := []struct {
		name  string
		o     AdamOptions
		grads [][]float64 // per step, for the 2 params (w, b) of a 1→1 net
		clip  []float64   // per-step factor the reference applies
	}{
		{"defaults one step", AdamOptions{}, [][]float64{{3, -4}}, []float64{1}},
		{"defaults three steps", AdamOptions{}, [][]float64{{3, -4}, {-1, 2}, {0.5, 0.5}}, []float64{1, 1, 1}},
		{"custom betas", AdamOptions{LR: 0.1, Beta1: 0.5, Beta2: 0.9, Eps: 1e-3}, [][]float64{{3, -4}, {-1, 2}}, []float64{1, 1}},
		{"weight decay", AdamOptions{LR: 0.01, WeightDecay: 0.1}, [][]float64{{3, -4}, {1, 1}}, []float64{1, 1}},
		{"clip active then idle", AdamOptions{ClipNorm: 1}, [][]float64{{30, 40}, {0.3, 0.4}}, []float64{1.0 / 50, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, _ := New([]int{1, 1}, Identity, Identity, 1, "test")
			m.params[1] = 0.25
			p0 := append([]float64(nil), m.params...)
			opt := NewAdam(m, c.o)
			o := opt.Options()
			g := m.NewGrad()
			for _, gs := range c.grads {
				copy(g.flat, gs)
				opt.Step(m, g)
			}
			if opt.Steps() != len(c.grads) {
				t.Fatalf("Steps() = %d, want %d", opt.Steps(), len(c.grads))
			}
			for i := range p0 {
				var gs []float64
				for s, step := range c.grads {
					gs = append(gs, step[i]*c.clip[s])
				}
				want := adamRef(p0[i], gs, o.LR, o.Beta1, o.Beta2, o.Eps, o.WeightDecay)
				if math.Abs(m.params[i]-want) > 1e-12 {
					t.Errorf("param %d = %.15g, want %.15g", i, m.params[i], want)
				}
			}
		})
	}
}

func TestAdamDefaults(t *testing.T) {
	m, _ := New([]int{1, 1}, Identity, Identity, 1, "test")
	got := NewAdam(m, AdamOptions{}).Options()
	want := AdamOptions{LR: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	if got != want {
		t.Fatalf("defaults %+v, want %+v", got, want)
	}
}

func TestAdamShapeMismatchPanics(t *testing.T) {
	a, _ := New([]int{2, 3, 1}, ReLU, Identity, 1, "test")
	b, _ := New([]int{2, 4, 1}, ReLU, Identity, 1, "test")
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	NewAdam(a, AdamOptions{}).Step(b, b.NewGrad())
}

// TestAdamStepVecMatchesStep checks that StepVec on a plain vector follows exactly the updates Step
// makes on a net's flat parameters, with and without clipping, and that it minimises a quadratic.
func TestAdamStepVecMatchesStep(t *testing.T) {
	for _, o := range []AdamOptions{{}, {LR: 0.05, ClipNorm: 1, WeightDecay: 0.01}} {
		m, _ := New([]int{1, 1}, Identity, Identity, 3, "test")
		p := []float64{m.params[0], m.params[1]}
		net, vec := NewAdam(m, o), NewAdamVec(2, o)
		g := m.NewGrad()
		for _, gs := range [][]float64{{3, -4}, {0.1, 0.2}, {-2, 5}} {
			copy(g.flat, gs)
			net.Step(m, g)
			vec.StepVec(p, gs)
		}
		for i := range p {
			if p[i] != m.params[i] {
				t.Errorf("%+v: param %d: StepVec %v, Step %v", o, i, p[i], m.params[i])
			}
		}
		if vec.Steps() != 3 {
			t.Errorf("Steps() = %d, want 3", vec.Steps())
		}
	}
	x := []float64{5}
	opt := NewAdamVec(1, AdamOptions{LR: 0.05})
	for range 2000 {
		opt.StepVec(x, []float64{2 * (x[0] - 1.5)}) // ∇(x − 1.5)²
	}
	if math.Abs(x[0]-1.5) > 1e-3 {
		t.Errorf("minimum of (x − 1.5)² found at %v", x[0])
	}
}

func TestAdamStepVecLengthPanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Fatal("no panic")
		}
	}()
	NewAdamVec(2, AdamOptions{}).StepVec([]float64{1}, []float64{1})
}

package nn

import (
	"math"

	"gonum.org/v1/gonum/floats"
)

// AdamOptions configures Adam. The zero value gives the usual defaults.
type AdamOptions struct {
	LR          float64 // step size; 0 means 1e-3
	Beta1       float64 // first-moment decay in (0, 1); 0 means 0.9
	Beta2       float64 // second-moment decay in (0, 1); 0 means 0.999
	Eps         float64 // denominator guard; 0 means 1e-8
	WeightDecay float64 // decoupled (AdamW) decay θ ← θ − LR·WeightDecay·θ on all parameters; 0 = off
	ClipNorm    float64 // if > 0, gradients with Euclidean norm above ClipNorm are scaled down to it; 0 = off
}

func (o AdamOptions) withDefaults() AdamOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.LR, 1e-3)
	def(&o.Beta1, 0.9)
	def(&o.Beta2, 0.999)
	def(&o.Eps, 1e-8)
	return o
}

// Adam is the Adam optimiser (Kingma & Ba 2015) with bias correction,
// optional decoupled weight decay and gradient-norm clipping. It holds the
// moment estimates for one net architecture; use one Adam per net.
type Adam struct {
	o    AdamOptions
	m, v []float64
	t    int
}

// NewAdam returns an optimiser with zero moments for nets shaped like m.
func NewAdam(m *MLP, o AdamOptions) *Adam {
	n := len(m.params)
	return &Adam{o: o.withDefaults(), m: make([]float64, n), v: make([]float64, n)}
}

// Options returns the options in effect, defaults filled in.
func (a *Adam) Options() AdamOptions { return a.o }

// Steps returns the number of Step calls so far.
func (a *Adam) Steps() int { return a.t }

// Step applies one update to m using gradient g (∂loss/∂θ, which it does
// not modify). It panics if m or g does not match the optimiser's shape.
func (a *Adam) Step(m *MLP, g *Grad) {
	if len(m.params) != len(a.m) || len(g.flat) != len(a.m) {
		panic("nn: Adam, network and gradient shapes differ")
	}
	a.update(m.params, g.flat)
}

// NewAdamVec returns an optimiser with zero moments for a plain vector of n
// parameters (e.g. SAC's learned log temperature), updated by StepVec.
func NewAdamVec(n int, o AdamOptions) *Adam {
	return &Adam{o: o.withDefaults(), m: make([]float64, n), v: make([]float64, n)}
}

// StepVec applies one update to the parameter vector p using gradient g
// (same length, not modified), exactly as Step does for a net's flat
// parameters. It panics if p or g does not have the optimiser's length.
func (a *Adam) StepVec(p, g []float64) {
	if len(p) != len(a.m) || len(g) != len(a.m) {
		panic("nn: Adam, parameter and gradient lengths differ from the optimiser's")
	}
	a.update(p, g)
}

// update is one Adam step on p with gradient g.
func (a *Adam) update(p, g []float64) {
	o := a.o
	scale := 1.0
	if o.ClipNorm > 0 {
		if n := floats.Norm(g, 2); n > o.ClipNorm {
			scale = o.ClipNorm / n
		}
	}
	a.t++
	c1 := 1 - math.Pow(o.Beta1, float64(a.t))
	c2 := 1 - math.Pow(o.Beta2, float64(a.t))
	decay := 1 - o.LR*o.WeightDecay
	mo, vo := a.m, a.v[:len(a.m)]
	p = p[:len(mo)]
	for i, gi := range g[:len(mo)] {
		gi *= scale
		mo[i] = o.Beta1*mo[i] + (1-o.Beta1)*gi
		vo[i] = o.Beta2*vo[i] + (1-o.Beta2)*gi*gi
		p[i] = decay*p[i] - o.LR*(mo[i]/c1)/(math.Sqrt(vo[i]/c2)+o.Eps)
	}
}

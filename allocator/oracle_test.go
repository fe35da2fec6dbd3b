package allocator_test

import (
	"gonum.org/v1/gonum/optimize"

	"github.com/airansim/airansim/sim"
)

// solveNumerically is the independent oracle for problem (16) on one resource: it minimises
// Σ a_i/x_i, a_i = ω_iΨ_i, over {x ≥ f, Σ x ≤ c} with a general-purpose quasi-Newton method and no
// knowledge of the square-root structure. Instances with a_i = 0 contribute nothing whatever x_i is,
// so they sit at their floors; the others, whose terms strictly decrease in x_i, take the residual
// R = c − Σ f through the smooth reparametrisation x_i = f_i + R·y_i²/Σ_j y_j², which maps R^m \ {0}
// onto the feasible set with Σ x = c (a share that should be 0 is a regular minimum at y_i = 0, unlike
// with a softmax, whose gradient vanishes exponentially there). BFGS (gonum optimize) then minimises
// over y, on data scaled so that max a = 1 and c = 1. It returns the objective and the allocation; floors must be feasible.
func solveNumerically(c float64, d []sim.Demand) (float64, []float64, error) {
	x := make([]float64, len(d))
	var idx []int
	amax, sumF := 0.0, 0.0
	for i, v := range d {
		x[i] = max(v.Floor, 0)
		sumF += x[i]
		if a := v.Urgency * v.Work; a > 0 {
			idx = append(idx, i)
			amax = max(amax, a)
		}
	}
	if len(idx) == 0 {
		return 0, x, nil
	}
	p := newShareProblem(c, sumF, amax, d, idx)
	y := make([]float64, len(idx))
	for j := range y {
		y[j] = 1 // Equal shares to start.
	}
	if len(y) > 1 {
		var err error
		if y, err = minimizeRestarting(p, y); err != nil {
			return 0, nil, err
		}
	}
	return p.value(y) * amax / c, p.alloc(y, x, c), nil
}

// minimizeRestarting runs BFGS from y and restarts it from the best point (with a fresh Hessian
// estimate) until a run improves the objective by less than 1e-15 relative, at most 50 runs. Restarts
// recover from line-search failures in the ill-conditioned valleys where some share tends to 0.
func minimizeRestarting(p *shareProblem, y []float64) ([]float64, error) {
	settings := &optimize.Settings{
		GradientThreshold: 1e-14,
		Converger:         &optimize.FunctionConverge{Absolute: 1e-16, Relative: 1e-15, Iterations: 50},
		MajorIterations:   2000,
	}
	prob := optimize.Problem{Func: p.value, Grad: p.grad}
	best := p.value(y)
	for range 50 {
		res, err := optimize.Minimize(prob, y, settings, &optimize.BFGS{})
		if res == nil {
			return nil, err
		}
		// A line-search failure at round-off level still leaves the best point found in res.X.
		improved := best - res.F
		if res.F < best {
			y, best = res.X, res.F
		}
		if improved <= 1e-15*best {
			break
		}
	}
	return y, nil
}

// shareProblem holds the scaled data of solveNumerically and scratch space.
type shareProblem struct {
	a, f []float64 // a_i/max a and f_i/c of the instances with a_i > 0.
	r    float64   // (c − Σ f)/c.
	idx  []int
	p, g []float64
}

func newShareProblem(c, sumF, amax float64, d []sim.Demand, idx []int) *shareProblem {
	m := len(idx)
	s := &shareProblem{a: make([]float64, m), f: make([]float64, m), r: (c - sumF) / c, idx: idx,
		p: make([]float64, m), g: make([]float64, m)}
	for j, i := range idx {
		s.a[j] = d[i].Urgency * d[i].Work / amax
		s.f[j] = max(d[i].Floor, 0) / c
	}
	return s
}

// shares fills s.p with y_j²/Σ y_k².
func (s *shareProblem) shares(y []float64) {
	sum := 0.0
	for _, v := range y {
		sum += v * v
	}
	for j, v := range y {
		s.p[j] = v * v / sum
	}
}

// value is the scaled objective Σ a_j/(f_j + r p_j).
func (s *shareProblem) value(y []float64) float64 {
	s.shares(y)
	obj := 0.0
	for j := range s.a {
		obj += s.a[j] / (s.f[j] + s.r*s.p[j])
	}
	return obj
}

// grad writes ∂F/∂y_j = (2y_j/Σy²)(g_j − Σ_k p_k g_k) with g_k = ∂F/∂p_k = −a_k r/(f_k + r p_k)².
func (s *shareProblem) grad(out, y []float64) {
	s.shares(y)
	mean, sum := 0.0, 0.0
	for j := range s.a {
		x := s.f[j] + s.r*s.p[j]
		s.g[j] = -s.a[j] * s.r / (x * x)
		mean += s.p[j] * s.g[j]
		sum += y[j] * y[j]
	}
	for j := range out {
		out[j] = 2 * y[j] / sum * (s.g[j] - mean)
	}
}

// alloc writes the unscaled allocation for y into x (which already holds the floors).
func (s *shareProblem) alloc(y, x []float64, c float64) []float64 {
	s.shares(y)
	for j, i := range s.idx {
		x[i] = (s.f[j] + s.r*s.p[j]) * c
	}
	return x
}

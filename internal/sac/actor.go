package sac

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/airansim/airansim/internal/nn"
)

// halfLog2Pi is log(2π)/2.
var halfLog2Pi = 0.5 * math.Log(2*math.Pi)

// Actor is the tanh-squashed Gaussian policy: Net maps an observation to the d means μ followed by
// the d raw log-stds ρ (see the package documentation for the squashing). Mean and Sample only read
// it; Mean is safe for concurrent use.
type Actor struct {
	Net       *nn.MLP
	LogStdMin float64 // lower bound of log σ
	LogStdMax float64 // upper bound of log σ
}

// NewActor wraps net, which must have an even, non-zero number of outputs, with the log-std bounds
// lo < hi.
func NewActor(net *nn.MLP, lo, hi float64) (*Actor, error) {
	if net == nil || net.Outputs()%2 != 0 {
		return nil, fmt.Errorf("sac: actor network needs 2·(action dimension) outputs")
	}
	if !(lo < hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil, fmt.Errorf("sac: log-std bounds [%v, %v] must be finite with lo < hi", lo, hi)
	}
	return &Actor{Net: net, LogStdMin: lo, LogStdMax: hi}, nil
}

// Dim returns the action dimension d.
func (p *Actor) Dim() int { return p.Net.Outputs() / 2 }

// Mean stores the deterministic action tanh(μ(obs)) ∈ (−1, 1)^d in out (resliced or reallocated as
// for nn.MLP.Forward) and returns it. It allocates nothing when d ≤ 64 and out has room.
func (p *Actor) Mean(obs, out []float64) []float64 {
	var buf [128]float64
	y := p.Net.Forward(obs, buf[:0])
	d := p.Dim()
	out = resize(out, d)
	for i := range out {
		out[i] = math.Tanh(y[i])
	}
	return out
}

// Sample draws an action a ~ π(·|obs) with noise from rng, stores it in out (resliced or
// reallocated) and returns it with its log-density log π(a|obs) in nats.
func (p *Actor) Sample(obs []float64, rng *rand.Rand, out []float64) ([]float64, float64) {
	var buf [128]float64
	y := p.Net.Forward(obs, buf[:0])
	d := p.Dim()
	out = resize(out, d)
	logp := 0.0
	for i := range out {
		ls, _ := p.logStd(y[d+i])
		eps := rng.NormFloat64()
		u := y[i] + math.Exp(ls)*eps
		out[i] = math.Tanh(u)
		logp += logDensity(eps, ls, u)
	}
	return out, logp
}

// logStd squashes a raw output ρ into [LogStdMin, LogStdMax] and returns log σ and ∂log σ/∂ρ.
func (p *Actor) logStd(raw float64) (ls, dls float64) {
	t := math.Tanh(raw)
	half := 0.5 * (p.LogStdMax - p.LogStdMin)
	return p.LogStdMin + half*(t+1), half * (1 - t*t)
}

// logDensity is one dimension's term of log π(a|s) for a = tanh(u), u = μ + σε, log σ = ls.
func logDensity(eps, ls, u float64) float64 {
	return -0.5*eps*eps - ls - halfLog2Pi - logOneMinusTanh2(u)
}

// logOneMinusTanh2 returns log(1 − tanh²u) without cancellation for large |u|.
func logOneMinusTanh2(u float64) float64 {
	return 2 * (math.Ln2 - u - softplus(-2*u))
}

// softplus returns log(1 + eˣ) stably.
func softplus(x float64) float64 { return math.Max(x, 0) + math.Log1p(math.Exp(-math.Abs(x))) }

// resize returns s with length n, reusing its storage when its capacity allows.
func resize(s []float64, n int) []float64 {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]float64, n)
}

package traces

import (
	"fmt"
	"math"
)

// Load holds the base (unscaled) demand and the capacity that define the load ρ of DESIGN.md and
// the paper (section IV):
//
//	ρ(f) = f·λ_AI·W̄_AI / G_AI(f),   G_AI(f) = G − max(f·λ_RAN·W̄_DU, R)
//
// where f is the rate factor applied to both the AI and the RAN arrival rates (the paper scales
// both by the same factor) and R is the GPU capacity reserved for the RAN floors (the paper's "after
// the RAN floor reservation"; 0 leaves only the expected RAN demand, DESIGN.md's definition). All
// fields are ≥ 0 and finite; AIRate, AIWork and GPUCapacity are > 0.
type Load struct {
	AIRate      float64 // λ_AI: base AI arrival rate, requests/s.
	AIWork      float64 // W̄_AI: mean GPU work per AI request, TFLOP.
	RANRate     float64 // λ_RAN: base RAN-only arrival rate, requests/s.
	RANWork     float64 // W̄_DU: mean DU GPU work per RAN-only request, TFLOP.
	GPUCapacity float64 // G = Σ_n G_n: cluster GPU capacity, TFLOP/s.
	RANReserve  float64 // R: GPU capacity reserved for RAN floors, TFLOP/s; 0: none.
}

func (l Load) validate() error {
	v := [...]float64{l.AIRate, l.AIWork, l.RANRate, l.RANWork, l.GPUCapacity, l.RANReserve}
	for _, x := range v {
		if !(x >= 0) || math.IsInf(x, 0) {
			return fmt.Errorf("traces: load: %+v has a negative or non-finite field", l)
		}
	}
	if l.AIRate == 0 || l.AIWork == 0 || l.GPUCapacity == 0 {
		return fmt.Errorf("traces: load: AIRate, AIWork and GPUCapacity must be > 0")
	}
	return nil
}

// Rho returns ρ at rate factor f > 0. It returns an error if the scaled RAN demand f·λ_RAN·W̄_DU
// leaves no GPU capacity for AI.
func (l Load) Rho(f float64) (float64, error) {
	if err := l.validate(); err != nil {
		return 0, err
	}
	if !(f > 0) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("traces: load: rate factor %v, want > 0", f)
	}
	ran := max(f*l.RANRate*l.RANWork, l.RANReserve)
	g := l.GPUCapacity - ran
	if !(g > 0) {
		return 0, fmt.Errorf("traces: load: RAN demand or reservation %v TFLOP/s leaves no GPU capacity for AI", ran)
	}
	return f * l.AIRate * l.AIWork / g, nil
}

// Factor returns the rate factor f > 0 with Rho(f) = rho, in closed form: f = ρ·(G − R)/(λ_AI·W̄_AI)
// when the reservation R covers the scaled RAN demand, otherwise
//
//	f = ρ·G / (λ_AI·W̄_AI + ρ·λ_RAN·W̄_DU)
//
// Use it as AIOptions.TimeScale and multiply the RAN rates by it. It returns an error unless rho > 0,
// the Load is valid and R < G. G_AI(f) > 0 always holds at the returned f.
func (l Load) Factor(rho float64) (float64, error) {
	if err := l.validate(); err != nil {
		return 0, err
	}
	if !(rho > 0) || math.IsInf(rho, 0) {
		return 0, fmt.Errorf("traces: load: rho %v, want > 0", rho)
	}
	if l.RANReserve >= l.GPUCapacity {
		return 0, fmt.Errorf("traces: load: RAN reservation %v TFLOP/s leaves no GPU capacity for AI", l.RANReserve)
	}
	if f := rho * (l.GPUCapacity - l.RANReserve) / (l.AIRate * l.AIWork); f*l.RANRate*l.RANWork <= l.RANReserve {
		return f, nil
	}
	return rho * l.GPUCapacity / (l.AIRate*l.AIWork + rho*l.RANRate*l.RANWork), nil
}

// StreamLoad is the base arrival rate and mean GPU work of one AI stream.
type StreamLoad struct {
	Rate float64 // Arrival rate, requests/s.
	Work float64 // Mean GPU work per request, TFLOP.
}

// CombineStreams returns the total rate of several AI streams, requests/s, and their rate-weighted
// mean GPU work per request, TFLOP (0 if the total rate is 0): the λ_AI and W̄_AI of a Load.
func CombineStreams(parts ...StreamLoad) (rate, work float64) {
	var demand float64
	for _, p := range parts {
		rate += p.Rate
		demand += p.Rate * p.Work
	}
	if rate == 0 {
		return 0, 0
	}
	return rate, demand / rate
}

// ModelStreamLoad returns the base rate and mean GPU work of a Sampler of t whose requests cost c:
// analytic, from the model's quantile tables (TableRate, TableMeans) and the linear cost model, so
// no sampling and no seed are involved. Token rounding makes sampled means differ by well under 1 %.
func ModelStreamLoad(t *TraceModel, c CostParams) StreamLoad {
	p, o, _ := t.TableMeans()
	return StreamLoad{Rate: t.TableRate(), Work: c.MeanGPUWork(p, o)}
}

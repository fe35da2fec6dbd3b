package orchestran

import (
	"fmt"
	"math"
)

// InputType is t^IN_m, the kind of data a model consumes.
type InputType int

// The paper's two input types (section VII): RAN metrics (throughput, buffer) and IQ samples.
const (
	Metrics InputType = iota
	IQ
)

// Model is one entry m of the ML/AI catalogue.
type Model struct {
	Name string
	// Funcs is ℱ_m: the indexes (into Catalog.Functions) of the functions m offers (σ_{m,f} = 1).
	Funcs []int
	// Gamma is γ_{m,f}, the performance score of m for Funcs[j]; nil means 1 for every function.
	Gamma []float64
	// Beta is β_{m,f,d} by the tier of the requested node d (the same for every f in Funcs); nil means
	// 1 on every tier, the paper's β = σ.
	Beta []float64
	// Input is t^IN_m.
	Input InputType
	// InputBytes is s_{t^IN_m}, the bytes one input sample takes (≥ 0).
	InputBytes float64
	// Cores is ρ_m, the cores one instance needs (> 0).
	Cores float64
	// ExecMs is T^exec_m, the execution time in ms on any node (≥ 0).
	ExecMs float64
}

// Catalog is the ML/AI catalogue: the functions ℱ by name and the models ℳ.
type Catalog struct {
	Functions []string
	Models    []Model
}

// Validate reports the first malformed model: an unknown or repeated function, a Gamma or Beta of the
// wrong length, or a negative or NaN size, core count, score or execution time.
func (c *Catalog) Validate() error {
	if len(c.Functions) == 0 || len(c.Models) == 0 {
		return fmt.Errorf("%w: catalogue: no functions or no models", ErrInvalid)
	}
	for m, mod := range c.Models {
		key := fmt.Sprintf("model %d (%s)", m, mod.Name)
		if len(mod.Funcs) == 0 {
			return fmt.Errorf("%w: %s: offers no function", ErrInvalid, key)
		}
		seen := map[int]bool{}
		for _, f := range mod.Funcs {
			if f < 0 || f >= len(c.Functions) {
				return fmt.Errorf("%w: %s: function %d", ErrUnknownFunction, key, f)
			}
			if seen[f] {
				return fmt.Errorf("%w: %s: function %d listed twice", ErrInvalid, key, f)
			}
			seen[f] = true
		}
		if mod.Gamma != nil && len(mod.Gamma) != len(mod.Funcs) {
			return fmt.Errorf("%w: %s: %d scores for %d functions", ErrInvalid, key, len(mod.Gamma), len(mod.Funcs))
		}
		if mod.Beta != nil && len(mod.Beta) != NumTiers {
			return fmt.Errorf("%w: %s: %d suitabilities (want one per tier)", ErrInvalid, key, len(mod.Beta))
		}
		if err := checkModelNumbers(key, mod); err != nil {
			return err
		}
	}
	return nil
}

func checkModelNumbers(key string, mod Model) error {
	if !(mod.Cores > 0) || math.IsInf(mod.Cores, 0) {
		return fmt.Errorf("%w: %s: cores %v (want > 0)", ErrNegative, key, mod.Cores)
	}
	for _, v := range append(append([]float64{mod.InputBytes, mod.ExecMs}, mod.Gamma...), mod.Beta...) {
		if !(v >= 0) || math.IsInf(v, 0) {
			return fmt.Errorf("%w: %s: %v (want finite ≥ 0)", ErrNegative, key, v)
		}
	}
	return nil
}

// Sigma is σ_{m,f}.
func (c *Catalog) Sigma(m, f int) bool {
	for _, g := range c.Models[m].Funcs {
		if g == f {
			return true
		}
	}
	return false
}

// Score is A_{m,f,d} = β_{m,f,d}·γ_{m,f}·σ_{m,f} for a function requested on a node of tier tier.
func (c *Catalog) Score(m, f int, tier Tier) float64 {
	mod := c.Models[m]
	for j, g := range mod.Funcs {
		if g != f {
			continue
		}
		a := 1.0
		if mod.Gamma != nil {
			a = mod.Gamma[j]
		}
		if mod.Beta != nil {
			a *= mod.Beta[tier]
		}
		return a
	}
	return 0
}

package nn

import (
	"fmt"
	"math"
)

// Activation is an element-wise nonlinearity applied after a layer's affine
// map. The zero value is ReLU.
type Activation int

// The supported activations.
const (
	ReLU     Activation = iota // max(0, z); derivative 1 for z > 0, else 0
	Tanh                       // tanh(z), range (-1, 1)
	Sigmoid                    // 1/(1+e^-z), range (0, 1)
	Identity                   // z (linear output)
)

var activationNames = [...]string{ReLU: "relu", Tanh: "tanh", Sigmoid: "sigmoid", Identity: "identity"}

// String returns the lower-case name used in the JSON format ("relu",
// "tanh", "sigmoid", "identity"), or "Activation(n)" for an invalid value.
func (a Activation) String() string {
	if a.valid() {
		return activationNames[a]
	}
	return fmt.Sprintf("Activation(%d)", int(a))
}

func (a Activation) valid() bool { return a >= 0 && int(a) < len(activationNames) }

// parseActivation is the inverse of String.
func parseActivation(s string) (Activation, error) {
	for i, n := range activationNames {
		if n == s {
			return Activation(i), nil
		}
	}
	return 0, fmt.Errorf("nn: unknown activation %q", s)
}

// apply overwrites v with a(v).
func (a Activation) apply(v []float64) {
	switch a {
	case ReLU:
		for i, z := range v {
			if z < 0 {
				v[i] = 0
			}
		}
	case Tanh:
		for i, z := range v {
			v[i] = math.Tanh(z)
		}
	case Sigmoid:
		for i, z := range v {
			v[i] = 1 / (1 + math.Exp(-z))
		}
	}
}

// backprop multiplies the upstream gradient d element-wise by a'(z),
// expressed through the activation output y = a(z).
func (a Activation) backprop(d, y []float64) {
	y = y[:len(d)]
	switch a {
	case ReLU:
		for i, v := range y {
			if v <= 0 {
				d[i] = 0
			}
		}
	case Tanh:
		for i, v := range y {
			d[i] *= 1 - v*v
		}
	case Sigmoid:
		for i, v := range y {
			d[i] *= v * (1 - v)
		}
	}
}

package nn

import (
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/rng"
)

// MLP is a fully connected feed-forward network. Layer l maps sizes[l]
// inputs to sizes[l+1] outputs as y = act_l(W_l x + b_l). All parameters live
// in one flat slice (per layer: W row-major by output unit, then b), so a
// Grad and the Adam moments share that layout.
//
// Forward, MSE and the accessors only read the net and are safe for
// concurrent use; Step, SoftUpdate, Fit and UnmarshalJSON mutate it. Build
// one with New, Clone or Load; the zero MLP is only a target for
// UnmarshalJSON.
type MLP struct {
	sizes  []int
	acts   []Activation // one per layer
	params []float64
	w, b   [][]float64 // per-layer views into params
}

// New returns a net with layer widths sizes (sizes[0] inputs, the last
// entry outputs), activation hidden on every hidden layer and output on the
// last. Weights are drawn from the random stream (seed, component) of package rng (component names
// the network, e.g. "critic/init", so that two networks built from one seed differ): He normal
// (std √(2/fan_in)) for ReLU layers, Glorot uniform (±√(6/(fan_in+fan_out)))
// otherwise; biases start at 0. The same arguments always give the same net.
// It fails on fewer than 2 sizes, a size < 1 or an invalid activation.
func New(sizes []int, hidden, output Activation, seed uint64, component string) (*MLP, error) {
	acts := make([]Activation, 0, len(sizes))
	for l := 1; l < len(sizes); l++ {
		if l == len(sizes)-1 {
			acts = append(acts, output)
		} else {
			acts = append(acts, hidden)
		}
	}
	m, err := newShaped(sizes, acts)
	if err != nil {
		return nil, err
	}
	r := rng.New(seed, component)
	for l, w := range m.w {
		in, out := float64(sizes[l]), float64(sizes[l+1])
		if acts[l] == ReLU {
			std := math.Sqrt(2 / in)
			for i := range w {
				w[i] = std * r.NormFloat64()
			}
			continue
		}
		lim := math.Sqrt(6 / (in + out))
		for i := range w {
			w[i] = lim * (2*r.Float64() - 1)
		}
	}
	return m, nil
}

// newShaped validates the architecture and returns a zero-parameter net.
func newShaped(sizes []int, acts []Activation) (*MLP, error) {
	if len(sizes) < 2 {
		return nil, fmt.Errorf("nn: need at least 2 layer sizes, got %d", len(sizes))
	}
	if len(acts) != len(sizes)-1 {
		return nil, fmt.Errorf("nn: %d activations for %d layers", len(acts), len(sizes)-1)
	}
	n := 0
	for l, s := range sizes {
		if s < 1 {
			return nil, fmt.Errorf("nn: layer size %d is %d, want >= 1", l, s)
		}
		if l > 0 {
			n += sizes[l-1]*s + s
		}
	}
	for l, a := range acts {
		if !a.valid() {
			return nil, fmt.Errorf("nn: layer %d has invalid activation %d", l, int(a))
		}
	}
	m := &MLP{sizes: append([]int(nil), sizes...), acts: append([]Activation(nil), acts...)}
	m.setParams(make([]float64, n))
	return m, nil
}

// setParams installs p as the flat parameter slice and rebuilds the views.
func (m *MLP) setParams(p []float64) {
	m.params = p
	m.w, m.b = layerViews(m.sizes, p)
}

// layerViews slices a flat parameter-shaped vector into per-layer W and b.
func layerViews(sizes []int, p []float64) (w, b [][]float64) {
	w = make([][]float64, len(sizes)-1)
	b = make([][]float64, len(sizes)-1)
	off := 0
	for l := range w {
		nw, nb := sizes[l]*sizes[l+1], sizes[l+1]
		w[l] = p[off : off+nw : off+nw]
		b[l] = p[off+nw : off+nw+nb : off+nw+nb]
		off += nw + nb
	}
	return w, b
}

// Inputs returns the input width sizes[0].
func (m *MLP) Inputs() int { return m.sizes[0] }

// Outputs returns the output width, the last layer size.
func (m *MLP) Outputs() int { return m.sizes[len(m.sizes)-1] }

// Params returns the number of trainable scalars (weights plus biases).
func (m *MLP) Params() int { return len(m.params) }

// Sizes returns a copy of the layer widths, inputs first.
func (m *MLP) Sizes() []int { return append([]int(nil), m.sizes...) }

// Activations returns a copy of the per-layer activations, first layer first.
func (m *MLP) Activations() []Activation { return append([]Activation(nil), m.acts...) }

// Clone returns a deep copy sharing no memory with m.
func (m *MLP) Clone() *MLP {
	c := &MLP{sizes: m.Sizes(), acts: m.Activations()}
	c.setParams(append([]float64(nil), m.params...))
	return c
}

// SoftUpdate performs Polyak averaging towards src, θ ← τ·θ_src + (1−τ)·θ,
// as used for target networks: tau = 1 copies src, tau = 0 keeps m. It
// panics if tau is outside [0, 1] or src has a different architecture.
func (m *MLP) SoftUpdate(src *MLP, tau float64) {
	if !(tau >= 0 && tau <= 1) {
		panic(fmt.Sprintf("nn: SoftUpdate tau %v outside [0, 1]", tau))
	}
	if err := m.sameShape(src); err != nil {
		panic(err.Error())
	}
	p := m.params
	switch tau {
	case 0:
		return
	case 1:
		copy(p, src.params)
		return
	}
	for i, s := range src.params[:len(p)] {
		p[i] = tau*s + (1-tau)*p[i]
	}
}

// sameShape reports whether o has the same sizes and activations as m.
func (m *MLP) sameShape(o *MLP) error {
	if len(m.sizes) != len(o.sizes) {
		return errors.New("nn: networks have different depths")
	}
	for i := range m.sizes {
		if m.sizes[i] != o.sizes[i] {
			return errors.New("nn: networks have different layer sizes")
		}
	}
	for i := range m.acts {
		if m.acts[i] != o.acts[i] {
			return errors.New("nn: networks have different activations")
		}
	}
	return nil
}

// Param returns trainable scalar i of the flat layout (per layer: W
// row-major by output unit, then b), for finite-difference checks. It
// panics if i is outside [0, Params()).
func (m *MLP) Param(i int) float64 { return m.params[i] }

// SetParam sets trainable scalar i of the flat layout to v. It panics if i
// is outside [0, Params()).
func (m *MLP) SetParam(i int, v float64) { m.params[i] = v }

package nn

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// Workspace records the activations of one ForwardTrain call so a following
// Backward can propagate gradients. It belongs to one net architecture and
// one goroutine at a time; reuse it across calls to avoid allocation.
type Workspace struct {
	act [][]float64 // act[0] = input copy, act[l+1] = output of layer l
	del [][]float64 // del[l] = ∂loss/∂act[l] during Backward
}

// NewWorkspace returns a workspace sized for m (and any net of the same
// architecture).
func (m *MLP) NewWorkspace() *Workspace {
	ws := &Workspace{act: make([][]float64, len(m.sizes)), del: make([][]float64, len(m.sizes))}
	for l, s := range m.sizes {
		ws.act[l] = make([]float64, s)
		ws.del[l] = make([]float64, s)
	}
	return ws
}

// Grad holds ∂loss/∂θ for every parameter of a net, in the net's flat
// layout. Backward adds into it, so one Grad can sum over a batch.
type Grad struct {
	sizes []int
	flat  []float64
	w, b  [][]float64
}

// NewGrad returns a zero gradient shaped like m.
func (m *MLP) NewGrad() *Grad {
	g := &Grad{sizes: m.Sizes(), flat: make([]float64, len(m.params))}
	g.w, g.b = layerViews(g.sizes, g.flat)
	return g
}

// Zero resets every component to 0.
func (g *Grad) Zero() { clear(g.flat) }

// Scale multiplies every component by s, e.g. 1/batch for a mean loss.
func (g *Grad) Scale(s float64) { floats.Scale(s, g.flat) }

// Norm returns the Euclidean norm of the whole gradient.
func (g *Grad) Norm() float64 { return floats.Norm(g.flat, 2) }

// ForwardTrain is Forward that also records every layer's activation in ws
// for Backward. The returned output slice is owned by ws and valid until its
// next use. It panics if len(x) != Inputs() or ws does not fit m.
func (m *MLP) ForwardTrain(ws *Workspace, x []float64) []float64 {
	m.checkInput(x)
	m.checkWorkspace(ws)
	copy(ws.act[0], x)
	for l := range m.w {
		y := ws.act[l+1]
		affine(m.w[l], m.b[l], ws.act[l], y)
		m.acts[l].apply(y)
	}
	return ws.act[len(m.w)]
}

// Backward back-propagates dOut = ∂loss/∂output through the activations
// recorded by the last ForwardTrain(ws, x) and returns ∂loss/∂x (owned by
// ws, valid until its next use). Parameter gradients are added to g; pass a
// nil g to get only the input gradient (e.g. SAC's ∂Q/∂a through a frozen
// critic). It panics if len(dOut) != Outputs() or ws or g does not fit m.
func (m *MLP) Backward(ws *Workspace, dOut []float64, g *Grad) []float64 {
	m.checkWorkspace(ws)
	if len(dOut) != m.Outputs() {
		panic(fmt.Sprintf("nn: output gradient length %d, want %d", len(dOut), m.Outputs()))
	}
	if g != nil && len(g.flat) != len(m.params) {
		panic("nn: gradient does not match network")
	}
	copy(ws.del[len(m.w)], dOut)
	for l := len(m.w) - 1; l >= 0; l-- {
		d, in, dIn := ws.del[l+1], ws.act[l], ws.del[l]
		m.acts[l].backprop(d, ws.act[l+1])
		clear(dIn)
		n := len(in)
		w := m.w[l]
		for o, v := range d {
			if v == 0 {
				continue
			}
			axpy(v, w[o*n:o*n+n], dIn)
			if g != nil {
				axpy(v, in, g.w[l][o*n:o*n+n])
				g.b[l][o] += v
			}
		}
	}
	return ws.del[0]
}

func (m *MLP) checkWorkspace(ws *Workspace) {
	if len(ws.act) != len(m.sizes) {
		panic("nn: workspace does not match network")
	}
	for l, s := range m.sizes {
		if len(ws.act[l]) != s {
			panic("nn: workspace does not match network")
		}
	}
}

// At returns component i of the gradient in the net's flat parameter layout
// (the order of MLP.Param). It panics if i is out of range.
func (g *Grad) At(i int) float64 { return g.flat[i] }

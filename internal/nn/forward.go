package nn

import "fmt"

// stackWidth is the widest hidden layer Forward serves from stack scratch;
// wider nets allocate one scratch buffer per call.
const stackWidth = 256

// Forward computes the network output for input x and stores it in out,
// which is resliced to Outputs() if its capacity allows and reallocated
// otherwise; the result is returned. It allocates nothing when out has room
// and no hidden layer is wider than 256 units, keeps no per-call state in m
// (safe for concurrent use) and panics if len(x) != Inputs(). out must not
// overlap x.
func (m *MLP) Forward(x, out []float64) []float64 {
	m.checkInput(x)
	out = resize(out, m.Outputs())
	wide := m.maxHidden()
	if wide <= stackWidth {
		var buf [2 * stackWidth]float64
		m.forward(x, out, buf[:stackWidth], buf[stackWidth:])
		return out
	}
	buf := make([]float64, 2*wide)
	m.forward(x, out, buf[:wide], buf[wide:])
	return out
}

// forward runs the layers, ping-ponging hidden activations between s0 and s1.
func (m *MLP) forward(x, out, s0, s1 []float64) {
	in := x
	last := len(m.w) - 1
	for l := range m.w {
		dst := out
		if l < last {
			dst = s0[:m.sizes[l+1]]
			s0, s1 = s1, s0
		}
		affine(m.w[l], m.b[l], in, dst)
		m.acts[l].apply(dst)
		in = dst
	}
}

// maxHidden returns the widest hidden layer, 0 for a single-layer net.
func (m *MLP) maxHidden() int {
	w := 0
	for _, s := range m.sizes[1 : len(m.sizes)-1] {
		w = max(w, s)
	}
	return w
}

func (m *MLP) checkInput(x []float64) {
	if len(x) != m.sizes[0] {
		panic(fmt.Sprintf("nn: input length %d, want %d", len(x), m.sizes[0]))
	}
}

// resize returns s with length n, reusing its storage when cap allows.
func resize(s []float64, n int) []float64 {
	if cap(s) >= n {
		return s[:n]
	}
	return make([]float64, n)
}

// affine sets y = W x + b for W row-major len(y) × len(x).
func affine(w, b, x, y []float64) {
	n := len(x)
	b = b[:len(y)]
	for o := range y {
		y[o] = b[o] + dot(w[o*n:o*n+n], x)
	}
}

// dot returns Σ a[i]·b[i] over len(a) terms; b must be at least as long.
// Four partial sums break the add dependency chain.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	for len(a) >= 4 && len(b) >= 4 {
		s0 += a[0] * b[0]
		s1 += a[1] * b[1]
		s2 += a[2] * b[2]
		s3 += a[3] * b[3]
		a, b = a[4:], b[4:]
	}
	for i, v := range a {
		s0 += v * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy sets y += alpha·x over len(x) terms; y must be at least as long.
func axpy(alpha float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}

package nn

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

func TestNewValidation(t *testing.T) {
	cases := []struct {
		name   string
		sizes  []int
		hidden Activation
		want   string // error substring; "" = success
	}{
		{"ok", []int{2, 3, 1}, ReLU, ""},
		{"single layer", []int{4, 2}, Tanh, ""},
		{"nil sizes", nil, ReLU, "at least 2 layer sizes"},
		{"one size", []int{3}, ReLU, "at least 2 layer sizes"},
		{"zero width", []int{2, 0, 1}, ReLU, "layer size 1 is 0"},
		{"negative width", []int{-1, 2}, ReLU, "layer size 0 is -1"},
		{"bad activation", []int{2, 3, 1}, Activation(9), "invalid activation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, err := New(c.sizes, c.hidden, Identity, 1, "test")
			if c.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for l := 1; l < len(c.sizes); l++ {
					n += (c.sizes[l-1] + 1) * c.sizes[l]
				}
				if m.Params() != n || m.Inputs() != c.sizes[0] || m.Outputs() != c.sizes[len(c.sizes)-1] {
					t.Fatalf("Params/Inputs/Outputs = %d/%d/%d", m.Params(), m.Inputs(), m.Outputs())
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), "nn: ") || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want nn: ...%q", err, c.want)
			}
		})
	}
}

func saved(t testing.TB, m *MLP) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestNewDeterministic(t *testing.T) {
	a, _ := New([]int{5, 8, 2}, ReLU, Tanh, 42, "test")
	b, _ := New([]int{5, 8, 2}, ReLU, Tanh, 42, "test")
	c, _ := New([]int{5, 8, 2}, ReLU, Tanh, 43, "test")
	if !bytes.Equal(saved(t, a), saved(t, b)) {
		t.Error("same seed gave different nets")
	}
	if bytes.Equal(saved(t, a), saved(t, c)) {
		t.Error("different seeds gave identical nets")
	}
}

func TestCloneIsDeep(t *testing.T) {
	m := testNet(t, []int{2, 3, 1}, Tanh, Identity, 3)
	c := m.Clone()
	before := saved(t, m)
	c.params[0] += 1
	c.b[1][0] += 1
	if !bytes.Equal(before, saved(t, m)) {
		t.Fatal("mutating the clone changed the original")
	}
}

func TestSoftUpdate(t *testing.T) {
	src := testNet(t, []int{3, 4, 2}, ReLU, Identity, 1)
	dst0 := testNet(t, []int{3, 4, 2}, ReLU, Identity, 2)
	cases := []struct {
		tau  float64
		want func(s, d float64) float64
	}{
		{0, func(s, d float64) float64 { return d }},
		{1, func(s, d float64) float64 { return s }},
		{0.25, func(s, d float64) float64 { return 0.25*s + 0.75*d }},
	}
	for _, c := range cases {
		dst := dst0.Clone()
		dst.SoftUpdate(src, c.tau)
		for i, got := range dst.params {
			if want := c.want(src.params[i], dst0.params[i]); got != want {
				t.Fatalf("tau %v param %d: got %v, want %v", c.tau, i, got, want)
			}
		}
	}
}

func TestSoftUpdatePanics(t *testing.T) {
	m := testNet(t, []int{3, 4, 2}, ReLU, Identity, 1)
	other := testNet(t, []int{3, 5, 2}, ReLU, Identity, 1)
	cases := []struct {
		name string
		src  *MLP
		tau  float64
	}{
		{"tau above 1", m.Clone(), 1.5},
		{"negative tau", m.Clone(), -0.1},
		{"shape mismatch", other, 0.5},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Fatal("no panic")
				}
			}()
			m.SoftUpdate(c.src, c.tau)
		})
	}
}

func TestForwardAllocs(t *testing.T) {
	m := testNet(t, []int{40, 64, 64, 3}, ReLU, Identity, 1)
	x, out := make([]float64, 40), make([]float64, 3)
	if n := testing.AllocsPerRun(100, func() { out = m.Forward(x, out) }); n != 0 {
		t.Fatalf("Forward allocates %v times per call, want 0", n)
	}
	if got := m.Forward(x, out[:0]); &got[0] != &out[0] {
		t.Fatal("Forward did not reuse out's storage")
	}
}

func TestForwardConcurrent(t *testing.T) {
	m := testNet(t, []int{4, 16, 2}, Tanh, Identity, 5)
	x := []float64{1, 2, 3, 4}
	want := m.Forward(x, nil)
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out := make([]float64, 2)
			for range 200 {
				if out = m.Forward(x, out); out[0] != want[0] || out[1] != want[1] {
					errs <- "concurrent Forward gave a different result"
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

func TestForwardWide(t *testing.T) {
	m := testNet(t, []int{3, stackWidth + 5, 2}, Tanh, Identity, 4)
	x := []float64{0.3, -0.2, 1}
	ws := m.NewWorkspace()
	want, got := m.ForwardTrain(ws, x), m.Forward(x, nil)
	for k := range want {
		if got[k] != want[k] {
			t.Fatalf("output %d: %v, want %v", k, got[k], want[k])
		}
	}
}

func BenchmarkForward(b *testing.B) {
	m := testNet(b, []int{40, 64, 64, 3}, ReLU, Identity, 1)
	x, out := make([]float64, 40), make([]float64, 3)
	for i := range x {
		x[i] = float64(i%7) / 7
	}
	b.ReportAllocs()
	for b.Loop() {
		out = m.Forward(x, out)
	}
}

func BenchmarkForwardBackward(b *testing.B) {
	m := testNet(b, []int{40, 64, 64, 3}, ReLU, Identity, 1)
	x, d := make([]float64, 40), []float64{1, -1, 0.5}
	ws, g := m.NewWorkspace(), m.NewGrad()
	b.ReportAllocs()
	for b.Loop() {
		m.ForwardTrain(ws, x)
		m.Backward(ws, d, g)
	}
}

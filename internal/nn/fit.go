package nn

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/rng"
)

// FitOptions configures Fit. The zero value gives the defaults.
type FitOptions struct {
	Epochs    int         // passes over the data; 0 means 200
	Batch     int         // samples per Adam step; 0 means 64
	Seed      uint64      // seeds the per-epoch shuffle (stream "nn/fit/shuffle" of package rng)
	NoShuffle bool        // visit samples in order instead of a seeded shuffle
	Adam      AdamOptions // optimiser settings; zero value = Adam defaults
}

// Fit trains m in place by minibatch Adam on the masked mean squared error
// between m(X[i]) and Y[i], where only entries with mask[i][k] true count
// (nil mask = all). Batches hold Batch samples (the last of an epoch may be
// smaller) and each batch's loss is the mean over its unmasked entries;
// batches with none are skipped. Masked targets are never read, so they may
// be NaN. It returns one training loss per epoch: the masked MSE of the
// predictions made during that epoch, before each batch's update (NaN if
// the data has no unmasked entry). Runs with equal inputs and options give
// bit-identical nets on a given platform. It fails on empty or mis-shaped
// data, non-finite inputs or unmasked targets, or negative Epochs or Batch,
// leaving m untouched.
func Fit(m *MLP, X, Y [][]float64, mask [][]bool, o FitOptions) ([]float64, error) {
	if err := checkData(m, X, Y, mask); err != nil {
		return nil, err
	}
	if o.Epochs == 0 {
		o.Epochs = 200
	}
	if o.Batch == 0 {
		o.Batch = 64
	}
	if o.Epochs < 0 || o.Batch < 0 {
		return nil, fmt.Errorf("nn: Epochs %d and Batch %d must be >= 0", o.Epochs, o.Batch)
	}
	b := newBatcher(m)
	opt := NewAdam(m, o.Adam)
	r := rng.New(o.Seed, "nn/fit/shuffle")
	idx := make([]int, len(X))
	for i := range idx {
		idx[i] = i
	}
	losses := make([]float64, o.Epochs)
	for e := range losses {
		if !o.NoShuffle {
			r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		}
		var sse float64
		var cnt int
		for lo := 0; lo < len(idx); lo += o.Batch {
			s, c := b.grad(m, X, Y, mask, idx[lo:min(lo+o.Batch, len(idx))])
			sse, cnt = sse+s, cnt+c
			if c > 0 {
				opt.Step(m, b.g)
			}
		}
		losses[e] = sse / float64(cnt)
	}
	return losses, nil
}

// batcher holds the per-Fit scratch for batch gradients.
type batcher struct {
	ws   *Workspace
	g    *Grad
	dOut []float64
}

func newBatcher(m *MLP) *batcher {
	return &batcher{ws: m.NewWorkspace(), g: m.NewGrad(), dOut: make([]float64, m.Outputs())}
}

// grad sets b.g to the gradient of the masked MSE over the samples idx and
// returns their summed squared error and unmasked-entry count.
func (b *batcher) grad(m *MLP, X, Y [][]float64, mask [][]bool, idx []int) (sse float64, cnt int) {
	for _, i := range idx {
		cnt += countOn(mask, i, m.Outputs())
	}
	b.g.Zero()
	if cnt == 0 {
		return 0, 0
	}
	scale := 2 / float64(cnt)
	for _, i := range idx {
		out := m.ForwardTrain(b.ws, X[i])
		for k, p := range out {
			b.dOut[k] = 0
			if mask == nil || mask[i][k] {
				r := p - Y[i][k]
				sse += r * r
				b.dOut[k] = scale * r
			}
		}
		m.Backward(b.ws, b.dOut, b.g)
	}
	return sse, cnt
}

// countOn returns the number of unmasked outputs of sample i.
func countOn(mask [][]bool, i, n int) int {
	if mask == nil {
		return n
	}
	c := 0
	for _, on := range mask[i] {
		if on {
			c++
		}
	}
	return c
}

// MSE returns the masked mean squared error of m on (X, Y): the mean of
// (m(X[i])_k − Y[i][k])² over entries with mask[i][k] true (nil mask = all),
// in squared target units; NaN if no entry counts. It panics on data that
// Fit would reject.
func MSE(m *MLP, X, Y [][]float64, mask [][]bool) float64 {
	if err := checkData(m, X, Y, mask); err != nil {
		panic(err.Error())
	}
	var sse float64
	var cnt int
	out := make([]float64, m.Outputs())
	for i, x := range X {
		out = m.Forward(x, out)
		for k, p := range out {
			if mask == nil || mask[i][k] {
				sse += (p - Y[i][k]) * (p - Y[i][k])
				cnt++
			}
		}
	}
	if cnt == 0 {
		return math.NaN()
	}
	return sse / float64(cnt)
}

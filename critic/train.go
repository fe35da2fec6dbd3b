package critic

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/internal/nn"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/sim"
)

// TrainOptions configures Train. The zero value selects every default.
type TrainOptions struct {
	Hidden []int   // hidden layer widths; nil: 64, 64
	Epochs int     // passes over the data; 0: 300
	Batch  int     // samples per Adam step; 0: 128
	LR     float64 // Adam learning rate; 0: 1e-3
	Seed   uint64  // initialisation and shuffling seed
}

// Train fits a critic to samples by masked MSE (eq. 10; components without requests in the
// interval are masked) with Adam. It returns the critic and the training loss per epoch; the result
// is bit-identical for the same samples and options.
func Train(samples []Sample, o TrainOptions) (*Critic, []float64, error) {
	if len(samples) == 0 {
		return nil, nil, fmt.Errorf("critic: no training samples")
	}
	if o.Hidden == nil {
		o.Hidden = []int{64, 64}
	}
	X, Y, mask := matrices(samples)
	scaler, err := nn.FitScaler(X)
	if err != nil {
		return nil, nil, fmt.Errorf("critic: %w", err)
	}
	sizes := append(append([]int{len(samples[0].Features)}, o.Hidden...), sim.Groups) // NumFeatures, or NumScoreFeatures with scores
	net, err := nn.New(sizes, nn.ReLU, nn.Sigmoid, o.Seed, "critic/init")
	if err != nil {
		return nil, nil, fmt.Errorf("critic: %w", err)
	}
	fo := nn.FitOptions{Epochs: o.Epochs, Batch: o.Batch, Seed: o.Seed, Adam: nn.AdamOptions{LR: o.LR}}
	if fo.Epochs == 0 {
		fo.Epochs = 300
	}
	if fo.Batch == 0 {
		fo.Batch = 128
	}
	loss, err := nn.Fit(net, scaler.Transform(X), Y, mask, fo)
	if err != nil {
		return nil, nil, fmt.Errorf("critic: %w", err)
	}
	c, err := New(&nn.Model{Scaler: scaler, Net: net})
	return c, loss, err
}

func matrices(samples []Sample) (X, Y [][]float64, mask [][]bool) {
	for _, s := range samples {
		m := s.Mask()
		X = append(X, s.Features)
		Y = append(Y, s.Target[:])
		mask = append(mask, m[:])
	}
	return X, Y, mask
}

// Eval is a critic's quality on held-out samples.
type Eval struct {
	Samples      int                 // samples evaluated
	MSE          float64             // masked mean squared error over all components
	MSEByGroup   [sim.Groups]float64 // per component (NaN when a group has no defined target)
	Decisions    int                 // epochs evaluated for ranking
	RankAccuracy float64             // share of epochs where the critic's best candidate is (one of) the oracle's best
	MeanRegret   float64             // mean of (oracle's best r̄ − realised r̄ of the critic's pick)
}

// Evaluate scores c on samples grouped by (run, epoch), with r̄ weights w (all zero: equal).
func (c *Critic) Evaluate(samples []Sample, w [sim.Groups]float64) Eval {
	if w == [sim.Groups]float64{} {
		w = [sim.Groups]float64{1, 1, 1}
	}
	e := Eval{Samples: len(samples)}
	var sse [sim.Groups]float64
	var cnt [sim.Groups]int
	type key struct {
		run   string
		epoch int
	}
	type pick struct{ pred, best, realisedOfPick float64 }
	picks := map[key]*pick{}
	var order []key
	for _, s := range samples {
		p := c.PredictFeatures(s.Features)
		for g := range p {
			if s.N[g] > 0 {
				d := p[g] - s.Target[g]
				sse[g] += d * d
				cnt[g]++
			}
		}
		k := key{s.Run, s.Epoch}
		pk, ok := picks[k]
		if !ok {
			pk = &pick{pred: math.Inf(-1), best: math.Inf(-1)}
			picks[k] = pk
			order = append(order, k)
		}
		if v := haf.Mean(p, w); v > pk.pred {
			pk.pred, pk.realisedOfPick = v, s.Realised
		}
		pk.best = math.Max(pk.best, s.Realised)
	}
	total, n := 0.0, 0
	for g := range sse {
		e.MSEByGroup[g] = math.NaN()
		if cnt[g] > 0 {
			e.MSEByGroup[g] = sse[g] / float64(cnt[g])
			total += sse[g]
			n += cnt[g]
		}
	}
	if n > 0 {
		e.MSE = total / float64(n)
	}
	for _, k := range order {
		pk := picks[k]
		e.Decisions++
		if pk.realisedOfPick >= pk.best-1e-12 {
			e.RankAccuracy++
		}
		e.MeanRegret += pk.best - pk.realisedOfPick
	}
	if e.Decisions > 0 {
		e.RankAccuracy /= float64(e.Decisions)
		e.MeanRegret /= float64(e.Decisions)
	}
	return e
}

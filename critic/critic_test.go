package critic_test

import (
	"bytes"
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// collect runs the default scenario under a Collector and returns its samples.
func collect(t *testing.T, load float64, n int, seed uint64) []critic.Sample {
	t.Helper()
	b, err := scenario.Default().Build(scenario.BuildOptions{Load: load, Requests: n, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	col := critic.NewCollector("test", b.Epoch, 0.3, seed)
	b.Config.Controllers, b.Config.Allocator = []sim.ControllerSpec{{Controller: col, Period: b.Epoch}}, allocator.HAF{}
	s, err := sim.New(b.Config)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return col.Samples
}

func TestFeaturesWellFormed(t *testing.T) {
	b, _ := scenario.Default().Build(scenario.BuildOptions{Load: 1, Requests: 3000, Seed: 2})
	b.Config.Allocator = allocator.HAF{}
	s, _ := sim.New(b.Config)
	s.RunUntil(context.Background(), 20)
	snap := s.Snapshot()
	cs := haf.Candidates(snap, nil)
	noop := critic.Features(snap, cs[0], 5, nil)
	for _, c := range cs {
		f := critic.Features(snap, c, 5, nil)
		if len(f) != critic.NumFeatures {
			t.Fatalf("%d features, want %d", len(f), critic.NumFeatures)
		}
		for i, x := range f {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				t.Fatalf("%v: feature %s = %v", c, critic.FeatureNames[i], x)
			}
		}
		for i := 0; i < 13; i++ { // state features are the same for every action
			if f[i] != noop[i] {
				t.Fatalf("%v: state feature %s differs from the no-op's", c, critic.FeatureNames[i])
			}
		}
	}
	for i := 14; i < critic.NumFeatures; i++ {
		if noop[i] != 0 {
			t.Errorf("no-op action feature %s = %v, want 0", critic.FeatureNames[i], noop[i])
		}
	}
}

// TestTrainLearnsAndIsDeterministic trains on early epochs, checks that the loss falls and that the
// fit beats predicting the training mean on the training samples, and that training twice gives
// identical weights. Held-out error is not asserted here: on a run this small (≈600 epochs' samples)
// the later epochs differ from the earlier ones and a 30-epoch fit beats the mean predictor on them
// for only some seeds (6 of 16 seed × size cases tried); traincritic reports it on the full dataset.
func TestTrainLearnsAndIsDeterministic(t *testing.T) {
	samples := collect(t, 1, 3000, 7)
	var train, val []critic.Sample
	for _, s := range samples {
		if s.N == [sim.Groups]int{} {
			continue
		}
		if s.TimeS < 40 {
			train = append(train, s)
		} else {
			val = append(val, s)
		}
	}
	if len(train) < 200 || len(val) < 100 {
		t.Fatalf("too few samples: %d train, %d validation", len(train), len(val))
	}
	o := critic.TrainOptions{Epochs: 30, Seed: 3}
	c, loss, err := critic.Train(train, o)
	if err != nil {
		t.Fatal(err)
	}
	if !(loss[len(loss)-1] < loss[0]) {
		t.Errorf("loss did not decrease: %v → %v", loss[0], loss[len(loss)-1])
	}
	e := c.Evaluate(train, [sim.Groups]float64{})
	if base := meanBaseline(train, train); !(e.MSE < 0.8*base) {
		t.Errorf("training MSE %v not clearly below the mean predictor's %v", e.MSE, base)
	}
	c2, _, _ := critic.Train(train, o)
	var a, b bytes.Buffer
	c.Save(&a)
	c2.Save(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two trainings with the same seed differ")
	}
}

// meanBaseline is the held-out MSE of predicting each group's training mean.
func meanBaseline(train, val []critic.Sample) float64 {
	var sum [sim.Groups]float64
	var n [sim.Groups]int
	for _, s := range train {
		for g := range sum {
			if s.N[g] > 0 {
				sum[g] += s.Target[g]
				n[g]++
			}
		}
	}
	sse, cnt := 0.0, 0
	for _, s := range val {
		for g := range sum {
			if s.N[g] > 0 && n[g] > 0 {
				d := s.Target[g] - sum[g]/float64(n[g])
				sse += d * d
				cnt++
			}
		}
	}
	return sse / float64(cnt)
}

func TestDefaultCritic(t *testing.T) {
	c, err := critic.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range collect(t, 1, 1500, 4)[:50] {
		for _, p := range c.PredictFeatures(s.Features) {
			if !(p >= 0 && p <= 1) {
				t.Fatalf("prediction %v outside [0,1]", p)
			}
		}
	}
	if _, err := critic.Load(bytes.NewReader([]byte(`{"version":1}`))); err == nil {
		t.Error("a malformed weights file loaded")
	}
}

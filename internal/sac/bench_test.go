package sac

import "testing"

// BenchmarkUpdate measures one gradient step with the default networks (64, 64) and batch 256 on a
// 14-feature, 1-action problem (policy/caora's shape).
func BenchmarkUpdate(b *testing.B) {
	a, err := New(14, 1, Options{Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	r := newTestRand(1)
	buf := NewReplay(1000, 14, 1)
	obs, next := make([]float64, 14), make([]float64, 14)
	for range 1000 {
		for i := range obs {
			obs[i], next[i] = r.Float64(), r.Float64()
		}
		buf.Add(Transition{Obs: obs, Action: []float64{2*r.Float64() - 1}, Reward: r.Float64(), Next: next})
	}
	b.ReportAllocs()
	for b.Loop() {
		a.Update(buf)
	}
}

package sim_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// TestProcessorSharingMeanSojourn checks the engine against M/G/1-PS theory: with Poisson arrivals
// the mean sojourn time is E[S]/(1−ρ) whatever the service-time distribution.
func TestProcessorSharingMeanSojourn(t *testing.T) {
	const lambda, meanWork, capacity = 0.7, 1.0, 1.0
	const n = 200_000 // the engine runs this in well under a second
	cases := []struct {
		name string
		work func(*rand.Rand) float64
	}{
		{"exponential", func(r *rand.Rand) float64 { return r.ExpFloat64() * meanWork }},
		{"deterministic", func(*rand.Rand) float64 { return meanWork }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			cfg := oneNode(capacity, 1, 100)
			cfg.HopDelay = 1e-300 // irrelevant: everything is on one node
			cfg.Source = newGen(n, 7, func(i int, _ float64, r *rand.Rand) (sim.Request, float64) {
				return sim.Request{Class: sim.AI, Service: 2, Deadline: 1e9, AIWork: sim.Work{GPU: tc.work(r)}},
					r.ExpFloat64() / lambda
			})
			sink := &collect{}
			cfg.Sink = sink
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			sum := 0.0
			for _, r := range sink.recs {
				if !r.Finished {
					t.Fatalf("request %d unfinished", r.ID)
				}
				sum += r.Latency()
			}
			got := sum / float64(len(sink.recs))
			want := meanWork / capacity / (1 - lambda*meanWork/capacity)
			if rel := math.Abs(got-want) / want; rel > 0.02 {
				t.Errorf("mean sojourn %.4f, M/G/1-PS theory %.4f (%.2f%% off)", got, want, 100*rel)
			}
			t.Logf("mean sojourn %.4f, theory %.4f over %d requests", got, want, len(sink.recs))
		})
	}
}

package sim_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/sim"
)

// outcomeOf counts the records of requests that arrived in [start, end), by group.
func outcomeOf(recs []sim.Record, start, end float64) sim.Outcome {
	o := sim.Outcome{Start: start, End: end}
	for _, r := range recs {
		if r.Arrival >= start && r.Arrival < end {
			g := sim.GroupOf(r.Class, r.Category)
			o.N[g]++
			if r.Met() {
				o.Met[g]++
			}
		}
	}
	return o
}

// TestRolloutMatchesRealisedRun checks that a rollout with the migrations the run then really applies
// predicts exactly the outcome the run realises for the window's requests, and leaves the original
// untouched.
func TestRolloutMatchesRealisedRun(t *testing.T) {
	tests := []struct {
		name string
		ms   sim.Plan
	}{
		{"no-op", nil},
		{"move a large-AI instance", nil}, // filled below from the snapshot
	}
	for k, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := paperConfig(t, 1, 4000, 11)
			sink := &collect{}
			cfg.Sink = sink
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			if err := s.RunUntil(ctx, 7); err != nil {
				t.Fatal(err)
			}
			ms := tc.ms
			if k == 1 {
				for i, in := range s.Snapshot().Instances {
					for to := range s.Snapshot().Nodes {
						m := sim.Migrate{Instance: i, To: to}
						if in.Category == sim.LargeAI && ms == nil && s.Check(m) == nil {
							ms = sim.Plan{m}
						}
					}
				}
			}
			before := len(sink.recs)
			o, err := s.Rollout(ctx, ms, 5)
			if err != nil {
				t.Fatal(err)
			}
			if len(sink.recs) != before || s.Now() != 7 {
				t.Fatalf("rollout touched the original: %d records (was %d), t=%g", len(sink.recs), before, s.Now())
			}
			for _, m := range ms {
				if err := s.Apply(m); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.Run(ctx); err != nil {
				t.Fatal(err)
			}
			want := outcomeOf(sink.recs, 7, 12)
			if o.N != want.N || o.Met != want.Met {
				t.Fatalf("rollout %v/%v, realised %v/%v", o.Met, o.N, want.Met, want.N)
			}
			if k == 1 && (len(ms) != 1 || s.Stats().Migrations[sim.LargeAI] != 1) {
				t.Fatalf("no large-AI migration tested: %v", ms)
			}
			if want.N[sim.GroupLarge] == 0 || want.N[sim.GroupRAN] == 0 {
				t.Fatalf("window too empty to test: %v", want.N)
			}
		})
	}
}

package study_test

import (
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
)

// tally counts finished requests and sums their latencies from the records themselves, an
// independent account of the completion and mean-latency columns.
type tally struct {
	all, large, small int64
	aiSum, largeSum   float64
}

func (t *tally) Record(r sim.Record) {
	if !r.Finished {
		return
	}
	t.all++
	switch {
	case r.Class == sim.AI && r.Category == sim.LargeAI:
		t.large++
		t.aiSum += r.Latency()
		t.largeSum += r.Latency()
	case r.Class == sim.AI:
		t.small++
		t.aiSum += r.Latency()
	}
}

// TestCompletionColumns: completed, large_ai_completed, small_ai_completed, ai_latency_mean_s and
// large_ai_latency_mean_s equal the counts and means of the run's own records, for a method that
// leaves the LLMs on their hot node and one that moves one.
func TestCompletionColumns(t *testing.T) {
	for _, m := range []string{"haf-static", "haf"} {
		var tl tally
		r, err := study.Run(context.Background(), study.Spec{Scenario: scenario.Default(), Method: m, Seed: 2,
			Requests: 600, Sink: &tl})
		if err != nil {
			t.Fatal(err)
		}
		if r.Completed != tl.all || r.LargeAICompleted != tl.large || r.SmallAICompleted != tl.small {
			t.Errorf("%s: completed %d/%d/%d, records say %d/%d/%d", m, r.Completed, r.LargeAICompleted,
				r.SmallAICompleted, tl.all, tl.large, tl.small)
		}
		if r.Completed > r.Requests-r.Unfinished-r.Dropped || tl.large == 0 {
			t.Errorf("%s: %d completed of %d requests (%d unfinished, %d dropped), %d large", m, r.Completed,
				r.Requests, r.Unfinished, r.Dropped, tl.large)
		}
		ai, large := tl.aiSum/float64(tl.large+tl.small), tl.largeSum/float64(tl.large)
		if math.Abs(float64(r.AIMean)-ai) > 1e-12*ai || math.Abs(float64(r.LargeAIMean)-large) > 1e-12*large {
			t.Errorf("%s: mean latency AI %v large %v, records say %v and %v", m, r.AIMean, r.LargeAIMean, ai, large)
		}
	}
}

package main

import (
	"context"
	"io"
	"testing"
	"time"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
)

// BenchmarkQuickRun runs the six runs of `go run ./experiments/scoring --quick` one after another
// in process (no files): one op is the whole quick sweep. observer-ms/op is the wall-clock time of
// the monitoring hubs' Advance calls (their windows included), the experiment's scorer_wall_ms
// summed over the runs. Profile it for scoring's share of a run:
//
//	go test -run '^$' -bench QuickRun -benchtime 40x -cpuprofile cpu.out ./experiments/scoring
//	go tool pprof -top -cum experiments/scoring.test cpu.out | grep -E 'study.Run$|Hub..Advance|Recorder..Range'
func BenchmarkQuickRun(b *testing.B) {
	f, err := parse([]string{"--quick", "--out", b.TempDir()}, io.Discard)
	if err != nil {
		b.Fatal(err)
	}
	sc := scenario.AITRAS()
	var obs time.Duration
	for b.Loop() {
		specs := makeSpecs(f, sc)
		for _, s := range specs {
			if _, err := study.Run(context.Background(), s); err != nil {
				b.Fatal(err)
			}
		}
		for _, s := range specs {
			for _, m := range s.Measures {
				if m.Name == "scorer_wall_ms" {
					obs += time.Duration(m.New().Value(sim.Stats{}) * float64(time.Millisecond))
				}
			}
		}
	}
	b.ReportMetric(float64(obs.Microseconds())/1000/float64(b.N), "observer-ms/op")
}

package sim_test

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/airansim/airansim/internal/cputime"
	"github.com/airansim/airansim/sim"
)

// BenchmarkEnginePaper runs the paper scenario at ρ = 1 (20,000 requests, HAF allocator at every
// event) and reports events per second. The scenario is built, and its garbage collected, outside the
// timed part.
func BenchmarkEnginePaper(b *testing.B) {
	var events int64
	var cpu time.Duration
	for b.Loop() {
		b.StopTimer()
		cfg := paperConfig(b, 1, 20000, 1)
		s, err := sim.New(cfg)
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC() // the scenario build's garbage is not the run's to collect
		b.StartTimer()
		c0 := cputime.Now()
		st, err := s.Run(context.Background())
		cpu += cputime.Now() - c0
		if err != nil {
			b.Fatal(err)
		}
		events += st.Events
	}
	b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
	cputime.Report(b, float64(events), cpu, "events/cpu-s")
}

// BenchmarkEngineMemory runs 20k and 200k requests and reports the peak heap in use, sampled
// every 1,000 events: memory must follow requests in flight, not trace length.
func BenchmarkEngineMemory(b *testing.B) {
	for _, n := range []int{20000, 200000} {
		b.Run(map[int]string{20000: "20k", 200000: "200k"}[n], func(b *testing.B) {
			var peak uint64
			for b.Loop() {
				cfg := paperConfig(b, 0.75, n, 1)
				var ms runtime.MemStats
				k := 0
				cfg.AfterEvent = func(*sim.Sim) {
					if k++; k%1000 == 0 {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
				}
				runtime.GC()
				s, err := sim.New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Run(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

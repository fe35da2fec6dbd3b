package sim_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// scaleRequestsPerNode is the number of requests per node of BenchmarkEngineScale, so that every size
// runs the same work per node.
const scaleRequestsPerNode = 500

// BenchmarkEngineScale runs generated scenarios (scenario.Generate) of 1, 10, 50 and 83 sites (6, 60,
// 300 and 498 nodes, six cells per site) at ρ = 1 with the HAF allocator at every event and no controllers,
// with scaleRequestsPerNode requests per node, and reports ns/event, events/s and node reallocations
// per event: per-event cost should stay flat as the cluster grows, and the reallocations per event
// show that an event's work is local (it reallocates the nodes it touched, not the cluster).
func BenchmarkEngineScale(b *testing.B) { benchScale(b, 1) }

// BenchmarkEngineScaleLight is BenchmarkEngineScale at ρ = 0.5, where a node holds about half a request
// at every size (at ρ = 1 the static placement's large-AI queues grow): what changes with size then is
// the cluster, not the queues.
func BenchmarkEngineScaleLight(b *testing.B) { benchScale(b, 0.5) }

func benchScale(b *testing.B, load float64) {
	for _, sites := range []int{1, 10, 50, 83} {
		b.Run(fmt.Sprintf("nodes=%d", 6*sites), func(b *testing.B) {
			g := generated(b, sites)
			var events, reallocs int64
			var inSystem float64 // Σ mean requests in the system per node over the runs
			for b.Loop() {
				b.StopTimer()
				s, err := sim.New(hafConfig(b, g, scenario.BuildOptions{Load: load, Requests: scaleRequestsPerNode * 6 * sites, Seed: 1}))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				st, err := s.Run(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				events += st.Events
				reallocs += st.Allocations
				inSystem += st.InSystemArea / st.End / float64(6*sites)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(reallocs)/float64(events), "reallocs/event")
			b.ReportMetric(inSystem/float64(b.N), "requests/node")
		})
	}
}

// BenchmarkEngineScaleInterleaved is the control for BenchmarkEngineScale: k independent one-site
// runs (6 nodes each, seeds 1…k, ρ = 1, scaleRequestsPerNode requests per node) stepped one event each
// in turn until all have ended, for k = 1, 10, 50, 83 (the sites of BenchmarkEngineScale's sizes).
// Every event does a 6-node cluster's work, but the memory the events touch is that of k clusters:
// where the 6k-node cluster costs no more per event, its rise with size is the memory hierarchy, not
// work that grows with the cluster.
func BenchmarkEngineScaleInterleaved(b *testing.B) { benchInterleaved(b, 1) }

// BenchmarkEngineScaleLightInterleaved is BenchmarkEngineScaleInterleaved at ρ = 0.5, the control for
// BenchmarkEngineScaleLight.
func BenchmarkEngineScaleLightInterleaved(b *testing.B) { benchInterleaved(b, 0.5) }

func benchInterleaved(b *testing.B, load float64) {
	g := generated(b, 1)
	for _, runs := range []int{1, 10, 50, 83} {
		b.Run(fmt.Sprintf("runs=%d", runs), func(b *testing.B) {
			var events int64
			for b.Loop() {
				b.StopTimer()
				ss := make([]*sim.Sim, runs)
				for k := range ss {
					s, err := sim.New(hafConfig(b, g, scenario.BuildOptions{Load: load, Requests: scaleRequestsPerNode * 6, Seed: uint64(k + 1)}))
					if err != nil {
						b.Fatal(err)
					}
					ss[k] = s
				}
				b.StartTimer()
				stepInTurn(b, ss)
				for _, s := range ss {
					events += s.Stats().Events
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
		})
	}
}

// stepInTurn steps each run of ss by one event in turn until every run has ended.
func stepInTurn(b *testing.B, ss []*sim.Sim) {
	ctx := context.Background()
	for live := len(ss); live > 0; {
		live = 0
		for _, s := range ss {
			if s.Done() {
				continue
			}
			live++
			if err := s.StepOnce(ctx); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkEngineScaleRequests runs the largest generated cluster (83 sites: 498 nodes, 498 cells)
// at ρ = 0.75 with the HAF allocator at every event, no controllers and records discarded, with 1 M
// and 10 M requests, and reports ns/event, the peak number of requests in flight and the peak heap in
// use (HeapInuse sampled every 65,536 events) per request in flight. Run it with -benchtime 1x: a
// 10 M-request run takes about a minute.
func BenchmarkEngineScaleRequests(b *testing.B) {
	g := generated(b, 83)
	for _, n := range []int{1_000_000, 10_000_000} {
		b.Run(fmt.Sprintf("requests=%dM", n/1_000_000), func(b *testing.B) {
			var events, inflight int64
			var peak uint64
			for b.Loop() {
				b.StopTimer()
				cfg := hafConfig(b, g, scenario.BuildOptions{Load: 0.75, Requests: n, Seed: 1})
				var ms runtime.MemStats
				k := 0
				cfg.AfterEvent = func(s *sim.Sim) {
					if k++; k%65536 == 0 {
						st := s.Stats()
						inflight = max(inflight, st.Arrived-st.Ended)
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapInuse)
					}
				}
				runtime.GC()
				s, err := sim.New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				st, err := s.Run(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				if st.Arrived != int64(n) || st.Ended != int64(n) {
					b.Fatalf("%d requests: %d arrived, %d ended", n, st.Arrived, st.Ended)
				}
				events += st.Events
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
			b.ReportMetric(float64(inflight), "peak-inflight")
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(peak)/float64(max(inflight, 1)), "B/inflight")
		})
	}
}

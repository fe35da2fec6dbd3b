package sim

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"
)

// This file shows that the engine's memory follows the requests in flight, not the length of the
// trace, on a stable workload: one node, one small-AI instance served as a processor-sharing queue,
// Poisson arrivals at utilisation 0.7 (an M/M/1-PS queue). Unlike the paper scenario under static
// placement (BenchmarkEngineMemory), nothing here is overloaded, so the number of requests in flight
// stays bounded however long the trace is. It lives in package sim to read the request slab.

// stableRho is the utilisation of the stable workload.
const stableRho = 0.7

// memPoisson is a Source of n AI requests with Poisson arrivals at rate λ = stableRho and
// exponential GPU work of mean 1 TFLOP, served at 1 TFLOP/s. It holds no per-request state.
type memPoisson struct {
	n, i int
	t    float64
	rng  *rand.Rand
}

func (p *memPoisson) Next() (Request, bool, error) {
	if p.i >= p.n {
		return Request{}, false, nil
	}
	r := Request{ID: int64(p.i), Class: AI, Service: 2, Arrival: p.t, Deadline: 1e9,
		AIWork: Work{GPU: p.rng.ExpFloat64()}}
	p.t += p.rng.ExpFloat64() / stableRho
	p.i++
	return r, true, nil
}

// memShare divides a resource among instances in proportion to their work, floors first. It does
// not allocate.
type memShare struct{}

func (memShare) Allocate(capacity float64, d []Demand, out []float64) bool {
	floors, work := 0.0, 0.0
	for _, x := range d {
		floors += x.Floor
		work += x.Work
	}
	if floors > capacity {
		for i, x := range d {
			out[i] = x.Floor * capacity / floors
		}
		return false
	}
	for i, x := range d {
		out[i] = x.Floor
		if work > 0 {
			out[i] += (capacity - floors) * x.Work / work
		}
	}
	return true
}

// stableConfig is the stable workload with n requests: one node hosting a cell (DU, CU-UP) and one
// small-AI instance; records are discarded.
func stableConfig(n int, seed uint64) Config {
	return Config{
		Nodes: []NodeSpec{{Name: "n0", GPU: 1, CPU: 1, VRAMGB: 100}},
		Services: []ServiceSpec{
			{Name: "du0", Category: DU, WeightsGB: 1, ReconfigS: 0.05},
			{Name: "cu0", Category: CUUP, ReconfigS: 0.05},
			{Name: "ai", Category: SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Instances: []InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}},
		Cells:     []CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: memShare{},
		Source:    &memPoisson{n: n, rng: rand.New(rand.NewPCG(seed, 1))},
	}
}

// stableRun is what one run of the stable workload leaves in the engine.
type stableRun struct {
	events       int64
	peakInflight int    // most requests simultaneously in the system
	slabLen      int    // request slots ever created (= peak live requests, since slots are reused)
	slabCap      int    // capacity of the request slab
	eventSlab    int    // event slots ever created
	peakHeap     uint64 // peak HeapInuse sampled every sampleEvery events, bytes (0 if not sampled)
	peakLive     uint64 // peak HeapAlloc just after a forced GC every liveEvery events, bytes (0 if not sampled)
}

// runStable runs the stable workload with n requests. sampleEvery > 0 samples HeapInuse every
// sampleEvery events; liveEvery > 0 forces a GC every liveEvery events and samples HeapAlloc.
//
// HeapInuse includes garbage awaiting collection (the engine allocates one short-lived Request copy
// per arrival), so its peak follows the GC's pacing; after a forced GC, HeapAlloc is what is
// actually retained. The forced GCs change the pacing, so the two are best measured in separate runs.
func runStable(tb testing.TB, n int, seed uint64, sampleEvery, liveEvery int) stableRun {
	tb.Helper()
	cfg := stableConfig(n, seed)
	var out stableRun
	var ms runtime.MemStats
	k := 0
	cfg.AfterEvent = func(s *Sim) {
		out.peakInflight = max(out.peakInflight, s.inflight)
		k++
		if sampleEvery > 0 && k%sampleEvery == 0 {
			runtime.ReadMemStats(&ms)
			out.peakHeap = max(out.peakHeap, ms.HeapInuse)
		}
		if liveEvery > 0 && k%liveEvery == 0 {
			runtime.GC()
			runtime.ReadMemStats(&ms)
			out.peakLive = max(out.peakLive, ms.HeapAlloc)
		}
	}
	s, err := New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	st, err := s.Run(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	if st.Arrived != int64(n) || st.Ended != int64(n) {
		tb.Fatalf("%d requests: %d arrived, %d ended", n, st.Arrived, st.Ended)
	}
	out.events = st.Events
	out.slabLen, out.slabCap, out.eventSlab = len(s.reqs), cap(s.reqs), len(s.q.slab)
	return out
}

// BenchmarkStableMemory runs the stable workload with N and 10·N requests and reports the peak heap
// in use (HeapInuse sampled every 4,096 events, under the GC's own pacing), the peak live heap
// (HeapAlloc after a forced GC every 16,384 events, in a second, untimed run) and the peak number of
// requests in flight. They must stay flat while the trace grows tenfold.
func BenchmarkStableMemory(b *testing.B) {
	for _, n := range []int{20000, 200000} {
		b.Run(fmt.Sprintf("requests=%d", n), func(b *testing.B) {
			var last stableRun
			var peak, live uint64
			for b.Loop() {
				runtime.GC()
				last = runStable(b, n, 1, 4096, 0)
				b.StopTimer()
				runtime.GC()
				l := runStable(b, n, 1, 0, 16384)
				b.StartTimer()
				peak, live = max(peak, last.peakHeap), max(live, l.peakLive)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
			b.ReportMetric(float64(live)/(1<<20), "live-MiB")
			b.ReportMetric(float64(last.peakInflight), "peak-inflight")
			b.ReportMetric(float64(last.slabLen), "req-slots")
		})
	}
}

// TestStableMemoryFlat checks on the stable workload that the engine's own storage does not grow
// with the trace: with 10× more requests, the peak number of live requests, the request slab
// (slots are recycled through freeReq) and the event slab all stay within 2× of the short run.
func TestStableMemoryFlat(t *testing.T) {
	const n = 20000
	short := runStable(t, n, 1, 0, 0)
	long := runStable(t, 10*n, 1, 0, 0)
	t.Logf("requests %d: peak in flight %d, request slots %d (cap %d), event slots %d",
		n, short.peakInflight, short.slabLen, short.slabCap, short.eventSlab)
	t.Logf("requests %d: peak in flight %d, request slots %d (cap %d), event slots %d",
		10*n, long.peakInflight, long.slabLen, long.slabCap, long.eventSlab)
	if long.slabLen != long.peakInflight || short.slabLen != short.peakInflight {
		t.Errorf("request slots (%d, %d) differ from peak in flight (%d, %d): slots are not reused",
			short.slabLen, long.slabLen, short.peakInflight, long.peakInflight)
	}
	for _, c := range []struct {
		what        string
		short, long int
	}{
		{"peak requests in flight", short.peakInflight, long.peakInflight},
		{"request slab capacity", short.slabCap, long.slabCap},
		{"event slab length", short.eventSlab, long.eventSlab},
	} {
		if c.long > 2*c.short {
			t.Errorf("%s grows with the trace: %d for %d requests, %d for %d", c.what, c.short, n, c.long, 10*n)
		}
	}
	// A queue that keeps up holds a few dozen requests at most, never a sizeable part of the trace.
	if long.peakInflight > n/100 {
		t.Errorf("peak in flight %d is not small against %d requests: the workload is not stable", long.peakInflight, 10*n)
	}
}

package telemetry_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// ended returns a recorder of k idle nodes, retention 10 samples, and the ended run it samples.
func ended(tb testing.TB, k int) (*telemetry.Recorder, *sim.Sim) {
	cfg := idleNodes(k)
	cfg.Horizon = 1
	r, s, _ := record(tb, cfg, telemetry.Options{Step: 0.1, Retention: 1})
	return r, s
}

// idleNodes returns twoNodes with k nodes in all (10 TFLOP/s, 4 cores, 10 GB each beyond the first
// two), running to its horizon without requests.
func idleNodes(k int) sim.Config {
	cfg := twoNodes(nil, nil)
	for i := 2; i < k; i++ {
		cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: fmt.Sprint("n", i), GPU: 10, CPU: 4, VRAMGB: 10})
	}
	cfg.NoEarlyStop = true
	return cfg
}

// TestSampleAllocatesNothing: once the ring is full, a sample allocates nothing.
func TestSampleAllocatesNothing(t *testing.T) {
	r, s := ended(t, 6)
	tt := 1.0
	if a := testing.AllocsPerRun(100, func() { tt += 0.1; r.Sample(s, tt) }); a != 0 {
		t.Errorf("%v allocations per sample", a)
	}
}

// BenchmarkSample measures one sample of every node's series (ring full).
func BenchmarkSample(b *testing.B) {
	for _, k := range []int{6, 60, 300} {
		b.Run(fmt.Sprint("nodes=", k), func(b *testing.B) {
			r, s := ended(b, k)
			tt := 1.0
			b.ReportAllocs()
			for range b.N {
				tt += 0.1
				r.Sample(s, tt)
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(k), "ns/node")
		})
	}
}

// BenchmarkRun compares a run of two busy nodes (M/M/1-like AI load, 20,000 requests over ≈ 2,400 s)
// without telemetry and with it at a step of 1 s and 0.1 s.
func BenchmarkRun(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	rs := make([]sim.Request, 20000)
	at := 0.0
	for i := range rs {
		rs[i] = sim.Request{ID: int64(i), Class: sim.AI, Service: 2 + i%2, Arrival: at, Deadline: 1,
			AIWork: sim.Work{GPU: 8 * rng.ExpFloat64(), CPU: 0.01}}
		at += rng.ExpFloat64() * 0.12
	}
	for _, step := range []float64{0, 1, 0.1} {
		b.Run(fmt.Sprint("step=", step), func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				cfg := twoNodes(rs, nil)
				if step > 0 {
					r, err := telemetry.New(&cfg, telemetry.Options{Step: step})
					if err != nil {
						b.Fatal(err)
					}
					r.Install(&cfg)
				}
				s, err := sim.New(cfg)
				if err != nil {
					b.Fatal(err)
				}
				if _, err := s.Run(context.Background()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkQuery measures the range query a scoring agent makes for one metric of its cluster
// (window 60 s, step 5 s, 13 points) on a recorder of k nodes in two clusters with a full ring,
// and the range selector the experiment's observer reads (the last 5 s of power).
func BenchmarkQuery(b *testing.B) {
	for _, k := range []int{4, 40} {
		cfg := idleNodes(k)
		var c0, c1 []int
		for i := range k {
			if i < k/2 {
				c0 = append(c0, i)
			} else {
				c1 = append(c1, i)
			}
		}
		cfg.Clusters = []sim.ClusterSpec{{Name: "c0", Nodes: c0}, {Name: "c1", Nodes: c1}}
		cfg.Horizon = 120
		r, _, _ := record(b, cfg, telemetry.Options{Step: 1, Retention: 100})
		sel := map[string]string{telemetry.LabelCluster: "c0"}
		b.Run(fmt.Sprint("query/nodes=", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m, err := r.Query(telemetry.PowerW, sel, 60, 120, 5); err != nil || len(m) != k/2 {
					b.Fatal(err, len(m))
				}
			}
		})
		b.Run(fmt.Sprint("range/nodes=", k), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if m, err := r.Range(telemetry.PowerW, sel, 115, 120); err != nil || len(m) != k/2 {
					b.Fatal(err, len(m))
				}
			}
		})
	}
}

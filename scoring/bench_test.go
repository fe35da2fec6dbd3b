package scoring

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// cachedSource answers every query from matrices built once, so the benchmark measures the agents,
// the scorers and the store, not the telemetry.
type cachedSource struct{ m map[string]telemetry.Matrix }

func (c *cachedSource) Query(metric string, match map[string]string, _, _, _ float64) (telemetry.Matrix, error) {
	return c.m[match["cluster"]+"/"+metric], nil
}

// BenchmarkHubInterval measures one scoring interval of the 4 built-in scorers (power forecast
// per node with 2 candidates) on C clusters × N nodes: 4·C calls on windows of 13 samples per node
// and metric, 5·C·N scores stored. ns/op is the cost of one interval.
func BenchmarkHubInterval(b *testing.B) {
	for _, size := range []struct{ clusters, nodes int }{{10, 20}, {1, 6}} {
		b.Run(fmt.Sprintf("clusters=%d/nodes=%d", size.clusters, size.nodes), func(b *testing.B) { benchHub(b, size.clusters, size.nodes) })
	}
}

func benchHub(b *testing.B, clusters, nodes int) { benchHubWith(b, clusters, nodes, nil) }

// benchHubWith is benchHub with every scorer wrapped by wrap (nil: in process).
func benchHubWith(b *testing.B, clusters, nodes int, wrap func(Scorer) Scorer) {
	scs := builtinScorers(b)
	if wrap != nil {
		for i, sc := range scs {
			scs[i] = wrap(sc)
		}
	}
	var sec Section
	for _, sc := range scs {
		f := "${node}"
		if sc.Config().Name == PowerForecastName {
			f = "${node}/${meta}"
		}
		sec.Scorers = append(sec.Scorers, Override{Name: sc.Config().Name, DimensionFormat: f})
	}
	specs, err := sec.Specs(scs)
	if err != nil {
		b.Fatal(err)
	}
	var cs []Cluster
	src := &cachedSource{m: map[string]telemetry.Matrix{}}
	fake := &fakeSource{nodes: nodes, fn: defaultFn}
	for i := range clusters {
		name := fmt.Sprintf("c%d", i)
		cs = append(cs, Cluster{Name: name})
		for _, m := range []string{MetricGPUUtilisation, MetricCPUUtilisation, MetricPower, MetricThroughput} {
			src.m[name+"/"+m], _ = fake.Query(m, map[string]string{"cluster": name}, 40, 100, 5)
		}
	}
	as, err := Distribute(cs, specs, nil, nil)
	if err != nil {
		b.Fatal(err)
	}
	h, err := NewHub(src, as, AgentOptions{})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if err := h.Advance(ctx, float64(5*(i+1))); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if n := len(h.Store().Scores(float64(5 * b.N))); n != clusters*nodes*(3+2) {
		b.Fatalf("%d valid scores, want %d", n, clusters*nodes*5)
	}
}

// BenchmarkHubIntervalHTTP is the paper-sized interval (1 cluster × 6 nodes × 4 built-ins) with
// every scorer behind the Scoring API on loopback.
func BenchmarkHubIntervalHTTP(b *testing.B) {
	benchHubWith(b, 1, 6, func(sc Scorer) Scorer {
		srv := httptest.NewServer(NewHandler(sc))
		b.Cleanup(srv.Close)
		c, err := Dial(context.Background(), srv.URL, ClientOptions{})
		if err != nil {
			b.Fatal(err)
		}
		return c
	})
}

// BenchmarkHubIntervalRecorder is BenchmarkHubInterval on the telemetry of a run (C clusters × N
// busy nodes, 1 s samples), the source the simulator's hubs read: one interval of the 4 built-in
// scorers, windows included, at 65, 70, …, 360 s; then the hub starts again, outside the timer.
func BenchmarkHubIntervalRecorder(b *testing.B) {
	for _, size := range []struct{ clusters, nodes int }{{10, 20}, {1, 6}} {
		b.Run(fmt.Sprintf("clusters=%d/nodes=%d", size.clusters, size.nodes), func(b *testing.B) {
			rec, cs := recordedSize(b, size.clusters, size.nodes, 400)
			var specs []Spec
			for _, sc := range builtinScorers(b) {
				f := "${node}"
				if sc.Config().Name == PowerForecastName {
					f = "${node}/${meta}"
				}
				s, err := NewSpec(sc, Override{DimensionFormat: f})
				if err != nil {
					b.Fatal(err)
				}
				specs = append(specs, s)
			}
			as, err := Distribute(cs, specs, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			var h *Hub
			ctx := context.Background()
			b.ReportAllocs()
			for i := range b.N {
				if i%60 == 0 {
					b.StopTimer()
					if h, err = NewHub(rec, as, AgentOptions{Start: 60}); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
				if err := h.Advance(ctx, 60+float64(5*(i%60+1))); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			if n := len(h.Store().Scores(h.NextDue() - 5)); n != size.clusters*size.nodes*(3+2) {
				b.Fatalf("%d valid scores, want %d", n, size.clusters*size.nodes*5)
			}
		})
	}
}

// recordedSize returns the telemetry (1 s samples, 400 s kept) of a run of horizon s on clusters
// c0, c1, … of nodes busy with small-AI requests, and the clusters.
func recordedSize(tb testing.TB, clusters, nodes int, horizon float64) (*telemetry.Recorder, []Cluster) {
	k := clusters * nodes
	cfg := sim.Config{
		Services:  []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP}},
		Instances: []sim.InstanceSpec{{Service: 0}, {Service: 1}},
		Cells:     []sim.CellSpec{{Name: "c", DU: 0, CU: 1}},
		HopDelay:  1e-6, Allocator: allocator.Proportional{}, Horizon: horizon, NoEarlyStop: true,
	}
	var cs []Cluster
	for c := range clusters {
		name := fmt.Sprintf("c%d", c)
		cs = append(cs, Cluster{Name: name})
		spec := sim.ClusterSpec{Name: name}
		for n := range nodes {
			i := c*nodes + n
			spec.Nodes = append(spec.Nodes, i)
			cfg.Nodes = append(cfg.Nodes, sim.NodeSpec{Name: fmt.Sprintf("n%03d", i), GPU: 50 + float64(i%7)*10, CPU: 4, VRAMGB: 10})
			cfg.Services = append(cfg.Services, sim.ServiceSpec{Name: fmt.Sprint("s", i), Category: sim.SmallAI, WeightsGB: 1})
			cfg.Instances = append(cfg.Instances, sim.InstanceSpec{Service: 2 + i, Node: i})
		}
		cfg.Clusters = append(cfg.Clusters, spec)
	}
	rng := rand.New(rand.NewPCG(7, 8))
	var rs []sim.Request
	for at := 0.0; at < horizon; at += rng.ExpFloat64() / (0.5 * float64(k)) {
		rs = append(rs, sim.Request{ID: int64(len(rs)), Class: sim.AI, Service: 2 + rng.IntN(k), Arrival: at, Deadline: 5,
			AIWork: sim.Work{GPU: 60 * rng.ExpFloat64(), CPU: 0.1 * rng.ExpFloat64()}})
	}
	cfg.Source = &reqList{rs: rs}
	rec, err := telemetry.New(&cfg, telemetry.Options{Step: 1, Retention: 400})
	if err != nil {
		tb.Fatal(err)
	}
	rec.Install(&cfg)
	s, err := sim.New(cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		tb.Fatal(err)
	}
	return rec, cs
}

// reqList is a sim.Source of requests in arrival order.
type reqList struct {
	rs []sim.Request
	i  int
}

func (l *reqList) Next() (sim.Request, bool, error) {
	if l.i == len(l.rs) {
		return sim.Request{}, false, nil
	}
	l.i++
	return l.rs[l.i-1], true, nil
}

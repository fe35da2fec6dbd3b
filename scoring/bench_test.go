package scoring

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

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

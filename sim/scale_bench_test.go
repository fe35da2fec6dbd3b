package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// scaleRequestsPerNode is the number of requests per node of BenchmarkEngineScale, so that every size
// runs the same work per node.
const scaleRequestsPerNode = 500

// BenchmarkEngineScale runs generated scenarios (scenario.Generate) of 1, 10 and 50 sites (6, 60 and
// 300 nodes, six cells per site) at ρ = 1 with the HAF allocator at every event and no controllers,
// with scaleRequestsPerNode requests per node, and reports ns/event and events/s: per-event cost
// should stay flat as the cluster grows.
func BenchmarkEngineScale(b *testing.B) {
	for _, sites := range []int{1, 10, 50} {
		b.Run(fmt.Sprintf("nodes=%d", 6*sites), func(b *testing.B) {
			g, err := scenario.Generate(scenario.GenerateOptions{Sites: sites})
			if err != nil {
				b.Fatal(err)
			}
			var events int64
			for b.Loop() {
				b.StopTimer()
				built, err := g.Build(scenario.BuildOptions{Requests: scaleRequestsPerNode * 6 * sites, Seed: 1})
				if err != nil {
					b.Fatal(err)
				}
				built.Config.Allocator = allocator.HAF{}
				s, err := sim.New(built.Config)
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				st, err := s.Run(context.Background())
				if err != nil {
					b.Fatal(err)
				}
				events += st.Events
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(events), "ns/event")
			b.ReportMetric(float64(events)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

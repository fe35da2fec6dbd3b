package sim_test

import (
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// TestScaleWorkIsLocal: on generated clusters of 1, 10 and 40 sites with the same requests per node,
// an event reallocates as many nodes on average at every size (it reallocates the nodes it touched,
// not the cluster): the work per event does not grow with the cluster (BenchmarkEngineScale times it).
func TestScaleWorkIsLocal(t *testing.T) {
	var base float64
	for _, sites := range []int{1, 10, 40} {
		nodes := 6 * sites
		s, err := sim.New(hafConfig(t, generated(t, sites), scenario.BuildOptions{Load: 0.5, Requests: 300 * nodes, Seed: 1}))
		if err != nil {
			t.Fatal(err)
		}
		st, err := s.Run(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		perEvent := float64(st.Allocations) / float64(st.Events)
		inSystem := st.InSystemArea / st.End / float64(nodes)
		t.Logf("%d nodes: %d events, %.4f reallocations per event, %.3f requests per node", nodes, st.Events, perEvent, inSystem)
		if sites == 1 {
			base = perEvent
			continue
		}
		if math.Abs(perEvent/base-1) > 0.05 {
			t.Errorf("%d nodes: %.4f reallocations per event, %.4f on one site: more than 5 %% apart", nodes, perEvent, base)
		}
	}
}

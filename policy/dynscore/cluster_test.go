package dynscore_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// clusterScorer answers one cluster-level score, 50, with no labels (dimension "${scoreName}").
type clusterScorer struct{}

func (clusterScorer) Config() scoring.Config {
	return scoring.Config{Name: "cluster-scorer", Source: scoring.SourceConfig{Type: scoring.SourceNone},
		Scoring: scoring.ScoringConfig{Params: scoring.ScoringParams{Name: "cluster_score", Interval: 5}}}
}

func (clusterScorer) Score(context.Context, telemetry.Matrix) ([]scoring.Result, error) {
	return []scoring.Result{{Metric: map[string]string{}, Score: 50}}, nil
}

// TestClusterRound: clusters edge (a, b) and core (c); per-node headroom a 10, b 95, c 90, and a
// cluster score 50 that a mask keeps off edge. The node round alone sends the small model from a to
// b (95); a cluster round first (Exact, the cluster score ×1, one cluster: core 50 > edge 0) leaves
// only c.
func TestClusterRound(t *testing.T) {
	node := placement.Spec{Prioritizers: placement.PrioritizerPolicy{Mode: placement.Exact, Configurations: cfgs(addOn(1))}}
	cluster := placement.Spec{NumberOfClusters: 1, Prioritizers: placement.PrioritizerPolicy{Mode: placement.Exact, Configurations: cfgs(
		placement.PrioritizerConfig{Coordinate: placement.Coordinate{Type: placement.CoordinateAddOn, Resource: "cluster_score", ScoreName: "cluster_score"}, Weight: 1})}}
	sec := scoring.Section{Scorers: []scoring.Override{{Name: "cluster-scorer", DimensionFormat: "${scoreName}"}},
		Masks: []scoring.Mask{{ClusterName: "edge", ScoreName: "cluster_score"}}}
	for _, tc := range []struct {
		name     string
		clusters *placement.Spec
		want     sim.Plan
	}{
		{"nodes-only", nil, sim.Plan{sim.Migrate{Instance: 2, To: 1}}},
		{"cluster-first", &cluster, sim.Plan{sim.Migrate{Instance: 2, To: 2}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := three()
			cfg.Clusters = []sim.ClusterSpec{{Name: "edge", Nodes: []int{0, 1}}, {Name: "core", Nodes: []int{2}}}
			sc := &fixed{name: "headroom-scorer", score: "headroom", interval: 5, values: map[string]float64{"a": 10, "b": 95, "c": 90}}
			l, _, _, _ := run(t, cfg, aiLoad(20, 0.5, 1), dynscore.Options{Scorers: []scoring.Scorer{sc, clusterScorer{}}, Scoring: sec,
				Placement: &node, Clusters: tc.clusters}, nil)
			if len(l.plans) == 0 || l.plans[0].t != 5 || !reflect.DeepEqual(l.plans[0].plan, tc.want) {
				t.Fatalf("plans %v, want %v at 5 s", l.plans, tc.want)
			}
		})
	}
}

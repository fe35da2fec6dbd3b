package sim_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

func TestClusterAndSamplerConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		clusters []sim.ClusterSpec
		step     float64
		want     []string // substrings of the error; nil: valid
	}{
		{"none: the default cluster", nil, 1, nil},
		{"two clusters", []sim.ClusterSpec{{Name: "edge", Nodes: []int{1}}, {Name: "core", Nodes: []int{0}}}, 1, nil},
		{"empty name", []sim.ClusterSpec{{Nodes: []int{0, 1}}}, 1, []string{"cluster 0", "empty or duplicate"}},
		{"duplicate name", []sim.ClusterSpec{{Name: "x", Nodes: []int{0}}, {Name: "x", Nodes: []int{1}}}, 1, []string{"cluster 1", `"x"`}},
		{"node out of range", []sim.ClusterSpec{{Name: "x", Nodes: []int{0, 1, 2}}}, 1, []string{"cluster 0 (x)", "node 2 out of range"}},
		{"node in two clusters", []sim.ClusterSpec{{Name: "x", Nodes: []int{0, 1}}, {Name: "y", Nodes: []int{1}}}, 1, []string{"cluster 1 (y)", "node 1 (b)", "already in cluster x"}},
		{"node in none", []sim.ClusterSpec{{Name: "x", Nodes: []int{1}}}, 1, []string{"node 0 (a) is in no cluster"}},
		{"zero sample step", nil, 0, []string{"SampleStep"}},
		{"negative sample step", nil, -1, []string{"SampleStep"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := replicated(2, 0, 1)
			cfg.Source = simtest.NewRequests(nil)
			cfg.Clusters = tc.clusters
			cfg.Sampler, cfg.SampleStep = &samples{}, tc.step
			s, err := sim.New(cfg)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("valid configuration rejected: %v", err)
				}
				checkClusters(t, s, tc.clusters)
				return
			}
			if !errors.Is(err, sim.ErrConfig) {
				t.Fatalf("error %v, want one wrapping sim.ErrConfig", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not name %q", err, w)
				}
			}
		})
	}
}

// checkClusters checks the run's clusters, ClusterOf and the snapshot's against the configured ones.
func checkClusters(t *testing.T, s *sim.Sim, cfg []sim.ClusterSpec) {
	t.Helper()
	if cfg == nil {
		cfg = []sim.ClusterSpec{{Name: sim.DefaultCluster, Nodes: []int{0, 1}}}
	}
	snap := s.Snapshot()
	for k, cl := range cfg {
		if got := s.Clusters()[k]; got.Name != cl.Name || len(got.Nodes) != len(cl.Nodes) {
			t.Errorf("cluster %d: %+v, want %+v", k, got, cl)
		}
		for _, n := range cl.Nodes {
			if s.ClusterOf(n) != k || snap.Nodes[n].Cluster != k || snap.Clusters[k].Name != cl.Name {
				t.Errorf("node %d: cluster %d (snapshot %d), want %d", n, s.ClusterOf(n), snap.Nodes[n].Cluster, k)
			}
		}
	}
}

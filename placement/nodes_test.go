package placement

import (
	"slices"
	"testing"
)

// TestNodesOf: a cluster-level round picks clusters, a node-level round then ranks only their nodes.
func TestNodesOf(t *testing.T) {
	nodes := []Candidate{
		{Name: "n1", Cluster: "edge"}, {Name: "n2", Cluster: "core"}, {Name: "n3", Cluster: "edge"},
		{Name: "edge"}, {Name: "n4", Cluster: "far"},
	}
	tests := []struct {
		name     string
		clusters []string
		want     []string
	}{
		{"one cluster", []string{"edge"}, []string{"n1", "n3"}},
		{"two clusters", []string{"core", "edge"}, []string{"n1", "n2", "n3"}},
		{"none", nil, nil},
		{"unknown cluster", []string{"moon"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, n := range NodesOf(tc.clusters, nodes) {
				got = append(got, n.Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

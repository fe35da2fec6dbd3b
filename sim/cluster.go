package sim

import "sort"

// DefaultCluster is the name of the one cluster that holds every node when Config.Clusters is empty
// (Open Cluster Management's default ManagedClusterSet is also called "default").
const DefaultCluster = "default"

// ClusterSpec is a managed cluster: a named group of nodes under the one hub, with the labels
// (claims) that scoring and placement select clusters by.
type ClusterSpec struct {
	Name   string            // Unique, non-empty.
	Labels map[string]string // Labels and claims, e.g. "gpu": "true"; nil: none. Read-only.
	Nodes  []int             // Indices into Config.Nodes, ascending; every node is in exactly one cluster.
}

// validateClusters checks Config.Clusters: unique non-empty names, nodes in range, and every node in
// exactly one cluster.
func (c *Config) validateClusters() error {
	if len(c.Clusters) == 0 {
		return nil
	}
	names := map[string]bool{}
	owner := make([]int, len(c.Nodes))
	for i := range owner {
		owner[i] = -1
	}
	for k, cl := range c.Clusters {
		if cl.Name == "" || names[cl.Name] {
			return cfgErr("cluster %d: name %q empty or duplicate", k, cl.Name)
		}
		names[cl.Name] = true
		for _, n := range cl.Nodes {
			switch {
			case n < 0 || n >= len(c.Nodes):
				return cfgErr("cluster %d (%s): node %d out of range", k, cl.Name, n)
			case owner[n] >= 0:
				return cfgErr("cluster %d (%s): node %d (%s) is already in cluster %s", k, cl.Name, n, c.Nodes[n].Name, c.Clusters[owner[n]].Name)
			}
			owner[n] = k
		}
	}
	for n, k := range owner {
		if k < 0 {
			return cfgErr("node %d (%s) is in no cluster", n, c.Nodes[n].Name)
		}
	}
	return nil
}

// initClusters sets the run's clusters (the default one if none is configured, node lists sorted)
// and the cluster of every node.
func (s *Sim) initClusters() {
	cs := s.cfg.Clusters
	if len(cs) == 0 {
		all := make([]int, len(s.cfg.Nodes))
		for n := range all {
			all[n] = n
		}
		cs = []ClusterSpec{{Name: DefaultCluster, Nodes: all}}
	}
	s.clusters = make([]ClusterSpec, len(cs))
	s.clusterOf = make([]int, len(s.cfg.Nodes))
	for k, cl := range cs {
		cl.Nodes = append([]int(nil), cl.Nodes...)
		sort.Ints(cl.Nodes)
		s.clusters[k] = cl
		for _, n := range cl.Nodes {
			s.clusterOf[n] = k
		}
	}
}

// Clusters returns the run's clusters, by cluster index: Config.Clusters, or the one DefaultCluster
// holding every node. The slice is shared and must not be changed.
func (s *Sim) Clusters() []ClusterSpec { return s.clusters }

// ClusterOf returns the index into Clusters of node n's cluster. It panics if n is out of range.
func (s *Sim) ClusterOf(n int) int { return s.clusterOf[n] }

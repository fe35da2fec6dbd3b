package scenario

import (
	"regexp"

	"github.com/airansim/airansim/sim"
)

// Cluster is a managed cluster under the scenario's one hub (docs/scenario.md, "clusters"): a named
// group of nodes with labels and claims. Absent section: one cluster, "default", holding every node.
type Cluster struct {
	Name   string            `json:"name"`             // a DNS label: [a-z0-9] and '-', at most 63, alphanumeric at both ends
	Nodes  []string          `json:"nodes"`            // ≥ 1; every node of the scenario in exactly one cluster
	Labels map[string]string `json:"labels,omitempty"` // labels and claims, e.g. {"gpu": "true"}; keys non-empty
}

// dnsLabel is RFC 1123's label, the rule for a managed cluster's name (its namespace on the hub).
var dnsLabel = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$`)

// validateClusters checks the clusters section against the scenario's nodes.
func (s *Scenario) validateClusters(nodes map[string]bool) error {
	if s.Clusters == nil {
		return nil
	}
	if len(s.Clusters) == 0 {
		return invalid("clusters: at least one cluster when the section is given (absent: one cluster of every node)")
	}
	owner := map[string]string{}
	names := map[string]bool{}
	for i, c := range s.Clusters {
		switch {
		case !dnsLabel.MatchString(c.Name):
			return invalid("clusters[%d]: name %q must be a DNS label (a-z, 0-9 and '-', at most 63, alphanumeric at both ends)", i, c.Name)
		case names[c.Name]:
			return invalid("clusters[%d]: name %q duplicate", i, c.Name)
		case len(c.Nodes) == 0:
			return invalid("clusters[%d] (%s): nodes: at least one node", i, c.Name)
		}
		names[c.Name] = true
		for _, n := range c.Nodes {
			switch {
			case !nodes[n]:
				return invalid("clusters[%d] (%s): nodes: %q is not a node of the scenario", i, c.Name, n)
			case owner[n] != "":
				return invalid("clusters[%d] (%s): nodes: %q is already in cluster %s (a node is in exactly one cluster)", i, c.Name, n, owner[n])
			}
			owner[n] = c.Name
		}
		if len(c.Labels) == 0 {
			s.Clusters[i].Labels = nil // an empty object comes back as absent
		}
		for k := range c.Labels {
			if k == "" {
				return invalid("clusters[%d] (%s): labels: empty key", i, c.Name)
			}
		}
	}
	for _, n := range s.Nodes {
		if owner[n.Name] == "" {
			return invalid("clusters: node %q is in no cluster (every node is in exactly one)", n.Name)
		}
	}
	return nil
}

// simClusters returns the engine's clusters (nil without a clusters section: the engine's default);
// host gives the scenario node of every engine node, so a MIG GPU's partitions are in its node's cluster.
func (s *Scenario) simClusters(host []int) []sim.ClusterSpec {
	if len(s.Clusters) == 0 {
		return nil
	}
	of := map[string]int{} // scenario node name → cluster index
	out := make([]sim.ClusterSpec, len(s.Clusters))
	for i, c := range s.Clusters {
		out[i] = sim.ClusterSpec{Name: c.Name, Labels: c.Labels}
		for _, n := range c.Nodes {
			of[n] = i
		}
	}
	for e, h := range host {
		k := of[s.Nodes[h].Name]
		out[k].Nodes = append(out[k].Nodes, e)
	}
	return out
}

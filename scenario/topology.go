package scenario

import "github.com/airansim/airansim/sim"

// Topology is the scenario's inter-node transport (docs/scenario.md, "topology"). Absent: a full
// mesh of the top-level hop_delay_s.
type Topology struct {
	Kind string `json:"kind"` // "full-mesh" or "tree"
	// HopDelayS is the full mesh's one-way delay per hop, s; absent: the top-level hop_delay_s. Unlike
	// the top-level key, 0 here means no delay.
	HopDelayS *float64 `json:"hop_delay_s,omitempty"`
	Links     []Link   `json:"links,omitempty"` // tree: one link per node but the root
}

// Link is a tree link from a node to its parent.
type Link struct {
	Node     string  `json:"node"`
	Parent   string  `json:"parent"`
	DelayS   float64 `json:"delay_s"`             // one-way delay of the link, s
	RateGbps float64 `json:"rate_gbps,omitempty"` // link rate, Gb/s; 0 or absent: not given (unlimited)
}

// Topology kinds.
const (
	KindFullMesh = "full-mesh"
	KindTree     = "tree"
)

func (s *Scenario) validateTopology(nodes map[string]bool) error {
	t := s.Topology
	if t == nil {
		return nil
	}
	if len(t.Links) == 0 {
		t.Links = nil
	}
	switch t.Kind {
	case KindFullMesh:
		switch h := t.HopDelayS; {
		case t.Links != nil:
			return invalid("topology.links: a full-mesh topology has no links")
		case h != nil && !nonNeg(*h):
			return invalid("topology.hop_delay_s = %v: must be finite and ≥ 0", *h)
		case h != nil && s.HopDelayS != 0 && s.HopDelayS != *h:
			return invalid("topology.hop_delay_s = %v and hop_delay_s = %v: give the delay once", *h, s.HopDelayS)
		}
		return nil
	case KindTree:
		switch {
		case t.HopDelayS != nil:
			return invalid("topology.hop_delay_s: a tree has no hop delay (set delay_s per link)")
		case s.HopDelayS != 0:
			return invalid("hop_delay_s = %v: not used by a tree topology (set topology.links[].delay_s); remove it", s.HopDelayS)
		}
		return s.validateLinks(nodes)
	}
	return invalid("topology.kind = %q: must be %q or %q", t.Kind, KindFullMesh, KindTree)
}

// validateLinks checks a tree's links: known nodes, one parent per node, one root (the node without a
// link), delays and rates finite and ≥ 0, and no cycles.
func (s *Scenario) validateLinks(nodes map[string]bool) error {
	parent := map[string]string{}
	for i, l := range s.Topology.Links {
		switch {
		case !nodes[l.Node]:
			return invalid("topology.links[%d]: node %q is not a node of the scenario", i, l.Node)
		case !nodes[l.Parent]:
			return invalid("topology.links[%d] (%s): parent %q is not a node of the scenario", i, l.Node, l.Parent)
		case l.Parent == l.Node:
			return invalid("topology.links[%d]: node %q is its own parent", i, l.Node)
		case parent[l.Node] != "":
			return invalid("topology.links[%d]: node %q already has a link (a node has one parent)", i, l.Node)
		case !nonNeg(l.DelayS):
			return invalid("topology.links[%d] (%s): delay_s = %v: must be finite and ≥ 0", i, l.Node, l.DelayS)
		case !nonNeg(l.RateGbps):
			return invalid("topology.links[%d] (%s): rate_gbps = %v: must be finite and ≥ 0 (0: not given)", i, l.Node, l.RateGbps)
		}
		parent[l.Node] = l.Parent
	}
	var roots []string
	for _, n := range s.Nodes {
		if parent[n.Name] == "" {
			roots = append(roots, n.Name)
		}
	}
	switch {
	case len(roots) == 0:
		return invalid("topology.links: every node has a link: the root is the node without one")
	case len(roots) > 1:
		return invalid("topology.links: nodes %q and %q have no link: a tree has one root", roots[0], roots[1])
	}
	for _, n := range s.Nodes {
		steps := 0
		for x := n.Name; x != roots[0]; x = parent[x] {
			if steps++; steps > len(s.Nodes) {
				return invalid("topology.links: node %q: its parents form a cycle and never reach the root %q", n.Name, roots[0])
			}
		}
	}
	return nil
}

// simTopology returns the engine topology (nil: the engine's full mesh of Config.HopDelay).
func (s *Scenario) simTopology(nodeIdx map[string]int) (sim.Topology, error) {
	t := s.Topology
	switch {
	case t == nil:
		return nil, nil
	case t.Kind == KindFullMesh && t.HopDelayS == nil:
		return nil, nil
	case t.Kind == KindFullMesh:
		return sim.FullMesh{HopDelay: *t.HopDelayS}, nil
	}
	n := len(s.Nodes)
	parents, delays, rates := make([]int, n), make([]float64, n), make([]float64, n)
	for i := range parents {
		parents[i] = -1
	}
	for _, l := range t.Links {
		i := nodeIdx[l.Node]
		parents[i], delays[i], rates[i] = nodeIdx[l.Parent], l.DelayS, l.RateGbps
	}
	tr, err := sim.NewTree(parents, delays, rates)
	if err != nil {
		return nil, invalid("topology: %v", err)
	}
	return tr, nil
}

package scenario

import (
	"math"
	"slices"
	"strings"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/sim"
)

// NodeMIG partitions a GPU node with NVIDIA MIG (docs/mig.md): the node becomes mig.Slots partition
// nodes named NODE/0 … NODE/6 (partition k holds the instance starting at memory slice k; an unused
// one is empty), and services place their replicas on the partitions of the layout. The node's
// gpu_tflops and cpu_cores are the whole GPU's and host's, shared out by compute slices; its vram_gb
// must be the model's memory.
type NodeMIG struct {
	Model  string   `json:"model"`  // profile table: "A100-40GB", "A100-80GB", "H100-80GB" or "H200-141GB"
	Layout []string `json:"layout"` // initial layout, PROFILE@START, e.g. ["4g.40gb@0", "3g.40gb@4"]
	// ReconfigureDelayS is the time a changed partition serves nothing when the layout changes, s (≥ 0;
	// no source gives one: sweep it).
	ReconfigureDelayS float64 `json:"reconfigure_delay_s"`
}

// MIGGPU is a MIG GPU of a built scenario: its engine group (partition nodes from GPU.First) and its
// initial layout.
type MIGGPU struct {
	GPU    *mig.GPU
	Layout mig.Layout
}

// gpu returns node n's MIG GPU and initial layout, validated; first is its slot 0's engine index.
func (n Node) gpu(i, first int) (MIGGPU, error) {
	m := n.MIG
	model, ok := mig.Lookup(m.Model)
	if !ok {
		return MIGGPU{}, invalid("nodes[%d] (%s): mig.model %q: not one of %s", i, n.Name, m.Model, strings.Join(mig.Models(), ", "))
	}
	l, err := mig.ParseLayout(m.Layout)
	if err == nil {
		err = model.Validate(n.Name, l)
	}
	if err != nil {
		return MIGGPU{}, invalid("nodes[%d] (%s): mig.layout: %v", i, n.Name, err)
	}
	switch {
	case !nonNeg(m.ReconfigureDelayS):
		return MIGGPU{}, invalid("nodes[%d] (%s): mig.reconfigure_delay_s = %v: must be finite and ≥ 0", i, n.Name, m.ReconfigureDelayS)
	case n.VRAMGB != model.MemoryGB:
		return MIGGPU{}, invalid("nodes[%d] (%s): vram_gb = %v: a %s has %v GB", i, n.Name, n.VRAMGB, model.Name, model.MemoryGB)
	}
	g := &mig.GPU{Name: n.Name, Model: model, TFLOPS: n.GPU, Cores: n.CPUCores, First: first, DelayS: m.ReconfigureDelayS}
	return MIGGPU{GPU: g, Layout: l}, nil
}

// validateMIG checks the nodes' mig sections and returns the names replicas may be placed on: the
// plain nodes and the partitions of each MIG GPU's initial layout. It refuses a replica on a MIG node
// itself or on an unused partition, a capacity event on a MIG node, and a node named like a partition.
func (s *Scenario) validateMIG(nodes map[string]bool) (map[string]bool, error) {
	places := map[string]bool{}
	partitions := map[string][]string{} // MIG node → its used partitions
	for i, n := range s.Nodes {
		if n.MIG == nil {
			places[n.Name] = true
			continue
		}
		g, err := n.gpu(i, 0)
		if err != nil {
			return nil, err
		}
		for k := range mig.Slots {
			if name := g.GPU.PartitionName(k); nodes[name] {
				return nil, invalid("nodes[%d] (%s): node %q has the name of a partition of this MIG GPU", i, n.Name, name)
			}
		}
		partitions[n.Name] = []string{}
		for _, p := range g.Layout.Sorted() {
			name := g.GPU.PartitionName(p.Start)
			places[name] = true
			partitions[n.Name] = append(partitions[n.Name], name)
		}
	}
	if len(partitions) == 0 {
		return places, nil
	}
	for i, sv := range s.Services {
		for _, name := range sv.Nodes {
			host, _, _ := strings.Cut(name, "/")
			used, isMIG := partitions[host]
			switch {
			case name == host && isMIG:
				return nil, invalid("services[%d] (%s): node %q is a MIG GPU: place the replica on one of its partitions %s", i, sv.Name, name, strings.Join(used, ", "))
			case isMIG && !slices.Contains(used, name):
				return nil, invalid("services[%d] (%s): partition %q is not in the layout of %s (its partitions: %s)", i, sv.Name, name, host, strings.Join(used, ", "))
			}
		}
	}
	for i, e := range s.Events {
		if _, isMIG := partitions[e.Node]; isMIG && e.Kind == sim.SetCapacity.String() {
			return nil, invalid("events[%d] (capacity): node %q is a MIG GPU: its capacities change by reconfiguration", i, e.Node)
		}
	}
	return places, nil
}

// buildNodes appends the engine nodes to c and their names to b: one per plain node and mig.Slots
// partition nodes per MIG GPU, in file order. It returns the engine index by name (plain nodes and
// partitions) and the scenario node (host) of each engine node.
func (s *Scenario) buildNodes(c *sim.Config, b *Built) (map[string]int, []int, error) {
	idx := map[string]int{}
	var host []int
	for i, n := range s.Nodes {
		if n.MIG == nil {
			idx[n.Name] = len(c.Nodes)
			host = append(host, i)
			c.Nodes = append(c.Nodes, sim.NodeSpec{Name: n.Name, GPU: n.GPU, VRAMGB: n.VRAMGB, CPU: n.CPUCores})
			b.Nodes = append(b.Nodes, n.Name)
			continue
		}
		g, err := n.gpu(i, len(c.Nodes))
		if err != nil {
			return nil, nil, err
		}
		specs, err := g.GPU.Specs(g.Layout)
		if err != nil {
			return nil, nil, invalid("nodes[%d] (%s): mig.layout: %v", i, n.Name, err)
		}
		for _, sp := range specs {
			idx[sp.Name] = len(c.Nodes)
			host = append(host, i)
			c.Nodes = append(c.Nodes, sp)
			b.Nodes = append(b.Nodes, sp.Name)
		}
		b.MIG = append(b.MIG, g)
	}
	return idx, host, nil
}

// migChanges returns the scheduled changes with those of a MIG node applied to each of its partitions.
func (s *Scenario) migChanges(cs []sim.Change, b *Built) []sim.Change {
	if len(b.MIG) == 0 {
		return cs
	}
	byName := map[string]*mig.GPU{}
	for _, g := range b.MIG {
		byName[g.GPU.Name] = g.GPU
	}
	var out []sim.Change
	for i, c := range cs {
		g := byName[s.Events[i].Node]
		if g == nil {
			out = append(out, c)
			continue
		}
		for k := range mig.Slots {
			c.Node = g.Node(k)
			out = append(out, c)
		}
	}
	return out
}

// hostTopology is a topology over engine nodes that are partitions of scenario nodes: two partitions
// of the same host are 0 s apart (same machine), others as their hosts in the base topology.
type hostTopology struct {
	base sim.Topology // over the scenario's nodes
	host []int        // scenario node of each engine node
}

// Len returns the number of engine nodes.
func (t hostTopology) Len() int { return len(t.host) }

// Delay returns 0 within a host, else the base delay between the hosts.
func (t hostTopology) Delay(a, b int) float64 {
	if t.host[a] == t.host[b] {
		return 0
	}
	return t.base.Delay(t.host[a], t.host[b])
}

// Rate returns +Inf within a host, else the base rate between the hosts.
func (t hostTopology) Rate(a, b int) float64 {
	if t.host[a] == t.host[b] {
		return math.Inf(1)
	}
	return t.base.Rate(t.host[a], t.host[b])
}

// defaultHopDelay is sim.Config.HopDelay's default (200 µs), used when a MIG scenario's full mesh
// keeps the engine default.
const defaultHopDelay = 200e-6

// migTopology wraps the scenario's topology (base over its nodes; nil: the full mesh of hopDelay) so
// that it spans the engine nodes, when the scenario has a MIG GPU.
func migTopology(base sim.Topology, hopDelay float64, host []int, b *Built) sim.Topology {
	if len(b.MIG) == 0 {
		return base
	}
	if base == nil {
		if hopDelay == 0 {
			hopDelay = defaultHopDelay
		}
		base = sim.FullMesh{HopDelay: hopDelay}
	}
	return hostTopology{base: base, host: host}
}

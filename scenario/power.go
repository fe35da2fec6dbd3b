package scenario

import (
	"math"

	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
)

// Power is the scenario's power model (docs/power.md, docs/scenario.md "power"): the reference every
// node's default model scales, and per-node overrides. Absent: power.Default for every node.
type Power struct {
	Reference *PowerReference `json:"reference,omitempty"` // absent: power.Default
	Nodes     []NodePower     `json:"nodes,omitempty"`     // overrides, at most one per node
}

// PowerReference is power.Reference in a scenario file; an absent key keeps power.Default's value.
type PowerReference struct {
	GPUTFLOPS    *float64 `json:"gpu_tflops,omitempty"`      // effective TFLOP/s of the reference GPU, > 0
	GPUIdleW     *float64 `json:"gpu_idle_w,omitempty"`      // W
	GPUMaxW      *float64 `json:"gpu_max_w,omitempty"`       // W
	CPUCoreIdleW *float64 `json:"cpu_core_idle_w,omitempty"` // W per core
	CPUCoreMaxW  *float64 `json:"cpu_core_max_w,omitempty"`  // W per core
}

// NodePower fixes figures of one node's model; an absent key keeps the reference's figure for it.
type NodePower struct {
	Node     string   `json:"node"`
	GPUIdleW *float64 `json:"gpu_idle_w,omitempty"` // W
	GPUMaxW  *float64 `json:"gpu_max_w,omitempty"`  // W
	CPUIdleW *float64 `json:"cpu_idle_w,omitempty"` // W
	CPUMaxW  *float64 `json:"cpu_max_w,omitempty"`  // W
}

// reference returns the reference of the section, power.Default where a key is absent.
func (p *Power) reference() power.Reference {
	r := power.Default
	if p == nil || p.Reference == nil {
		return r
	}
	pr := p.Reference
	set(&r.GPUTFLOPS, pr.GPUTFLOPS)
	set(&r.GPUIdleW, pr.GPUIdleW)
	set(&r.GPUMaxW, pr.GPUMaxW)
	set(&r.CPUCoreIdleW, pr.CPUCoreIdleW)
	set(&r.CPUCoreMaxW, pr.CPUCoreMaxW)
	return r
}

func set(dst *float64, v *float64) {
	if v != nil {
		*dst = *v
	}
}

// validatePower checks the power section: a valid reference, overrides of known nodes, at most one
// per node, each resulting model valid (figures finite, ≥ 0, maxima ≥ idle).
func (s *Scenario) validatePower() error {
	p := s.Power
	if p == nil {
		return nil
	}
	if len(p.Nodes) == 0 {
		p.Nodes = nil // an empty array comes back as absent
	}
	r := p.reference()
	if g := r.GPUTFLOPS; !(g > 0) || math.IsInf(g, 0) {
		return invalid("power.reference.gpu_tflops = %v: must be finite and > 0", g)
	}
	if err := r.For(nodeSpec(Node{GPU: r.GPUTFLOPS, CPUCores: 1})).Validate(); err != nil {
		return invalid("power.reference: %v", err)
	}
	seen := map[string]bool{}
	for i, np := range p.Nodes {
		k := s.nodeIndex(np.Node)
		switch {
		case k < 0:
			return invalid("power.nodes[%d]: node %q is not a node of the scenario", i, np.Node)
		case seen[np.Node]:
			return invalid("power.nodes[%d]: node %q has figures already", i, np.Node)
		}
		seen[np.Node] = true
		if err := np.apply(r.For(nodeSpec(s.Nodes[k]))).Validate(); err != nil {
			return invalid("power.nodes[%d] (%s): %v", i, np.Node, err)
		}
	}
	return nil
}

// apply returns m with the figures np fixes.
func (np NodePower) apply(m power.Model) power.Model {
	set(&m.GPUIdleW, np.GPUIdleW)
	set(&m.GPUMaxW, np.GPUMaxW)
	set(&m.CPUIdleW, np.CPUIdleW)
	set(&m.CPUMaxW, np.CPUMaxW)
	return m
}

func (s *Scenario) nodeIndex(name string) int {
	for i, n := range s.Nodes {
		if n.Name == name {
			return i
		}
	}
	return -1
}

// powerModels returns the model of every engine node of b, by index of b.Config.Nodes: the model of
// its scenario node (b.host) — the reference's model of that node's capacities, with the section's
// figures for it. A MIG GPU's partitions thus carry the whole GPU's model, which a model scales by the
// partition's capacity in force (power.Model), so a reconfiguration changes their power.
func (s *Scenario) powerModels(b *Built) []power.Model {
	r := s.Power.reference()
	out := make([]power.Model, len(b.Config.Nodes))
	for e := range out {
		h := e
		if e < len(b.host) {
			h = b.host[e]
		}
		if h >= len(s.Nodes) { // a node added outside the scenario: the reference's model of its capacities
			out[e] = r.For(b.Config.Nodes[e])
			continue
		}
		out[e] = r.For(nodeSpec(s.Nodes[h]))
		if s.Power == nil {
			continue
		}
		for _, np := range s.Power.Nodes {
			if np.Node == s.Nodes[h].Name {
				out[e] = np.apply(out[e])
			}
		}
	}
	return out
}

// nodeSpec returns the engine's spec of a scenario node.
func nodeSpec(n Node) sim.NodeSpec {
	return sim.NodeSpec{Name: n.Name, GPU: n.GPU, VRAMGB: n.VRAMGB, CPU: n.CPUCores}
}

package mig

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// GPU is a MIG GPU on the engine: Slots consecutive partition nodes, from engine node First, where
// slot k holds the GPU instance starting at memory slice k (an empty node when none does). A
// partition of profile p gets, of the GPU and its host:
//
//	GPU  = TFLOPS × p.Compute / ComputeSlices   TFLOP/s
//	CPU  = Cores × p.Compute / ComputeSlices    cores (the CPU rule: host cores in proportion to compute slices)
//	VRAM = p.MemoryGB                           GB
//
// Instances are placed on partition nodes as on any node. A layout change is one sim.Reconfigure of
// the GPU's Slots nodes (Reconfigure), during which the partitions it changes serve nothing.
type GPU struct {
	Name   string  // the host node's name; partition k is named Name/k (PartitionName)
	Model  Model   // profile table
	TFLOPS float64 // the whole GPU's effective capacity G_n, TFLOP/s (> 0)
	Cores  float64 // the host's CPU cores C_n (≥ 0), shared out by the CPU rule
	First  int     // engine index of slot 0's node; slot k is node First+k
	DelayS float64 // reconfiguration time of a changed partition, s (≥ 0; a swept parameter, no source gives one)
}

// PartitionName returns the engine node name of slot k: "NAME/k".
func (g *GPU) PartitionName(k int) string { return fmt.Sprintf("%s/%d", g.Name, k) }

// Node returns the engine node index of slot k.
func (g *GPU) Node(k int) int { return g.First + k }

// Slot returns the slot of engine node n and whether n is one of the GPU's partition nodes.
func (g *GPU) Slot(n int) (int, bool) {
	k := n - g.First
	return k, k >= 0 && k < Slots
}

// Spec returns the capacities of a partition of profile p (the rule on GPU); its name is left empty.
func (g *GPU) Spec(p Profile) sim.NodeSpec {
	f := p.ComputeFraction()
	return sim.NodeSpec{GPU: g.TFLOPS * f, CPU: g.Cores * f, VRAMGB: p.MemoryGB}
}

// Specs validates layout l against the GPU's model and returns the specs of the Slots partition
// nodes, named by PartitionName: slot k gets the spec of the instance starting at memory slice k, or
// an empty spec.
func (g *GPU) Specs(l Layout) ([]sim.NodeSpec, error) {
	if err := g.Model.Validate(g.Name, l); err != nil {
		return nil, err
	}
	out := make([]sim.NodeSpec, Slots)
	for k := range out {
		out[k].Name = g.PartitionName(k)
	}
	for _, pl := range l {
		p, _ := g.Model.Profile(pl.Profile)
		sp := g.Spec(p)
		sp.Name = out[pl.Start].Name
		out[pl.Start] = sp
	}
	return out, nil
}

// Reconfigure returns the engine action changing the GPU to layout l after validating it: one
// sim.Reconfigure of the Slots partition nodes with Delay DelayS. The engine leaves the partitions
// whose capacities do not change untouched, and rejects the whole action while an instance resides on
// a partition that shrinks below its VRAM or is emptied (move it first: Sequence does).
func (g *GPU) Reconfigure(l Layout) (sim.Reconfigure, error) {
	specs, err := g.Specs(l)
	if err != nil {
		return sim.Reconfigure{}, err
	}
	nodes := make([]int, Slots)
	for k := range nodes {
		nodes[k] = g.Node(k)
	}
	return sim.Reconfigure{Nodes: nodes, Specs: specs, Delay: g.DelayS}, nil
}

// ComputeFraction returns the share of the GPU's compute slices that engine node n holds in snapshot
// s (its GPU capacity over TFLOPS: Compute/ComputeSlices of its profile, 0 for an empty slot), and
// whether n is one of the GPU's partitions in s. A power model apportions the GPU's power by it.
func (g *GPU) ComputeFraction(s *sim.Snapshot, n int) (float64, bool) {
	if _, ok := g.Slot(n); !ok || n >= len(s.Nodes) || !(g.TFLOPS > 0) {
		return 0, false
	}
	return s.Nodes[n].Spec.GPU / g.TFLOPS, true
}

// Observed decodes the GPU's layout from the partition nodes of snapshot s: slot k's capacities give
// the profile of the instance starting at k (a "+me" profile reads as its base profile, whose
// capacities are the same). ok is false while a partition is down (reconfiguring or failed), when a
// partition's capacities match no profile that may start there, or when the nodes are out of range.
func (g *GPU) Observed(s *sim.Snapshot) (l Layout, ok bool) {
	st, ok := g.view(s)
	if !ok {
		return nil, false
	}
	return g.layoutOf(st)
}

// view returns the state of the GPU's partition nodes in s; ok is false when they are out of range.
func (g *GPU) view(s *sim.Snapshot) (st [Slots]slotView, ok bool) {
	if g.First < 0 || g.First+Slots > len(s.Nodes) {
		return st, false
	}
	for k := range Slots {
		v := s.Nodes[g.Node(k)]
		st[k] = slotView{spec: sim.NodeSpec{GPU: v.Spec.GPU, CPU: v.Spec.CPU, VRAMGB: v.Spec.VRAMGB}, down: v.Down}
	}
	return st, true
}

// layoutOf decodes a layout from the partitions' state (see Observed).
func (g *GPU) layoutOf(st [Slots]slotView) (l Layout, ok bool) {
	for k, v := range st {
		if v.down {
			return nil, false
		}
		if v.spec == (sim.NodeSpec{}) {
			continue
		}
		p, found := g.profileOf(v.spec, k)
		if !found {
			return nil, false
		}
		l = append(l, Placement{Profile: p.Name, Start: k})
	}
	return l, true
}

// matches reports whether the partitions' state is layout target's specs, all serving.
func (g *GPU) matches(st [Slots]slotView, target Layout) bool {
	specs, err := g.Specs(target)
	if err != nil {
		return false
	}
	for k, want := range specs {
		want.Name = ""
		if st[k].down || st[k].spec != want {
			return false
		}
	}
	return true
}

// profileOf returns the first non-"+me" profile whose partition spec equals sp and that may start at k.
func (g *GPU) profileOf(sp sim.NodeSpec, k int) (Profile, bool) {
	for _, p := range g.Model.Profiles {
		want := g.Spec(p)
		if !p.MediaExtensions && p.CanStart(k) && want.GPU == sp.GPU && want.CPU == sp.CPU && want.VRAMGB == sp.VRAMGB {
			return p, true
		}
	}
	return Profile{}, false
}

// Compliant reports whether the GPU in snapshot s is in layout target and serving: no partition is
// down and every slot has the capacities target gives it (so "+me" and base profiles compare equal).
// An invalid target is never compliant.
func (g *GPU) Compliant(s *sim.Snapshot, target Layout) bool {
	st, ok := g.view(s)
	return ok && g.matches(st, target)
}

package sim

// Reconfigure changes the capacities of a group of nodes at once, all or none: the partition nodes of
// a MIG GPU (package mig) when its layout changes. Every node of the group whose capacities change is
// down for Delay seconds (its instances stop serving, as during a Resize or a failure) and then serves
// at its new capacities; a node given its current capacities is untouched and serves on. A node may
// be given zero capacities (GPU, CPU and VRAM all 0: an unused partition) only when no instance
// resides there; a node with zero GPU and CPU accepts no migration or new replica.
//
// The engine rejects the whole action (and changes nothing) when Nodes and Specs differ in length or
// are empty, a node is out of range or repeated, a capacity or the Delay is negative, NaN or infinite,
// a node is given GPU and CPU 0 but some VRAM, a node of the group is still reconfiguring (a Resize
// or an earlier Reconfigure), or a changing node's new VRAM is below the weights and KV cache it
// holds, or it would be emptied while instances reside there (the instances must be moved first).
type Reconfigure struct {
	Nodes []int      // node indices, distinct
	Specs []NodeSpec // new capacities by position in Nodes (TFLOP/s, cores, GB); Name is ignored
	Delay float64    // reconfiguration time of the changing nodes, s (≥ 0)
}

// Kind returns KindReconfigure.
func (Reconfigure) Kind() ActionKind { return KindReconfigure }

func (Reconfigure) sealed() {}

// isEmpty reports whether a spec has no capacity at all (an unused partition).
func isEmpty(spec NodeSpec) bool { return spec.GPU == 0 && spec.CPU == 0 && spec.VRAMGB == 0 }

// hasNoCompute reports whether a node spec has neither GPU nor CPU capacity.
func hasNoCompute(spec NodeSpec) bool { return spec.GPU == 0 && spec.CPU == 0 }

// sameCapacities reports whether two specs have equal capacities (names aside).
func sameCapacities(a, b NodeSpec) bool {
	return a.GPU == b.GPU && a.CPU == b.CPU && a.VRAMGB == b.VRAMGB
}

// checkReconfigure accepts a group reconfiguration as described on Reconfigure.
func (s *Sim) checkReconfigure(a Reconfigure) error {
	if len(a.Nodes) == 0 || len(a.Nodes) != len(a.Specs) {
		return rejectf(KindReconfigure, ReasonValue, "%d nodes and %d specs: want as many, at least one", len(a.Nodes), len(a.Specs))
	}
	if !finiteNonNeg(a.Delay) {
		return rejectf(KindReconfigure, ReasonValue, "delay %g s", a.Delay)
	}
	seen := make(map[int]bool, len(a.Nodes))
	for k, n := range a.Nodes {
		sp := a.Specs[k]
		switch {
		case n < 0 || n >= len(s.nodes):
			return rejectf(KindReconfigure, ReasonRange, "node %d out of range", n)
		case seen[n]:
			return rejectf(KindReconfigure, ReasonValue, "node %d given twice", n)
		case !finiteNonNeg(sp.GPU) || !finiteNonNeg(sp.CPU) || !finiteNonNeg(sp.VRAMGB):
			return rejectf(KindReconfigure, ReasonValue, "node %d: capacities %g TFLOP/s, %g cores, %g GB", n, sp.GPU, sp.CPU, sp.VRAMGB)
		case hasNoCompute(sp) && !isEmpty(sp):
			return rejectf(KindReconfigure, ReasonValue, "node %d: GPU and CPU 0 with %g GB of VRAM (an unused partition has none)", n, sp.VRAMGB)
		}
		seen[n] = true
		nd := &s.nodes[n]
		if nd.resizing {
			return rejectf(KindReconfigure, ReasonUnavailable, "node %d is already reconfiguring", n)
		}
		if sameCapacities(nd.spec, sp) {
			continue
		}
		switch {
		case !FitsVRAM(nd.weights+nd.kv, sp.VRAMGB):
			return rejectf(KindReconfigure, ReasonVRAM, "node %d holds %.3g GB, more than the new %.3g GB", n, nd.weights+nd.kv, sp.VRAMGB)
		case isEmpty(sp) && len(nd.insts) > 0:
			return rejectf(KindReconfigure, ReasonVRAM, "node %d would be emptied with instance %d on it", n, nd.insts[0])
		}
	}
	return nil
}

// doReconfigure applies a checked group reconfiguration: the changing nodes get their new capacities
// now (Delay 0) or go down until a resizeEnd event Delay seconds from now.
func (s *Sim) doReconfigure(a Reconfigure) {
	changed := 0
	for k, n := range a.Nodes {
		spec := NodeSpec{GPU: a.Specs[k].GPU, CPU: a.Specs[k].CPU, VRAMGB: a.Specs[k].VRAMGB}
		if sameCapacities(s.nodes[n].spec, spec) {
			continue
		}
		changed++
		if a.Delay == 0 {
			s.setSpec(int32(n), spec)
			continue
		}
		s.nodes[n].resizing = true
		s.haltNode(int32(n))
		s.queueNodeEvent(s.now+a.Delay, nodeEvent{kind: resizeEnd, node: int32(n), spec: spec})
	}
	if changed > 0 {
		s.stats.Reconfigurations++
		s.stats.ReconfigureNodeS += float64(changed) * a.Delay
	}
}

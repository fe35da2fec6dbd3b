package sim

import (
	"math"
	"sort"
)

// resizeEnd is the internal kind of the nodeEvent that ends a Resize's reconfiguration.
const resizeEnd ChangeKind = 0

// nodeEvent is a pending change of a node: a scheduled Change or the end of a Resize, referenced by
// its evChange event.
type nodeEvent struct {
	kind ChangeKind
	node int32
	spec NodeSpec // SetCapacity and resizeEnd: the new capacities
}

// validateChanges checks the scheduled changes: times finite and ≥ 0, kinds known, nodes in range,
// capacities valid, and for each node, taken in time order (ties: slice order), failures and
// recoveries alternating, starting with a failure.
func (c *Config) validateChanges() error {
	for i, ch := range c.Changes {
		switch {
		case !finiteNonNeg(ch.Time):
			return cfgErr("change %d: time %g must be finite and ≥ 0", i, ch.Time)
		case ch.Kind < NodeFail || ch.Kind > SetCapacity:
			return cfgErr("change %d: unknown kind %d", i, ch.Kind)
		case ch.Node < 0 || ch.Node >= len(c.Nodes):
			return cfgErr("change %d (%v): node %d out of range", i, ch.Kind, ch.Node)
		case ch.Kind == SetCapacity && !validCapacities(ch.GPU, ch.CPU, ch.VRAMGB):
			return cfgErr("change %d (capacity): node %d capacities must be finite and ≥ 0, GPU and CPU not both 0", i, ch.Node)
		}
	}
	order := make([]int, len(c.Changes))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return c.Changes[order[a]].Time < c.Changes[order[b]].Time })
	failed := make([]bool, len(c.Nodes))
	for _, i := range order {
		ch := c.Changes[i]
		switch {
		case ch.Kind == NodeFail && failed[ch.Node]:
			return cfgErr("change %d (fail at %g s): node %d has already failed", i, ch.Time, ch.Node)
		case ch.Kind == NodeRecover && !failed[ch.Node]:
			return cfgErr("change %d (recover at %g s): node %d has not failed", i, ch.Time, ch.Node)
		}
		if ch.Kind != SetCapacity {
			failed[ch.Node] = ch.Kind == NodeFail
		}
	}
	return nil
}

func validCapacities(gpu, cpu, vram float64) bool {
	return finiteNonNeg(gpu) && finiteNonNeg(cpu) && finiteNonNeg(vram) && (gpu > 0 || cpu > 0)
}

// scheduleChanges queues the configuration's scheduled changes.
func (s *Sim) scheduleChanges() {
	for _, ch := range s.cfg.Changes {
		ev := nodeEvent{kind: ch.Kind, node: int32(ch.Node)}
		if ch.Kind == SetCapacity {
			ev.spec = NodeSpec{GPU: ch.GPU, CPU: ch.CPU, VRAMGB: ch.VRAMGB}
		}
		s.queueNodeEvent(ch.Time, ev)
	}
}

func (s *Sim) queueNodeEvent(t float64, ev nodeEvent) {
	s.nodeEvents = append(s.nodeEvents, ev)
	s.q.schedule(t, evChange, int32(len(s.nodeEvents)-1), 0)
}

// onChange applies the node event k.
func (s *Sim) onChange(k int32) {
	ev := s.nodeEvents[k]
	n := ev.node
	switch ev.kind {
	case NodeFail:
		s.nodes[n].failed = true
		s.haltNode(n)
	case NodeRecover:
		s.nodes[n].failed = false
		s.reload(n)
	case SetCapacity:
		s.applyCounted(Resize{Node: int(n), GPU: ev.spec.GPU, CPU: ev.spec.CPU, VRAMGB: ev.spec.VRAMGB})
	case resizeEnd:
		nd := &s.nodes[n]
		nd.resizing = false
		s.setSpec(n, ev.spec)
	}
	s.stats.NodeChanges++
}

// haltNode stops node n's instances: their active requests keep their residual work, release their KV
// cache and wait (as in a migration).
func (s *Sim) haltNode(n int32) {
	for _, i := range s.nodes[n].insts {
		s.carryRequests(i)
	}
	s.markDirty(n)
}

// reload makes every instance on the recovered node n unavailable for its service's R_s (or until the
// end of a reconfiguration already under way, if later).
func (s *Sim) reload(n int32) {
	for _, i := range s.nodes[n].insts {
		in := &s.insts[i]
		t := s.now + s.cfg.Services[in.svc].ReconfigS
		if in.reconfiguring && in.availableAt >= t {
			continue
		}
		in.reconfiguring, in.availableAt = true, t
		s.q.schedule(t, evReconfigDone, i, 0)
	}
	s.markDirty(n)
}

// stopNode gives nothing to the instances of node n, which is down.
func (s *Sim) stopNode(n int32) {
	for _, i := range s.nodes[n].insts {
		in := &s.insts[i]
		in.q[0].advance(s.now)
		in.q[1].advance(s.now)
		in.floor = [2]float64{}
		s.setRate(in, phaseGPU, 0)
		s.setRate(in, phaseCPU, 0)
	}
	s.stats.Allocations++
}

// checkResize accepts valid capacities for a node in range that is not already resizing, whose new
// VRAM holds what is resident and held there.
func (s *Sim) checkResize(a Resize) error {
	switch {
	case a.Node < 0 || a.Node >= len(s.nodes):
		return rejectf(KindResize, ReasonRange, "node %d out of range", a.Node)
	case !validCapacities(a.GPU, a.CPU, a.VRAMGB) || !finiteNonNeg(a.Delay):
		return rejectf(KindResize, ReasonValue, "node %d: capacities %g TFLOP/s, %g cores, %g GB, delay %g s", a.Node, a.GPU, a.CPU, a.VRAMGB, a.Delay)
	case s.nodes[a.Node].resizing:
		return rejectf(KindResize, ReasonUnavailable, "node %d is already resizing", a.Node)
	}
	nd := &s.nodes[a.Node]
	if !FitsVRAM(nd.weights+nd.kv, a.VRAMGB) {
		return rejectf(KindResize, ReasonVRAM, "node %d holds %.3g GB, more than the new %.3g GB", a.Node, nd.weights+nd.kv, a.VRAMGB)
	}
	return nil
}

// doResize sets the new capacities now, or after a reconfiguration of Delay seconds during which the
// node is down.
func (s *Sim) doResize(a Resize) {
	n := int32(a.Node)
	spec := NodeSpec{GPU: a.GPU, CPU: a.CPU, VRAMGB: a.VRAMGB}
	if a.Delay == 0 {
		s.setSpec(n, spec)
		return
	}
	s.nodes[n].resizing = true
	s.haltNode(n)
	s.queueNodeEvent(s.now+a.Delay, nodeEvent{kind: resizeEnd, node: n, spec: spec})
	s.stats.Resizes++
}

// setSpec installs node n's new capacities (keeping its name) and lets waiting requests in.
func (s *Sim) setSpec(n int32, spec NodeSpec) {
	nd := &s.nodes[n]
	spec.Name = nd.spec.Name
	nd.spec = spec
	s.markDirty(n)
	s.admitWaiting(n)
}

// reconfigEnds reports whether instance i's reconfiguration really ends now (a reload may have
// extended it, and a retired instance never becomes available).
func (s *Sim) reconfigEnds(i int32) bool {
	in := &s.insts[i]
	return !(s.now < in.availableAt) && !math.IsInf(in.availableAt, 1)
}

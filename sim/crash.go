package sim

import (
	"math"
	"slices"
)

// checkCrash accepts an AI instance that is neither draining nor retired, is available (not starting,
// reconfiguring or on a node that is down) and a finite Restart ≥ 0.
func (s *Sim) checkCrash(a Crash) error {
	if a.Instance < 0 || a.Instance >= len(s.insts) {
		return rejectf(KindCrash, ReasonRange, "instance %d out of range", a.Instance)
	}
	in := &s.insts[a.Instance]
	switch {
	case !in.cat.IsAI():
		return rejectf(KindCrash, ReasonValue, "instance %d is a cell's %v", a.Instance, in.cat)
	case !(a.Restart >= 0) || math.IsInf(a.Restart, 1):
		return rejectf(KindCrash, ReasonValue, "instance %d: restart %g s must be finite and ≥ 0", a.Instance, a.Restart)
	case in.draining || in.retired:
		return rejectf(KindCrash, ReasonRetired, "instance %d is draining or retired", a.Instance)
	case in.reconfiguring || s.nodes[in.node].down():
		return rejectf(KindCrash, ReasonUnavailable, "instance %d is unavailable", a.Instance)
	}
	return nil
}

// doCrash ends every request at the instance (active and waiting) as dropped, in request-ID order,
// and makes the instance unavailable until its restart ends.
func (s *Sim) doCrash(a Crash) {
	i := int32(a.Instance)
	in := &s.insts[i]
	d := s.sc.drained[:0]
	for p := range in.q {
		in.q[p].advance(s.now)
		d = in.q[p].drain(d)
	}
	slots := make([]int32, 0, len(d)+len(in.wait))
	for _, x := range d {
		slots = append(slots, x.slot)
	}
	s.sc.drained = d[:0]
	slots = append(slots, in.wait...)
	in.wait, in.waitGPU = in.waitBase[:0], 0
	slices.SortFunc(slots, func(x, y int32) int {
		a, b := s.reqs[x].r.ID, s.reqs[y].r.ID
		switch {
		case a < b:
			return -1
		case a > b:
			return 1
		}
		return 0
	})
	for _, slot := range slots {
		s.releaseKV(slot)
		s.reqs[slot].node = in.node
		s.stats.Crashed++
		s.finish(slot, false, true)
	}
	restart := a.Restart
	if restart == 0 {
		restart = s.cfg.Services[in.svc].ReconfigS
	}
	in.reconfiguring = true
	in.availableAt = s.now + restart
	s.q.schedule(in.availableAt, evReconfigDone, i, 0)
	s.stats.Crashes++
	s.markDirty(in.node)
	s.admitWaiting(in.node) // freed KV may admit the node's other instances' requests
}

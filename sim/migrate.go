package sim

import "sort"

// checkMigrate accepts a migration when the instance and node exist, the destination differs from
// the current node, the instance is neither reconfiguring, draining nor retired, the destination is
// up (the source may be down: an instance may leave a failed node), and the
// destination's VRAM fits its weights M_s next to what is resident and held there (eq. 4).
func (s *Sim) checkMigrate(m Migrate) error {
	if m.Instance < 0 || m.Instance >= len(s.insts) || m.To < 0 || m.To >= len(s.nodes) {
		return rejectf(KindMigrate, ReasonRange, "instance %d or node %d out of range", m.Instance, m.To)
	}
	in := &s.insts[m.Instance]
	switch {
	case int(in.node) == m.To:
		return rejectf(KindMigrate, ReasonSameNode, "instance %d is already on node %d", m.Instance, m.To)
	case in.draining || in.retired:
		return rejectf(KindMigrate, ReasonRetired, "instance %d is draining or retired", m.Instance)
	case in.reconfiguring:
		return rejectf(KindMigrate, ReasonUnavailable, "instance %d is reconfiguring", m.Instance)
	case s.nodes[m.To].down():
		return rejectf(KindMigrate, ReasonUnavailable, "node %d is down", m.To)
	case hasNoCompute(s.nodes[m.To].spec):
		return rejectf(KindMigrate, ReasonUnavailable, "node %d has no capacity (an unused partition)", m.To)
	}
	w := s.cfg.Services[in.svc].WeightsGB
	if !s.fits(int32(m.To), w) {
		return rejectf(KindMigrate, ReasonVRAM, "instance %d needs %.3g GB on node %d, %.3g GB free", m.Instance, w, m.To,
			s.vramFree(int32(m.To)))
	}
	return nil
}

// doMigrate starts a checked migration. The instance's VRAM is reserved at the destination and freed
// at the source at once; the instance is unavailable for R_s; its requests keep their residual work,
// release their KV cache, and queue FIFO (those that were active first, by request ID) to resume at
// the destination.
func (s *Sim) doMigrate(m Migrate) {
	i := int32(m.Instance)
	in := &s.insts[i]
	src, dst := in.node, int32(m.To)
	s.carryRequests(i)
	w := s.cfg.Services[in.svc].WeightsGB
	s.nodes[src].removeInst(i)
	s.nodes[src].weights -= w
	s.nodes[dst].add(i)
	s.nodes[dst].weights += w
	in.node = dst
	in.reconfiguring = true
	in.availableAt = s.now + s.cfg.Services[in.svc].ReconfigS
	s.q.schedule(in.availableAt, evReconfigDone, i, 0)
	s.stats.Migrations[in.cat]++
	s.markDirty(src)
	s.markDirty(dst)
	s.admitWaiting(src) // freed VRAM may admit requests of the source's other instances
}

// carryRequests takes the active requests out of instance i's queues into the front of its wait queue.
func (s *Sim) carryRequests(i int32) {
	in := &s.insts[i]
	d := s.sc.drained[:0]
	for p := range in.q {
		in.q[p].advance(s.now)
		start := len(d)
		d = in.q[p].drain(d)
		for k := start; k < len(d); k++ {
			rq := &s.reqs[d[k].slot]
			rq.rem, rq.phase = d[k].rem, uint8(p)
		}
	}
	sort.Slice(d, func(a, b int) bool { return s.reqs[d[a].slot].r.ID < s.reqs[d[b].slot].r.ID })
	carried := make([]int32, 0, len(d)+len(in.wait))
	for _, x := range d {
		s.releaseKV(x.slot)
		carried = append(carried, x.slot)
		if s.reqs[x.slot].phase == phaseGPU {
			in.waitGPU += s.reqs[x.slot].rem
		}
	}
	in.wait = append(carried, in.wait...)
	in.waitBase = in.wait
	s.sc.drained = d[:0]
}

func (s *Sim) onReconfigDone(i int32) {
	if !s.reconfigEnds(i) {
		return
	}
	in := &s.insts[i]
	in.reconfiguring, in.starting = false, false
	s.markDirty(in.node)
	s.admitWaiting(in.node)
}

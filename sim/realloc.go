package sim

// onRealloc reallocates every node that has requests in service (Config.ReallocPeriod) and schedules
// the next periodic reallocation.
func (s *Sim) onRealloc() {
	for n := range s.nodes {
		if s.busy(int32(n)) {
			s.markDirty(int32(n))
		}
	}
	s.q.schedule(s.now+s.cfg.ReallocPeriod, evRealloc, 0, 0)
}

// busy reports whether an instance on node n has a request in a processor-sharing queue.
func (s *Sim) busy(n int32) bool {
	for _, i := range s.nodes[n].insts {
		if s.insts[i].q[0].len()+s.insts[i].q[1].len() > 0 {
			return true
		}
	}
	return false
}

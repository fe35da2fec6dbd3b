package sim

import "fmt"

// Fork returns an independent copy of the simulation at the current time. The copy reads the rest of
// the workload from a fork of the Source (which must be a ForkableSource), sends its records to sink
// (nil discards them) and calls policy at its epochs (nil: no further placement decisions). The
// allocator is shared and must be stateless. Run to the same time with the same decisions, the copy
// and the original produce identical records.
func (s *Sim) Fork(sink Sink, policy Policy) (*Sim, error) {
	fs, ok := s.cfg.Source.(ForkableSource)
	if !ok {
		return nil, fmt.Errorf("sim: fork: source %T cannot fork", s.cfg.Source)
	}
	src, err := fs.Fork()
	if err != nil {
		return nil, fmt.Errorf("sim: fork: %w", err)
	}
	c := *s
	c.cfg.Source, c.cfg.Sink, c.cfg.Policy, c.cfg.AfterEvent = src, sink, policy, nil
	c.q = s.q.clone()
	c.nodes = make([]nodeState, len(s.nodes))
	for i := range s.nodes {
		c.nodes[i] = s.nodes[i].clone()
	}
	c.insts = make([]instState, len(s.insts))
	for i := range s.insts {
		c.insts[i] = s.insts[i].clone()
	}
	c.reqs = append([]reqState(nil), s.reqs...)
	c.freeReq = append([]int32(nil), s.freeReq...)
	c.replicas = s.replicas // never changes after New
	c.dirty = append([]int32(nil), s.dirty...)
	c.sc = scratch{}
	if policy == nil {
		c.dropEpochs()
	}
	return &c, nil
}

// dropEpochs removes pending epoch events (a fork without a policy makes no decisions).
func (s *Sim) dropEpochs() {
	for _, id := range append([]int32(nil), s.q.heap...) {
		if s.q.slab[id].kind == evEpoch {
			s.q.remove(s.q.slab[id].pos)
			s.q.release(id)
		}
	}
}

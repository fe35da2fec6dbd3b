package sim

import (
	"fmt"
	"math"
)

// Fork returns an independent copy of the simulation at the current time. The copy reads the rest of
// the workload from a fork of the Source (which must be a ForkableSource) and sends its records to
// sink (nil discards them). ctrls nil: the copy makes no further decisions; otherwise ctrls must hold
// one controller per Config.Controllers entry, which replaces it in the copy with the same schedule and
// counters (a stateful controller can give its own Fork, see Forker). The allocator is shared and must
// be stateless. Run to the same time with the same decisions, the copy and the original produce
// identical records.
func (s *Sim) Fork(sink Sink, ctrls []Controller) (*Sim, error) {
	if ctrls != nil && len(ctrls) != len(s.cfg.Controllers) {
		return nil, fmt.Errorf("sim: fork: %d controllers given, the simulation has %d", len(ctrls), len(s.cfg.Controllers))
	}
	fs, ok := s.cfg.Source.(ForkableSource)
	if !ok {
		return nil, fmt.Errorf("sim: fork: source %T cannot fork", s.cfg.Source)
	}
	src, err := fs.Fork()
	if err != nil {
		return nil, fmt.Errorf("sim: fork: %w", err)
	}
	c := *s
	c.cfg.Source, c.cfg.Sink, c.cfg.AfterEvent, c.cfg.Sampler = src, sink, nil, nil
	c.filler, _ = src.(SourceFiller)
	c.nextSample = math.Inf(1)
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
	c.replicas = make([][]int32, len(s.replicas))
	for i := range s.replicas {
		c.replicas[i] = append([]int32(nil), s.replicas[i]...)
	}
	c.counts = make([][]InstanceCount, len(s.counts))
	for i := range s.counts {
		c.counts[i] = append([]InstanceCount(nil), s.counts[i]...)
	}
	c.pending = append([]Action(nil), s.pending...)
	c.nodeEvents = append([]nodeEvent(nil), s.nodeEvents...)
	c.dirty = append([]int32(nil), s.dirty...)
	c.sc = scratch{}
	c.forkControllers(ctrls)
	return &c, nil
}

// forkControllers installs the copy's controllers: ctrls in place of the original's, or none.
func (s *Sim) forkControllers(ctrls []Controller) {
	if ctrls == nil {
		s.cfg.Controllers, s.ctrls, s.router = nil, nil, nil
		s.dropEpochs()
		return
	}
	specs := append([]ControllerSpec(nil), s.cfg.Controllers...)
	for i := range specs {
		specs[i].Controller = ctrls[i]
	}
	s.cfg.Controllers = specs
	s.ctrls = append([]ctrlState(nil), s.ctrls...)
	s.router = firstRouter(specs)
}

// dropEpochs removes pending controller events (a fork without controllers makes no decisions).
func (s *Sim) dropEpochs() {
	for id := range s.q.slab {
		if id := int32(id); s.q.slab[id].kind == evEpoch && s.q.queued(id) {
			s.q.unschedule(id)
			s.q.release(id)
		}
	}
}

package sim

import (
	"context"
	"errors"
	"fmt"
	"sort"
)

// ErrInfeasible is wrapped by the error Apply returns for a migration it rejects.
var ErrInfeasible = errors.New("sim: infeasible migration")

// Check reports whether migration m is feasible now: the instance and node exist, the destination
// differs from the current node, the instance is not reconfiguring, and the destination's VRAM fits
// its weights M_s next to what is resident and held there (eq. 4).
func (s *Sim) Check(m Migration) error {
	if m.Instance < 0 || m.Instance >= len(s.insts) || m.To < 0 || m.To >= len(s.nodes) {
		return fmt.Errorf("%w: instance %d or node %d out of range", ErrInfeasible, m.Instance, m.To)
	}
	in := &s.insts[m.Instance]
	switch {
	case int(in.node) == m.To:
		return fmt.Errorf("%w: instance %d is already on node %d", ErrInfeasible, m.Instance, m.To)
	case in.reconfiguring:
		return fmt.Errorf("%w: instance %d is reconfiguring", ErrInfeasible, m.Instance)
	}
	nd := &s.nodes[m.To]
	w := s.cfg.Services[in.svc].WeightsGB
	if nd.weights+nd.kv+w > s.cfg.Nodes[m.To].VRAMGB+1e-9 {
		return fmt.Errorf("%w: instance %d needs %.3g GB on node %d, %.3g GB free", ErrInfeasible, m.Instance, w, m.To,
			s.cfg.Nodes[m.To].VRAMGB-nd.weights-nd.kv)
	}
	return nil
}

// Apply starts migration m now if Check accepts it. The instance's VRAM is reserved at the
// destination and freed at the source at once; the instance is unavailable for R_s; its requests keep
// their residual work, release their KV cache, and queue FIFO (those that were active first, by
// request ID) to resume at the destination.
func (s *Sim) Apply(m Migration) error {
	if err := s.Check(m); err != nil {
		return err
	}
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
	return nil
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
	s.sc.drained = d[:0]
}

func (s *Sim) onReconfigDone(i int32) {
	in := &s.insts[i]
	in.reconfiguring = false
	s.markDirty(in.node)
	s.admitWaiting(in.node)
}

// onEpoch calls the policy with a snapshot and applies the migrations it returns in order,
// rejecting and counting those that are infeasible at the moment they are applied.
func (s *Sim) onEpoch(ctx context.Context) error {
	s.epochN++
	s.stats.Epochs++
	snap := s.Snapshot()
	for i := range s.insts {
		s.insts[i].epoch = InstanceCount{}
	}
	s.epochAt = s.now
	if next := s.now + s.cfg.Epoch; next < s.horizon {
		s.q.schedule(next, evEpoch, 0, 0)
	}
	var ms []Migration
	var err error
	if lp, ok := s.cfg.Policy.(LookaheadPolicy); ok {
		ms, err = lp.DecideWith(ctx, snap, s)
	} else {
		ms, err = s.cfg.Policy.Decide(ctx, snap)
	}
	if err != nil {
		return fmt.Errorf("sim: policy %s at t=%g: %w", s.cfg.Policy.Name(), s.now, err)
	}
	if p, ok := s.cfg.Policy.(Partitioner); ok {
		if err := s.setShares(p.RANShares()); err != nil {
			return fmt.Errorf("sim: policy %s at t=%g: %w", s.cfg.Policy.Name(), s.now, err)
		}
	}
	for _, m := range ms {
		switch {
		case m.Delay > 0 && s.now+m.Delay < s.horizon && m.Instance >= 0 && m.To >= 0:
			s.q.schedule(s.now+m.Delay, evApply, int32(m.Instance), int32(m.To))
		case m.Delay > 0:
			s.stats.Rejected++ // lands after the horizon, malformed, or negative
		default:
			s.applyCounted(m)
		}
	}
	return nil
}

// applyDelayed applies a migration scheduled with a Delay, checking feasibility at that moment.
func (s *Sim) applyDelayed(inst, to int32) {
	s.applyCounted(Migration{Instance: int(inst), To: int(to)})
}

// applyCounted applies m, counting it as rejected when infeasible.
func (s *Sim) applyCounted(m Migration) {
	if s.Apply(m) != nil {
		s.stats.Rejected++
	}
}

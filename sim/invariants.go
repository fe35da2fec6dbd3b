package sim

import (
	"fmt"
	"math"
)

// CheckInvariants verifies the model's invariants at the current instant: per-node allocations
// within capacity (eq. 3), resident weights plus held KV within VRAM (eq. 4), consistent bookkeeping of
// held KV, and no allocation to reconfiguring instances or to instances on a node that is down. Node
// capacities are the current ones (after run-time changes). Tests call it after every event.
func (s *Sim) CheckInvariants() error {
	const tol = 1e-9
	inSystem := 0
	for slot := range s.reqs {
		if s.reqs[slot].live {
			inSystem++
		}
	}
	if inSystem != s.inflight {
		return fmt.Errorf("sim: t=%g: %d live requests but %d counted in flight", s.now, inSystem, s.inflight)
	}
	for n := range s.nodes {
		if err := s.checkNode(int32(n), tol); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sim) checkNode(n int32, tol float64) error {
	nd := &s.nodes[n]
	spec := nd.spec
	var g, c, w, kv float64
	for _, i := range nd.insts {
		in := &s.insts[i]
		if in.node != n {
			return fmt.Errorf("sim: t=%g: instance %d listed on node %d but placed on %d", s.now, i, n, in.node)
		}
		if (in.reconfiguring || nd.down()) && (in.q[0].rate > 0 || in.q[1].rate > 0 || in.q[0].len()+in.q[1].len() > 0) {
			return fmt.Errorf("sim: t=%g: instance %d is serving while reconfiguring or on a node that is down", s.now, i)
		}
		g += in.q[0].rate
		c += in.q[1].rate
		w += s.cfg.Services[in.svc].WeightsGB
		kv += in.kvHeld
	}
	switch {
	case g > spec.GPU*(1+tol)+tol || c > spec.CPU*(1+tol)+tol:
		return fmt.Errorf("sim: t=%g: node %d allocates GPU %g of %g, CPU %g of %g (eq. 3)", s.now, n, g, spec.GPU, c, spec.CPU)
	case w+kv > spec.VRAMGB+1e-6:
		return fmt.Errorf("sim: t=%g: node %d holds %g GB weights + %g GB KV > %g GB (eq. 4)", s.now, n, w, kv, spec.VRAMGB)
	case math.Abs(w-nd.weights) > 1e-6 || math.Abs(kv-nd.kv) > 1e-6:
		return fmt.Errorf("sim: t=%g: node %d VRAM bookkeeping drifted", s.now, n)
	}
	return nil
}

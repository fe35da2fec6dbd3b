package sim

import "math"

// reallocDirty recomputes the allocation of every node touched by the current event, in the order
// the nodes were touched.
func (s *Sim) reallocDirty() {
	for _, n := range s.dirty {
		s.nodes[n].dirty = false
		s.realloc(n)
	}
	s.dirty = s.dirty[:0]
}

// realloc divides node n's GPU and CPU among its resident instances with the configured Allocator
// and reschedules their completion timers. Instances that are reconfiguring receive nothing; on a node
// that is down (failed or resizing) none does.
func (s *Sim) realloc(n int32) {
	nd := &s.nodes[n]
	k := len(nd.insts)
	s.sc.dG, s.sc.dC = grow(s.sc.dG, k), grow(s.sc.dC, k)
	s.sc.oG, s.sc.oC = growF(s.sc.oG, k), growF(s.sc.oC, k)
	if nd.down() {
		s.stopNode(n)
		return
	}
	infeasible := false
	for j, i := range nd.insts {
		in := &s.insts[i]
		in.q[0].advance(s.now)
		in.q[1].advance(s.now)
		s.sc.dG[j], s.sc.dC[j] = Demand{}, Demand{}
		if in.reconfiguring {
			continue
		}
		w := s.urgency(in)
		fg, fc, bad := s.floors(in)
		infeasible = infeasible || bad
		s.sc.dG[j] = Demand{Work: in.q[0].residual(), Urgency: w, Floor: fg}
		s.sc.dC[j] = Demand{Work: in.q[1].residual(), Urgency: w, Floor: fc}
	}
	spec := nd.spec
	split := s.splitClasses(n)
	okG := s.allocate(split, nd.ranShare, spec.GPU, s.sc.dG, s.sc.oG)
	okC := s.allocate(split, nd.ranShare, spec.CPU, s.sc.dC, s.sc.oC)
	if infeasible || !okG || !okC {
		s.stats.RANInfeasible++
	}
	s.stats.Allocations++
	for j, i := range nd.insts {
		in := &s.insts[i]
		in.floor = [2]float64{s.sc.dG[j].Floor, s.sc.dC[j].Floor}
		s.setRate(i, phaseGPU, s.sc.oG[j])
		s.setRate(i, phaseCPU, s.sc.oC[j])
	}
}

func (s *Sim) setRate(i int32, phase int, rate float64) {
	in := &s.insts[i]
	in.alloc[phase] = rate
	q := &in.q[phase]
	q.rate = rate
	s.q.set(in.timer[phase], q.nextTime())
}

// urgency returns ω of eq. (14) over the instance's active requests.
func (s *Sim) urgency(in *instState) float64 {
	w := 0.0
	for p := range in.q {
		for _, it := range in.q[p].items {
			w += 1 / math.Max(s.reqs[it.slot].deadline()-s.now, s.cfg.Epsilon)
		}
	}
	return w
}

// floors returns the GPU and CPU RAN floors of eq. (15) of a DU or CU-UP instance (TFLOP/s and cores;
// 0 for other instances) and whether a pending RAN request has no time left (a RAN-infeasible
// placement). Each phase queue gets Ψ / min slack over its requests; the slack of a request in its GPU
// phase that still has CPU work at this instance is only the GPU phase's part of it (gpuPart).
func (s *Sim) floors(in *instState) (gpu, cpu float64, infeasible bool) {
	if in.cat != DU && in.cat != CUUP {
		return 0, 0, false
	}
	spec := s.nodes[in.node].spec
	gpu, badG := s.phaseFloor(&in.q[phaseGPU], phaseGPU, spec)
	cpu, badC := s.phaseFloor(&in.q[phaseCPU], phaseCPU, spec)
	return gpu, cpu, badG || badC
}

// phaseFloor returns the floor Ψ / max(min_q slack_q, floorMinSlack) of the phase queue q of a RAN
// instance on a node of capacities spec, and whether some slack_q ≤ 0. slack_q is the time left to the
// deadline after the downstream stage (d_q); in the GPU phase, only its gpuPart.
func (s *Sim) phaseFloor(q *psQueue, phase int, spec NodeSpec) (float64, bool) {
	if q.len() == 0 {
		return 0, false
	}
	slack := math.Inf(1)
	for k, it := range q.items {
		rq := &s.reqs[it.slot]
		sl := rq.deadline() - s.now - rq.down
		if c := rq.stageWork().CPU; phase == phaseGPU && c > 0 {
			sl *= gpuPart(q.remaining(k), c, spec)
		}
		slack = math.Min(slack, sl)
	}
	return q.residual() / math.Max(slack, floorMinSlack), slack <= 0
}

// gpuPart returns the part of a RAN request's slack its GPU phase may use when CPU work follows at the
// same instance: the phases' times on the whole node, t_g = gpu/G and t_c = cpu/C (TFLOP, core-s), give
// t_g/(t_g + t_c), so both phases need the same fraction (t_g + t_c)/slack of their resource. It is 0
// when the node has no CPU (the request cannot finish), 1 when it has no GPU or no GPU work is left.
func gpuPart(gpu, cpu float64, spec NodeSpec) float64 {
	tg, tc := gpu/spec.GPU, cpu/spec.CPU
	switch {
	case !(tg > 0) || math.IsInf(tg, 1):
		return 1 // no GPU work left, or no GPU: the GPU phase needs no share of the slack
	case math.IsInf(tc, 1):
		return 0
	}
	return tg / (tg + tc)
}

// floorMinSlack bounds the RAN floor's denominator when a request has no time left (eq. 15 is then
// infeasible): the floor becomes very large and is scaled down to the node's capacity.
const floorMinSlack = 1e-6

func grow(d []Demand, k int) []Demand {
	if cap(d) < k {
		return make([]Demand, k)
	}
	return d[:k]
}

func growF(d []float64, k int) []float64 {
	if cap(d) < k {
		return make([]float64, k)
	}
	return d[:k]
}

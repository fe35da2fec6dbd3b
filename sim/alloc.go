package sim

import "math"

// reallocDirty recomputes the allocation of every node touched by the current event, in the order
// the nodes were touched.
func (s *Sim) reallocDirty() {
	for _, n := range s.dirty {
		s.realloc(n)
	}
	s.dirty = s.dirty[:0]
}

// realloc divides node n's GPU and CPU among its resident instances with the configured Allocator
// and reschedules their completion timers. Instances that are reconfiguring receive nothing; on a node
// that is down (failed or resizing) none does.
func (s *Sim) realloc(n int32) {
	nd := &s.nodes[n]
	nd.dirty = false
	k := len(nd.insts)
	dG, dC, oG, oC := s.sc.demands(k)
	nd.use.accrue(s.now)
	if nd.down() {
		s.stopNode(n)
		nd.use.set(0, 0, &nd.spec, nd.failed)
		s.armNode(n)
		return
	}
	minSlack, sumFG, sumFC := math.Inf(1), 0.0, 0.0
	usedG, usedC := false, false // some instance has work or a floor
	for j, i := range nd.insts {
		in := &s.insts[i]
		in.q[0].advance(s.now)
		in.q[1].advance(s.now)
		if in.reconfiguring {
			dG[j], dC[j] = Demand{}, Demand{}
			continue
		}
		w := s.urgency(in)
		fg, fc, sl := 0.0, 0.0, math.Inf(1)
		if in.cat == DU || in.cat == CUUP {
			fg, fc, sl = s.floors(in)
		}
		minSlack, sumFG, sumFC = min(minSlack, sl), sumFG+fg, sumFC+fc
		dG[j] = Demand{Work: in.q[0].residual(), Urgency: w, Floor: fg}
		dC[j] = Demand{Work: in.q[1].residual(), Urgency: w, Floor: fc}
		usedG = usedG || dG[j].Work != 0 || fg != 0
		usedC = usedC || dC[j].Work != 0 || fc != 0
	}
	spec := nd.spec
	split := s.splitClasses(n)
	okG := s.allocateUsed(usedG, split, nd.ranShare, spec.GPU, dG, oG)
	okC := s.allocateUsed(usedC, split, nd.ranShare, spec.CPU, dC, oC)
	s.countFloors(floorsExceed(sumFG, spec.GPU) || floorsExceed(sumFC, spec.CPU), okG && okC, minSlack)
	s.stats.Allocations++
	busyG, busyC := 0.0, 0.0
	next := noCompletion()
	for j, i := range nd.insts {
		in := &s.insts[i]
		in.floor = [2]float64{dG[j].Floor, dC[j].Floor}
		g, c := oG[j], oC[j]
		t, seq := s.setRate(in, phaseGPU, g)
		next.consider(t, seq, i, phaseGPU)
		t, seq = s.setRate(in, phaseCPU, c)
		next.consider(t, seq, i, phaseCPU)
		if in.q[phaseGPU].len() > 0 {
			busyG += g
		}
		if in.q[phaseCPU].len() > 0 {
			busyC += c
		}
	}
	nd.use.set(busyG, busyC, &nd.spec, nd.failed)
	s.arm(n, next)
}

// allocateUsed divides one resource like allocate when used (some instance has work or a floor on it);
// otherwise it gives every instance 0 without calling the Allocator: on most nodes one of the two
// resources is idle at any event (CU-UPs use no GPU, most AI work no CPU).
func (s *Sim) allocateUsed(used, split bool, a, capacity float64, d []Demand, out []float64) bool {
	if used {
		return s.allocate(split, a, capacity, d, out)
	}
	for j := range out {
		out[j] = 0
	}
	return true
}

// setRate gives the phase queue of instance in the rate and records when its head completes: the time
// t (s; +Inf if never) and the sequence number seq its own completion event would have (0 if never).
func (s *Sim) setRate(in *instState, phase int, rate float64) (t float64, seq uint64) {
	q := &in.q[phase]
	q.rate = rate
	t = q.nextTime()
	if t < math.Inf(1) {
		s.q.seq++
		seq = s.q.seq
	}
	in.due[phase], in.dueSeq[phase] = t, seq
	return t, seq
}

// urgency returns ω of eq. (14) over the instance's active requests (0 if the Allocator ignores it).
func (s *Sim) urgency(in *instState) float64 {
	if s.noUrgency {
		return 0
	}
	w, now, eps := 0.0, s.now, s.cfg.Epsilon
	for p := range in.q {
		for _, it := range in.q[p].items {
			w += 1 / max(it.dl-now, eps)
		}
	}
	return w
}

// floors returns the GPU and CPU RAN floors of eq. (15) of a DU or CU-UP instance (TFLOP/s and cores;
// 0 for other instances) and the smallest slack of its requests (s; +Inf if none, −Inf if one can never
// finish). Each phase queue gets Ψ / min slack over its requests; the slack of a request in its GPU
// phase that still has CPU work at this instance is only the GPU phase's part of it (gpuPart).
func (s *Sim) floors(in *instState) (gpu, cpu, slack float64) {
	if in.cat != DU && in.cat != CUUP {
		return 0, 0, math.Inf(1)
	}
	spec := s.nodes[in.node].spec
	gpu, slG := s.phaseFloor(&in.q[phaseGPU], phaseGPU, spec)
	cpu, slC := s.phaseFloor(&in.q[phaseCPU], phaseCPU, spec)
	return gpu, cpu, min(slG, slC)
}

// phaseFloor returns the floor Ψ / max(marginal(min_q slack_q), floorMinSlack) of the phase queue q of a RAN
// instance on a node of capacities spec, and min_q slack_q (s; +Inf for an empty queue). slack_q is the
// time left to the deadline after the downstream stage (d_q); in the GPU phase, only its gpuPart.
func (s *Sim) phaseFloor(q *psQueue, phase int, spec NodeSpec) (float64, float64) {
	slack := math.Inf(1)
	if q.len() == 0 {
		return 0, slack
	}
	for k, it := range q.items {
		rq := &s.reqs[it.slot]
		sl := it.dl - s.now - rq.down
		if c := rq.stageWork().CPU; phase == phaseGPU && c > 0 {
			if p := gpuPart(q.remaining(k), c, spec); p > 0 {
				sl *= p
			} else {
				sl = math.Inf(-1) // no CPU on the node: the request can never finish
			}
		}
		slack = min(slack, sl)
	}
	return q.residual() / max(s.marginal(slack), floorMinSlack), slack
}

// marginal returns the part of slack (s) a RAN floor plans to use: (1 − RANMargin)·slack − RANGuard.
func (s *Sim) marginal(slack float64) float64 {
	if s.cfg.RANMargin == 0 && s.cfg.RANGuard == 0 {
		return slack
	}
	return (1-s.cfg.RANMargin)*slack - s.cfg.RANGuard
}

// RANFloorTolerance is the relative excess of the RAN floors over a node's capacity that counts as
// rounding rather than RAN infeasibility (Stats.RANRounding, not Stats.RANInfeasible). Floors sized
// to finish work exactly at a deadline recompute, after the allocator has granted them, to the
// capacity times 1 + O(1e-15 … 1e-8); a real shortage is far larger.
const RANFloorTolerance = 1e-6

// countFloors classifies one node reallocation by its RAN floors and the smallest RAN slack minSlack
// (s); exceed says whether the floors exceed a capacity (floorsExceed), feasible is what the allocator
// reported. It is RAN-infeasible when the floors exceed a capacity or when minSlack < −MetTolerance (that
// request misses its deadline whatever it gets); it is rounding when the allocator found the floors
// infeasible, or minSlack ≤ 0, but neither holds.
func (s *Sim) countFloors(exceed, feasible bool, minSlack float64) {
	switch {
	case exceed || minSlack < -MetTolerance:
		s.stats.RANInfeasible++
	case !feasible || minSlack <= 0:
		s.stats.RANRounding++
	}
}

// floorsExceed reports whether floors summing to sum exceed capacity·(1 + RANFloorTolerance).
func floorsExceed(sum, capacity float64) bool { return sum > capacity*(1+RANFloorTolerance) }

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

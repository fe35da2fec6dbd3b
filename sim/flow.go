package sim

import (
	"fmt"
	"math"
)

// onArrival admits the pending Source request into the system and pulls the next one.
func (s *Sim) onArrival() error {
	slot := s.newSlot(&s.next)
	s.inflight++
	r := &s.reqs[slot].r // not s.next: a copy passed to the Router would escape to the heap
	cell := &s.cfg.Cells[r.Cell]
	if r.Class.IsRAN() {
		// The cell's radio unit feeds its DU directly: no fabric hop before the DU.
		s.reqs[slot].stage = stageDU
		s.join(slot, int32(cell.DU))
	} else {
		inst := s.route(r)
		du, cu := s.insts[cell.DU].node, s.insts[cell.CU].node
		delay := s.cfg.RANDelay + s.hops(du, cu) + s.hops(cu, s.insts[inst].node)
		if a, ok := s.router.(Associator); ok {
			d, refuse := a.Associate(r, int(inst))
			if refuse {
				s.reqs[slot].node = s.insts[inst].node
				s.stats.Refused++
				s.finish(slot, false, true)
				return s.pull()
			}
			if !(d >= 0) || math.IsInf(d, 1) {
				return fmt.Errorf("sim: router %T: association delay %g s of request %d must be finite and ≥ 0", s.router, d, r.ID)
			}
			delay += d
		}
		s.reqs[slot].stage = stageAI
		s.reqs[slot].inst = inst
		s.insts[inst].inbound++
		s.q.schedule(s.now+delay, evStageArrive, slot, inst)
	}
	return s.pull()
}

// route picks the replica of an AI request: the first controller that is a Router, else the available
// replica with the smallest backlog (ties: lowest index), else the smallest backlog of all.
func (s *Sim) route(r *Request) int32 {
	reps := s.replicas[r.Service]
	if len(reps) == 1 && (s.router == nil || r.Flow == 0) {
		return reps[0] // a request of a flow goes to the Router even then, so that it sees every association
	}
	if rt := s.router; rt != nil {
		views := s.sc.replicas[:0]
		for _, i := range reps {
			views = append(views, s.replicaView(i))
		}
		s.sc.replicas = views
		if k := rt.Route(r, views); k >= 0 && k < len(reps) {
			return reps[k]
		}
	}
	best, bestAvail, bestB := reps[0], false, 0.0
	for _, i := range reps {
		v := s.replicaView(i)
		if (v.Available && !bestAvail) || (v.Available == bestAvail && v.BacklogG < bestB) || i == reps[0] {
			best, bestAvail, bestB = i, v.Available, v.BacklogG
		}
	}
	return best
}

func (s *Sim) replicaView(i int32) ReplicaView {
	in := &s.insts[i]
	return ReplicaView{Instance: int(i), Node: int(in.node), BacklogG: in.q[phaseGPU].residualAt(s.now) + in.waitGPU,
		BacklogC: in.q[phaseCPU].residualAt(s.now), InFlight: int(in.inbound) + len(in.wait) + in.q[0].len() + in.q[1].len(),
		Available: !in.reconfiguring && !s.nodes[in.node].down()}
}

// join puts request slot at instance inst for its current stage.
func (s *Sim) join(slot, inst int32) {
	rq := &s.reqs[slot]
	in := &s.insts[inst]
	rq.inst = inst
	if rq.stage == stageAI {
		in.inbound--
	}
	w := rq.stageWork()
	rq.phase, rq.rem = phaseGPU, w.GPU
	if w.GPU == 0 {
		rq.phase, rq.rem = phaseCPU, w.CPU
	}
	rq.down = 0
	if rq.stage == stageDU {
		cu := s.cfg.Cells[rq.r.Cell].CU
		cuNode := s.nodes[s.insts[cu].node].spec
		rq.down = s.hops(in.node, s.insts[cu].node) + minTime(rq.r.CU, cuNode)
	}
	s.countArrival(inst, w)
	s.markDirty(in.node)
	if in.reconfiguring || s.nodes[in.node].down() || (in.cat.IsAI() && len(in.wait) > 0) {
		s.enqueueWait(slot, inst)
		return
	}
	if rq.r.KVGB > 0 {
		if !s.admit(slot, inst) {
			return
		}
	}
	s.start(slot)
}

// minTime is the processing time of w on a whole node: the optimistic α̂^down of eq. (15).
func minTime(w Work, n NodeSpec) float64 {
	t := 0.0
	if w.GPU > 0 {
		t += w.GPU / n.GPU
	}
	if w.CPU > 0 {
		t += w.CPU / n.CPU
	}
	return t
}

func (s *Sim) enqueueWait(slot, inst int32) {
	in := &s.insts[inst]
	in.pushWait(slot)
	if s.reqs[slot].phase == phaseGPU {
		in.waitGPU += s.reqs[slot].rem
	}
}

// admit reserves the request's KV cache at its instance's node or queues it (FIFO). It reports
// whether the request may start. A request whose KV can never fit is dropped.
func (s *Sim) admit(slot, inst int32) bool {
	rq := &s.reqs[slot]
	in := &s.insts[inst]
	nd := &s.nodes[in.node]
	switch {
	case !s.everFits(in.node, rq.r.KVGB):
		s.finish(slot, false, true)
		s.retireIfEmpty(inst)
		return false
	case !s.fits(in.node, rq.r.KVGB):
		s.enqueueWait(slot, inst)
		return false
	}
	nd.kv += rq.r.KVGB
	in.kvHeld += rq.r.KVGB
	rq.kv = true
	return true
}

// start puts an admitted request into the processor-sharing queue of its phase.
func (s *Sim) start(slot int32) {
	rq := &s.reqs[slot]
	if rq.rem <= 0 {
		if rq.phase == phaseGPU {
			rq.phase, rq.rem = phaseCPU, rq.stageWork().CPU
			if rq.rem > 0 {
				s.start(slot)
				return
			}
		}
		s.stageDone(slot)
		return
	}
	in := &s.insts[rq.inst]
	rq.node = in.node
	q := &in.q[rq.phase]
	q.advance(s.now)
	q.push(slot, rq.rem, rq.deadline())
}

// onPhaseDone completes the head of an instance's queue and any member finishing at the same time.
func (s *Sim) onPhaseDone(inst int32, phase int) {
	in := &s.insts[inst]
	q := &in.q[phase]
	q.advance(s.now)
	if q.len() == 0 {
		return
	}
	if fin := q.items[0].fin; q.v < fin {
		q.v = fin // the timer targets exactly this departure; absorb rounding
	}
	for q.len() > 0 && q.done() {
		slot := q.pop()
		rq := &s.reqs[slot]
		if phase == phaseGPU && rq.stageWork().CPU > 0 {
			rq.phase, rq.rem = phaseCPU, rq.stageWork().CPU
			s.start(slot)
			continue
		}
		s.stageDone(slot)
	}
	s.markDirty(in.node)
}

// stageDone moves a request past its current instance.
func (s *Sim) stageDone(slot int32) {
	rq := &s.reqs[slot]
	in := &s.insts[rq.inst]
	s.countDone(rq.inst)
	s.markDirty(in.node)
	switch rq.stage {
	case stageDU:
		cu := int32(s.cfg.Cells[rq.r.Cell].CU)
		rq.stage = stageCU
		s.q.schedule(s.now+s.hops(in.node, s.insts[cu].node), evStageArrive, slot, cu)
	case stageCU:
		s.finish(slot, true, false)
	default:
		node, inst := in.node, rq.inst
		s.releaseKV(slot)
		s.finish(slot, true, false)
		s.admitWaiting(node)
		s.retireIfEmpty(inst)
	}
}

func (s *Sim) releaseKV(slot int32) {
	rq := &s.reqs[slot]
	if !rq.kv {
		return
	}
	in := &s.insts[rq.inst]
	s.nodes[in.node].kv -= rq.r.KVGB
	in.kvHeld -= rq.r.KVGB
	if in.kvHeld < 1e-12 {
		in.kvHeld = 0
	}
	if s.nodes[in.node].kv < 1e-12 {
		s.nodes[in.node].kv = 0
	}
	rq.kv = false
}

// admitWaiting starts waiting requests of the node's available instances, in instance order and
// FIFO within an instance, while their KV fits.
func (s *Sim) admitWaiting(node int32) {
	if s.nodes[node].down() {
		return
	}
	for _, i := range s.nodes[node].insts {
		in := &s.insts[i]
		if in.reconfiguring {
			continue
		}
		for len(in.wait) > 0 {
			slot := in.wait[0]
			rq := &s.reqs[slot]
			if rq.r.KVGB > 0 && !s.fits(node, rq.r.KVGB) && s.everFits(node, rq.r.KVGB) {
				break
			}
			in.popWait()
			if rq.phase == phaseGPU {
				in.waitGPU -= rq.rem
			}
			if len(in.wait) == 0 {
				in.waitGPU = 0
			}
			if rq.r.KVGB > 0 && !s.admit(slot, i) {
				continue // dropped: can never fit
			}
			s.start(slot)
		}
	}
}

// finish emits the request's record and frees its slot.
func (s *Sim) finish(slot int32, finished, dropped bool) {
	rq := &s.reqs[slot]
	if dropped {
		s.stats.Dropped++
	}
	if s.cfg.Sink != nil {
		svc := -1
		if rq.r.Class == AI {
			svc = rq.r.Service
		}
		s.cfg.Sink.Record(Record{ID: rq.r.ID, Class: rq.r.Class, Category: s.categoryOf(&rq.r), Service: svc, Cell: rq.r.Cell,
			Node: int(rq.node), Arrival: rq.r.Arrival, Finish: s.now, Deadline: rq.r.Deadline, Finished: finished,
			Dropped: dropped, Flow: rq.r.Flow})
	}
	s.stats.Ended++
	s.inflight--
	*rq = reqState{}
	s.freeReq = append(s.freeReq, slot)
}

// onHorizon ends the run: every request still in the system is recorded as unfinished, in slot order.
func (s *Sim) onHorizon() {
	for slot := range s.reqs {
		if s.reqs[slot].live {
			s.finish(int32(slot), false, false)
		}
	}
	for i := range s.insts {
		in := &s.insts[i]
		in.q[0].items, in.q[1].items, in.wait, in.waitBase = nil, nil, nil, nil
	}
	s.stop()
}

// categoryOf returns the category a request's record carries: its AI service's, or DU for RAN-only.
func (s *Sim) categoryOf(r *Request) Category {
	if r.Class == AI {
		return s.cfg.Services[r.Service].Category
	}
	return DU
}

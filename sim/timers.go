package sim

import "math"

// A node's processor-sharing queues complete through one event per node rather than one per queue:
// setRate records each queue's due time with a sequence number drawn as the queue's own event would
// have drawn it, and the node's timer is keyed by the earliest (time, sequence) of its queues. The
// event order is therefore exactly that of one timer per queue, while a reallocation moves one heap
// entry instead of two per instance.

// due is the earliest completion among some queues: time t (s), sequence number seq (0: none) and
// the instance and phase it belongs to.
type due struct {
	t     float64
	seq   uint64
	inst  int32
	phase uint8
}

func noneDue() due { return due{t: math.Inf(1)} }

// offer makes the queues of instance i (at in) candidates for the earliest completion.
func (d *due) offer(in *instState, i int32) {
	for p, sq := range in.dueSeq {
		if sq != 0 && (in.due[p] < d.t || in.due[p] == d.t && sq < d.seq) {
			*d = due{t: in.due[p], seq: sq, inst: i, phase: uint8(p)}
		}
	}
}

// arm schedules node n's timer at next, or unschedules it when nothing is due.
func (s *Sim) arm(n int32, next due) {
	nd := &s.nodes[n]
	if next.seq == 0 {
		s.q.set(nd.timer, math.Inf(1))
		return
	}
	nd.dueInst, nd.duePhase = next.inst, next.phase
	s.q.setAt(nd.timer, next.t, next.seq)
}

// armNode (re)schedules node n's timer at the earliest due completion of its instances.
func (s *Sim) armNode(n int32) {
	next := noneDue()
	for _, i := range s.nodes[n].insts {
		next.offer(&s.insts[i], i)
	}
	s.arm(n, next)
}

// onNodeTimer completes the queue node n's timer stands for. The node is normally reallocated after
// the completion, which re-arms the timer; if nothing completed, it is re-armed on the other queues.
func (s *Sim) onNodeTimer(n int32) {
	nd := &s.nodes[n]
	inst, phase := nd.dueInst, int(nd.duePhase)
	s.insts[inst].dueSeq[phase] = 0
	s.onPhaseDone(inst, phase)
	if !s.nodes[n].dirty {
		s.armNode(n)
	}
}

package sim

import "math"

// A node's processor-sharing queues complete through one event per node rather than one per queue:
// setRate records when each queue's head completes (instState.due) with the sequence number the
// queue's own event would have drawn, and the node's timer is keyed by the earliest (time, sequence)
// of its queues. The event order is therefore exactly that of one timer per queue, while a
// reallocation moves one queue entry instead of two per instance.

// completion is the earliest completion among some queues: time t (s), sequence number seq (0: none)
// and the instance and phase it belongs to.
type completion struct {
	t     float64
	seq   uint64
	inst  int32
	phase uint8
}

// noCompletion is the earliest completion of no queue.
func noCompletion() completion { return completion{t: math.Inf(1)} }

// consider makes the queue (inst, phase), due at t with sequence number seq (0: never), the earliest
// if it comes before: an earlier time, or the same time and a smaller sequence number.
func (c *completion) consider(t float64, seq uint64, inst int32, phase uint8) {
	if seq != 0 && (t < c.t || t == c.t && seq < c.seq) {
		*c = completion{t: t, seq: seq, inst: inst, phase: phase}
	}
}

// arm schedules node n's timer at next, or unschedules it when nothing is due.
func (s *Sim) arm(n int32, next completion) {
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
	next := noCompletion()
	for _, i := range s.nodes[n].insts {
		in := &s.insts[i]
		for p, seq := range in.dueSeq {
			next.consider(in.due[p], seq, i, uint8(p))
		}
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

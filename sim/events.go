package sim

import (
	"math"

	"github.com/airansim/airansim/internal/calq"
)

// eventKind orders events that fall on the same instant. The tie-break rule is (time, kind, seq):
// at equal times, lower kinds run first, and within a kind the event scheduled first runs first.
// Completions come first so that capacity freed at t is visible to everything else at t; arrivals
// come after migrations end so that a request arriving exactly when its instance becomes available
// is served at once; a delayed action, then a node change, land before the controllers at the same instant; the epoch decision sees every request that arrived up to and including t.
type eventKind uint8

const (
	evPhaseDone    eventKind = iota // a processor-sharing phase of an instance may have completed
	evReconfigDone                  // an instance finishes its migration's reconfiguration R_s
	evStageArrive                   // a request reaches an instance after transport
	evArrival                       // the next request of the Source arrives at its cell
	evApply                         // an action decided earlier with a Delay is applied
	evChange                        // a scheduled node change (Config.Changes) or the end of a Resize
	evRealloc                       // a periodic reallocation of every busy node (Config.ReallocPeriod)
	evEpoch                         // the controllers due at this instant are called, in order
	evHorizon                       // the run ends; requests still in the system are unfinished
)

// event is one scheduled occurrence. Events live in a slab and are referenced by index so that the
// whole queue can be copied by value when a simulation is forked.
type event struct {
	t    float64
	seq  uint64
	kind eventKind
	a, b int32 // kind-specific: instance and phase, request slot, …
}

// seqBits is the width of an event's sequence number in the tie-break key calq orders by: the kind
// takes the bits above it. 2^56 events is far more than any run schedules.
const seqBits = 56

// tie returns the key that orders events at equal times: kind, then sequence number.
func tie(kind eventKind, seq uint64) uint64 { return uint64(kind)<<seqBits | seq }

// eventQueue orders the events of a slab by (time, kind, seq) in a calendar queue (internal/calq):
// O(1) per operation however many nodes' timers are pending, where a binary heap cost O(log n).
// Persistent timers (one per node, sim/timers.go) are updated in place with set and setAt; one-shot
// events are recycled through a free list.
type eventQueue struct {
	slab []event
	cq   calq.Queue
	free []int32
	seq  uint64
	// side is one event kept beside the queue (1 + its id; 0: none): the Source's next arrival, which
	// is always pending and is compared with the queue's minimum instead of being queued.
	side int32
}

func (q *eventQueue) less(i, j int32) bool {
	a, b := &q.slab[i], &q.slab[j]
	if a.t != b.t {
		return a.t < b.t
	}
	if a.kind != b.kind {
		return a.kind < b.kind
	}
	return a.seq < b.seq
}

// alloc returns a fresh, unqueued event slot.
func (q *eventQueue) alloc(kind eventKind, a, b int32) int32 {
	var id int32
	if n := len(q.free); n > 0 {
		id = q.free[n-1]
		q.free = q.free[:n-1]
	} else {
		id = int32(len(q.slab))
		q.slab = append(q.slab, event{})
	}
	q.slab[id] = event{kind: kind, a: a, b: b}
	return id
}

// schedule queues a one-shot event at time t.
func (q *eventQueue) schedule(t float64, kind eventKind, a, b int32) {
	q.set(q.alloc(kind, a, b), t)
}

// set (re)schedules the event id at time t; t = +Inf unschedules it.
func (q *eventQueue) set(id int32, t float64) {
	if math.IsInf(t, 1) {
		q.cq.Remove(id)
		return
	}
	q.seq++
	q.setAt(id, t, q.seq)
}

// setAt (re)schedules the event id at the finite time t with sequence number seq instead of a new one:
// a node's timer takes the place in the order of the earliest of its instances' completions.
func (q *eventQueue) setAt(id int32, t float64, seq uint64) {
	e := &q.slab[id]
	e.t, e.seq = t, seq
	q.cq.Set(id, t, tie(e.kind, seq))
}

// scheduleSide queues a one-shot event at time t beside the queue (in it if the side is taken).
func (q *eventQueue) scheduleSide(t float64, kind eventKind, a, b int32) {
	if q.side != 0 {
		q.schedule(t, kind, a, b)
		return
	}
	id := q.alloc(kind, a, b)
	q.seq++
	q.slab[id].t, q.slab[id].seq = t, q.seq
	q.side = id + 1
}

// peek returns the earliest event id, or -1.
func (q *eventQueue) peek() int32 {
	top, ok := q.cq.Min()
	if side := q.side - 1; side >= 0 && (!ok || q.less(side, top)) {
		return side
	}
	return top
}

// pop removes the earliest event, which must exist, and returns its id; the slot stays valid until
// release.
func (q *eventQueue) pop() int32 {
	id := q.peek()
	q.take(id)
	return id
}

// take removes the earliest event, id, as peek returned it; the slot stays valid until release.
func (q *eventQueue) take(id int32) {
	if id == q.side-1 {
		q.side = 0
		return
	}
	q.cq.PopMin()
}

// release returns a one-shot event slot to the free list.
func (q *eventQueue) release(id int32) { q.free = append(q.free, id) }

// queued reports whether the event id is pending in the queue (the side event is not).
func (q *eventQueue) queued(id int32) bool { return q.cq.Queued(id) }

// unschedule removes the event id from the queue if it is pending there.
func (q *eventQueue) unschedule(id int32) { q.cq.Remove(id) }

// clone returns a deep copy.
func (q *eventQueue) clone() eventQueue {
	return eventQueue{
		slab: append([]event(nil), q.slab...),
		cq:   q.cq.Clone(),
		free: append([]int32(nil), q.free...),
		seq:  q.seq,
		side: q.side,
	}
}

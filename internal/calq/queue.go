package calq

import "math"

// Thresholds of the switch between heap mode and calendar mode: the calendar is built when the
// queue grows beyond calendarOn ids and dropped when it shrinks below calendarOff, a gap wide enough
// that a queue hovering around one size does not rebuild at every operation.
const (
	calendarOn  = 32
	calendarOff = 12
)

// entry is the state of one id.
type entry struct {
	t    float64
	tie  uint64
	day  int64 // calendar day of t (floor(t/width), clamped); valid in calendar mode
	next int32 // bucket list links (-1: none); valid while the id is in a bucket list
	prev int32
	loc  int32 // 0: not queued; > 0: heap index + 1; -1: in a bucket list
}

// Queue is a priority queue of ids ordered by the key (t, tie): t ascending, then tie ascending,
// then — for identical keys, which callers should avoid — id ascending, so the order is total and
// deterministic. Ids are small non-negative int32 chosen by the caller (dense, like slab indices;
// the queue keeps O(largest id) state), each queued at most once. The zero value is an empty queue
// ready to use. A Queue is not safe for concurrent use, not even by readers: Min may reorganise it.
//
// While it holds few ids the Queue is an indexed binary heap with its keys inline. Above 32 ids
// (calendarOn; back to the heap below 12) it becomes a calendar queue: days of a fixed width, in a power-of-two number of buckets, each
// an unsorted doubly-linked list of the ids due on that day of any year; the ids due up to the
// current day are kept in the heap, so the minimum is always the heap's top and equal times cost
// O(log m) rather than a list scan.
type Queue struct {
	ents  []entry
	heap  []item  // heap mode: every queued id; calendar mode: those whose day is <= cur
	head  []int32 // bucket list heads (-1: empty), len a power of two; in use only in calendar mode
	cal   bool    // calendar mode
	inBkt int     // ids in bucket lists
	cur   int64   // current day: every id in a bucket list has a later day
	width float64 // day length, in the unit of t
	inv   float64 // 1 / width
	mask  int64   // len(head) - 1

	ops, work int  // operations and calendar scan steps in this period, to detect a bad width
	crowded   bool // the current day held over maxFront ids right after the last rebuild
	pastWork  int  // scan steps of past periods, and rebuilds: the cost the tests bound
	rebuilds  int

	ids   []int32   // scratch for rebuilds
	times []float64 // scratch for the width estimate
}

// Set queues id at the key (t, tie), or moves it there if it is queued; amortised O(1). t is a time
// in the caller's unit (the simulator's seconds), finite, and may be earlier than keys already
// popped (that costs a little more, never correctness). ±Inf are accepted and ordered as their
// values (+Inf: "after everything finite"); NaN is not allowed and is stored as +Inf. A negative id
// is ignored; a large id costs memory for every smaller one.
func (q *Queue) Set(id int32, t float64, tie uint64) {
	if id < 0 {
		return
	}
	if t != t {
		t = math.Inf(1)
	}
	if int(id) >= len(q.ents) {
		q.grow(int(id) + 1)
	}
	if q.cal {
		q.setCalendar(id, t, tie)
		return
	}
	e := &q.ents[id]
	e.t, e.tie = t, tie
	if e.loc != 0 {
		q.fixAt(int(e.loc-1), item{t, tie, id})
		return
	}
	q.push(item{t, tie, id})
	if len(q.heap) > calendarOn {
		q.rebuild()
	}
}

// Remove unqueues id; amortised O(1), and a no-op if id is not queued.
func (q *Queue) Remove(id int32) {
	if !q.Queued(id) {
		return
	}
	q.ops++
	q.unqueue(id)
	if q.cal {
		q.checkSize()
	}
}

// Queued reports whether id is queued.
func (q *Queue) Queued(id int32) bool {
	return id >= 0 && int(id) < len(q.ents) && q.ents[id].loc != 0
}

// Min returns the id with the least key without removing it, or (-1, false) if the queue is empty.
// It is O(1) unless the calendar has to advance to the next non-empty day (amortised O(1) with a
// well-fitted width; a direct O(Len) search if a whole year of days is empty).
func (q *Queue) Min() (id int32, ok bool) {
	if len(q.heap) == 0 {
		if q.inBkt == 0 {
			return -1, false
		}
		q.advance()
	}
	return q.heap[0].id, true
}

// PopMin removes the id with the least key and returns it, or (-1, false) if the queue is empty;
// amortised O(1).
func (q *Queue) PopMin() (id int32, ok bool) {
	if len(q.heap) == 0 {
		if q.inBkt == 0 {
			return -1, false
		}
		q.advance()
	}
	h := q.heap
	id, last := h[0].id, len(h)-1
	q.ents[id].loc = 0
	q.heap = h[:last]
	if last > 0 {
		q.down(0, h[last])
	}
	if q.cal {
		q.ops++
		q.checkSize()
	}
	return id, true
}

// Key returns the key of id as last given to Set (t as given, so -0.0 stays -0.0; NaN as +Inf).
// It is meaningful only for queued ids: an unqueued id keeps its last key, one never set has (0, 0).
func (q *Queue) Key(id int32) (t float64, tie uint64) {
	if id < 0 || int(id) >= len(q.ents) {
		return 0, 0
	}
	e := &q.ents[id]
	return e.t, e.tie
}

// Len returns the number of queued ids.
func (q *Queue) Len() int { return len(q.heap) + q.inBkt }

// Clone returns a deep copy of q, which then evolves independently of q; O(largest id + Len +
// buckets).
func (q *Queue) Clone() Queue {
	c := *q
	c.ents = append([]entry(nil), q.ents...)
	c.heap = append([]item(nil), q.heap...)
	c.head = append([]int32(nil), q.head...)
	c.ids, c.times = nil, nil
	return c
}

// grow extends the per-id state to n ids, at least doubling so that growth is amortised.
func (q *Queue) grow(n int) {
	if n <= cap(q.ents) {
		q.ents = q.ents[:n]
		return
	}
	ents := make([]entry, n, max(n, 2*cap(q.ents)))
	copy(ents, q.ents)
	q.ents = ents
}

// insert queues the unqueued id at its entry's key.
func (q *Queue) insert(id int32) {
	e := &q.ents[id]
	if q.cal {
		e.day = q.dayOf(e.t)
		if e.day > q.cur {
			q.link(id)
			return
		}
	}
	q.push(item{e.t, e.tie, id})
}

// unqueue removes the queued id from wherever it is.
func (q *Queue) unqueue(id int32) {
	if e := &q.ents[id]; e.loc > 0 {
		q.heapRemove(int(e.loc - 1))
	} else {
		q.unlink(id)
	}
}

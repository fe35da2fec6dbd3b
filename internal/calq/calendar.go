package calq

import "math"

// Days are clamped to ±2^62 so that t/width never overflows int64 (t = 1e300, or +Inf as "never")
// and cur can step past any day without wrapping. Clamping keeps the day monotone in t, which is all
// the order needs: ids on one day are ordered by their full key in the heap.
const (
	maxDay = int64(1) << 62
	minDay = -maxDay
)

// dayOf returns the calendar day of t: floor(t/width), clamped. Multiplying by the positive inverse
// rounds monotonically, so the day is monotone in t; -0.0 and +0.0 fall on day 0.
func (q *Queue) dayOf(t float64) int64 {
	x := math.Floor(t * q.inv)
	if !(x < float64(maxDay)) {
		return maxDay
	}
	if x < float64(minDay) {
		return minDay
	}
	return int64(x)
}

// link adds id, whose day is later than cur, to the front of its bucket's list.
func (q *Queue) link(id int32) {
	e := &q.ents[id]
	b := e.day & q.mask
	h := q.head[b]
	e.next, e.prev, e.loc = h, -1, -1
	if h >= 0 {
		q.ents[h].prev = id
	}
	q.head[b] = id
	q.inBkt++
}

// unlink removes id from its bucket's list and marks it unqueued.
func (q *Queue) unlink(id int32) {
	e := &q.ents[id]
	if e.prev >= 0 {
		q.ents[e.prev].next = e.next
	} else {
		q.head[e.day&q.mask] = e.next
	}
	if e.next >= 0 {
		q.ents[e.next].prev = e.prev
	}
	e.loc = 0
	q.inBkt--
}

// setCalendar is Set in calendar mode.
func (q *Queue) setCalendar(id int32, t float64, tie uint64) {
	q.ops++
	if e := &q.ents[id]; e.loc == 0 {
		e.t, e.tie = t, tie
		q.insert(id)
	} else {
		q.rekey(id, t, tie)
	}
	q.checkSize()
}

// rekey moves the queued id to (t, tie) in calendar mode.
func (q *Queue) rekey(id int32, t float64, tie uint64) {
	e := &q.ents[id]
	day := q.dayOf(t)
	if e.loc > 0 {
		e.t, e.tie = t, tie
		if day <= q.cur {
			q.fixAt(int(e.loc-1), item{t, tie, id})
			return
		}
		q.heapRemove(int(e.loc - 1))
		e.day = day
		q.link(id)
		return
	}
	if day > q.cur && day&q.mask == e.day&q.mask {
		e.t, e.tie, e.day = t, tie, day // same bucket: the list need not change
		return
	}
	q.unlink(id)
	e.t, e.tie, e.day = t, tie, day
	q.insert(id)
}

// advance moves cur to the next day that has ids and moves them into the (empty) heap. It scans at
// most one year of buckets, then falls back to a direct search for the earliest day.
func (q *Queue) advance() {
	nb := len(q.head)
	for i := 0; i < nb; i++ {
		q.cur++
		q.collect(q.cur)
		if len(q.heap) > 0 {
			q.work += i + 1
			return
		}
	}
	q.work += nb
	q.cur = q.earliestDay()
	q.collect(q.cur)
}

// collect moves the ids of day from its bucket's list into the heap.
func (q *Queue) collect(day int64) {
	id := q.head[day&q.mask]
	for id >= 0 {
		e := &q.ents[id]
		next := e.next
		q.work++
		if e.day == day {
			q.unlink(id)
			q.push(item{e.t, e.tie, id})
		}
		id = next
	}
}

// earliestDay returns the earliest day of any id in a bucket list (there is one), by a full scan.
func (q *Queue) earliestDay() int64 {
	best := maxDay
	for _, id := range q.head {
		for ; id >= 0; id = q.ents[id].next {
			best = min(best, q.ents[id].day)
			q.work++
		}
	}
	return best
}

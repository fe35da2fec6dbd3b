package calq

// Resizing: the bucket count is the power of two at or above the population when the calendar is
// (re)built, at least minBuckets; it is rebuilt when the population leaves [buckets/4, 2·buckets],
// so growth and shrinkage by a factor of 2 around a build never rebuild twice. A rebuild also
// re-estimates the width, and one is forced at the end of a period when its scans cost more than
// maxWorkPerOp steps per operation on average (days too short: empty buckets) or the current day
// holds more than maxFront ids (days too long: the heap does the work), a width gone stale as the
// time scale drifted. A period is at least as many operations as there are buckets, so rebuilds
// cost O(1) amortised; a crowded day is not refitted again when the refit could not split it (many
// ids at one time).
const (
	minBuckets   = 16
	minPeriod    = 64
	maxWorkPerOp = 2
	maxFront     = 64
)

// checkSize returns to heap mode, resizes or re-fits the calendar when the population or the scan
// cost calls for it, after an operation in calendar mode. (Heap mode checks its size inline.)
func (q *Queue) checkSize() {
	n := q.Len()
	nb := len(q.head)
	switch {
	case n < calendarOff:
		q.leaveCalendar()
	case n > 2*nb || n < nb/4:
		q.rebuild()
	case q.ops >= max(nb, minPeriod):
		if q.work > maxWorkPerOp*q.ops || len(q.heap) > maxFront && !q.crowded {
			q.rebuild()
			return
		}
		q.pastWork += q.work
		q.ops, q.work = 0, 0
	}
}

// gather returns every queued id (in q.ids, reused), leaving the lists to be reset by the caller.
func (q *Queue) gather() []int32 {
	ids := q.ids[:0]
	for i := range q.heap {
		ids = append(ids, q.heap[i].id)
	}
	if q.cal {
		for _, id := range q.head {
			for ; id >= 0; id = q.ents[id].next {
				ids = append(ids, id)
			}
		}
	}
	q.ids = ids
	return ids
}

// rebuild (re)builds the calendar for the current population: width, bucket count, current day.
func (q *Queue) rebuild() {
	ids := q.gather()
	q.fitWidth(ids)
	q.rebuilds++
	q.pastWork += q.work + len(ids)
	nb := minBuckets
	for nb < len(ids) {
		nb *= 2
	}
	if cap(q.head) < nb {
		q.head = make([]int32, nb)
	}
	q.head = q.head[:nb]
	for i := range q.head {
		q.head[i] = -1
	}
	q.mask = int64(nb - 1)
	q.cal, q.inBkt, q.heap = true, 0, q.heap[:0]
	q.cur = q.dayOf(q.minTime(ids))
	for _, id := range ids {
		e := &q.ents[id]
		e.day = q.dayOf(e.t)
		if e.day <= q.cur {
			q.heap = append(q.heap, item{e.t, e.tie, id})
		} else {
			q.link(id)
		}
	}
	q.heapify()
	q.ops, q.work = 0, 0
	q.crowded = len(q.heap) > maxFront // a refit cannot split this day: do not retry every period
}

// leaveCalendar returns to heap mode: every id in a bucket list joins the heap.
func (q *Queue) leaveCalendar() {
	for _, id := range q.head {
		for ; id >= 0; id = q.ents[id].next {
			e := &q.ents[id]
			q.heap = append(q.heap, item{e.t, e.tie, id})
		}
	}
	q.cal, q.inBkt = false, 0
	q.heapify()
}

// minTime returns the least t of ids (+Inf if there is none).
func (q *Queue) minTime(ids []int32) float64 {
	m := inf
	for _, id := range ids {
		if t := q.ents[id].t; t < m {
			m = t
		}
	}
	return m
}

package calq

// item is a heap entry: an id with its key inline, so that sifting compares without touching ents.
type item struct {
	t   float64
	tie uint64
	id  int32
}

// less is the queue's total order: t, then tie, then id. -0.0 and +0.0 compare equal.
func (a *item) less(b *item) bool {
	if a.t != b.t {
		return a.t < b.t
	}
	if a.tie != b.tie {
		return a.tie < b.tie
	}
	return a.id < b.id
}

// push adds it to the heap.
func (q *Queue) push(it item) {
	q.heap = append(q.heap, it)
	q.up(len(q.heap)-1, it)
}

// heapRemove removes the heap entry at index i and marks its id unqueued.
func (q *Queue) heapRemove(i int) {
	h := q.heap
	last := len(h) - 1
	q.ents[h[i].id].loc = 0
	moved := h[last]
	q.heap = h[:last]
	if i != last {
		q.fixAt(i, moved)
	}
}

// fixAt places it at heap index i and restores the heap order around it.
func (q *Queue) fixAt(i int, it item) {
	if i > 0 && it.less(&q.heap[(i-1)/2]) {
		q.up(i, it)
		return
	}
	q.down(i, it)
}

// up moves it from the hole at index j towards the root to its place.
func (q *Queue) up(j int, it item) {
	h, ents := q.heap, q.ents
	for j > 0 {
		p := (j - 1) / 2
		if !it.less(&h[p]) {
			break
		}
		h[j] = h[p]
		ents[h[j].id].loc = int32(j + 1)
		j = p
	}
	h[j] = it
	ents[it.id].loc = int32(j + 1)
}

// down moves it from the hole at index j towards the leaves to its place.
func (q *Queue) down(j int, it item) {
	h, ents := q.heap, q.ents
	n := len(h)
	for {
		c := 2*j + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].less(&h[c]) {
			c++
		}
		if !h[c].less(&it) {
			break
		}
		h[j] = h[c]
		ents[h[j].id].loc = int32(j + 1)
		j = c
	}
	h[j] = it
	ents[it.id].loc = int32(j + 1)
}

// heapify restores the heap order of the whole heap and the positions of its ids.
func (q *Queue) heapify() {
	h := q.heap
	for i := range h {
		q.ents[h[i].id].loc = int32(i + 1)
	}
	for i := len(h)/2 - 1; i >= 0; i-- {
		q.down(i, h[i])
	}
}

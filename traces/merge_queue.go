package traces

import "github.com/airansim/airansim/sim"

// mergeKey is a heap entry of merged: input i, whose head arrives at t.
type mergeKey struct {
	t float64
	i int32
}

// less orders heap entries by arrival, then input index: the scan's choice (the lowest index among
// the earliest arrivals), a total order since NaN arrivals are rejected.
func (a mergeKey) less(b mergeKey) bool { return a.t < b.t || (a.t == b.t && a.i < b.i) }

// nextHeap is NextInto in heap mode. It reads the inputs in the scan's order: the inputs without a
// head are the one taken last (heap[0] while taken) and those in need, never both, and both are
// left as they are by an error, so the next call retries the same read first.
func (m *merged) nextHeap(r *sim.Request) (bool, error) {
	if m.taken {
		i := m.heap[0].i
		if err := m.fillHead(int(i)); err != nil {
			return false, err
		}
		m.taken = false
		if m.has[i] {
			m.heap[0].t = m.head[i].Arrival
		} else {
			last := len(m.heap) - 1
			m.heap[0] = m.heap[last]
			m.heap = m.heap[:last]
		}
		m.down()
	}
	for len(m.need) > 0 {
		i := m.need[0]
		if err := m.fillHead(int(i)); err != nil {
			return false, err
		}
		m.need = m.need[1:]
		if m.has[i] {
			m.up(mergeKey{m.head[i].Arrival, i})
		}
	}
	if len(m.heap) == 0 {
		return false, nil
	}
	best := m.heap[0].i
	*r = m.head[best]
	m.has[best], m.taken = false, true
	r.ID = m.n
	m.n++
	return true, nil
}

// up appends k to the heap and sifts it up.
func (m *merged) up(k mergeKey) {
	h := append(m.heap, k)
	j := len(h) - 1
	for j > 0 {
		p := (j - 1) / 2
		if !k.less(h[p]) {
			break
		}
		h[j] = h[p]
		j = p
	}
	h[j] = k
	m.heap = h
}

// down sifts heap[0] down to its place.
func (m *merged) down() {
	h := m.heap
	n := len(h)
	if n < 2 {
		return
	}
	k := h[0]
	j := 0
	for {
		c := 2*j + 1
		if c >= n {
			break
		}
		if c+1 < n && h[c+1].less(h[c]) {
			c++
		}
		if !h[c].less(k) {
			break
		}
		h[j] = h[c]
		j = c
	}
	h[j] = k
}

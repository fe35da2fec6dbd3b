package traces

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// mergeScanMax is the largest number of inputs for which Merge picks the next request by scanning
// every input's head; above it, Merge keeps the inputs with a head in a binary min-heap. The scan
// is faster up to about this many inputs (BenchmarkMergeCrossover: about even at 6, the heap 8 % faster
// at 8, 37 % at 16).
const mergeScanMax = 6

// merged is the source Merge returns.
type merged struct {
	srcs []sim.Source
	fill []sim.SourceFiller // srcs[i] as a filler, nil if it is not one
	head []sim.Request
	has  []bool
	done []bool
	last []float64 // arrival of the last request taken from each input
	n    int64

	// Heap mode (useHeap, more than mergeScanMax inputs): the scan's choice, kept incrementally.
	// heap holds, by (arrival, input), every input with a head, and heap[0] while taken (its key
	// then stale); need lists, in index order, the inputs to load a head for before the next choice
	// (all at first, or those an error left); taken says the last call took heap[0]'s head, to
	// reload before anything else.
	useHeap bool
	heap    []mergeKey
	need    []int32
	taken   bool
}

// mergeKey is a heap entry of merged: input i, whose head arrives at t.
type mergeKey struct {
	t float64
	i int32
}

// less orders heap entries by arrival, then input index: the scan's choice (the lowest index among
// the earliest arrivals), a total order since NaN arrivals are rejected.
func (a mergeKey) less(b mergeKey) bool { return a.t < b.t || (a.t == b.t && a.i < b.i) }

// Merge returns a source yielding the requests of all sources in arrival order; requests with equal
// arrival times come from the lower source index first (and, within a source, in its own order).
// IDs are renumbered 0, 1, 2, … in output order; every other field is kept. Each input must itself
// be in non-decreasing arrival order, else Next returns an error, and no arrival may be NaN, else
// Next returns an error naming the source. Choosing the next request costs O(log len(sources)) per
// request (a binary heap of the inputs; a scan of them for at most 6 sources). Each call first reads
// the next request of every input that has none pending and is not exhausted, in index order (after
// the first call, only the input taken last, unless an error stopped the previous call); an input's
// error is returned by the call that meets it, and the next call retries that input first. The result implements
// sim.ForkableSource; its Fork fails unless every input is a sim.ForkableSource. It is not safe for
// concurrent use.
func Merge(sources ...sim.Source) sim.Source {
	return newMerged(len(sources) > mergeScanMax, sources)
}

// newMerged returns Merge's source over sources, in heap mode if useHeap (Merge's choice depends
// only on len(sources); tests force either mode).
func newMerged(useHeap bool, sources []sim.Source) *merged {
	k := len(sources)
	m := &merged{srcs: append([]sim.Source(nil), sources...), head: make([]sim.Request, k),
		has: make([]bool, k), done: make([]bool, k), last: make([]float64, k), useHeap: useHeap}
	for i := range m.last {
		m.last[i] = math.Inf(-1)
	}
	if useHeap {
		m.heap = make([]mergeKey, 0, k)
		m.need = make([]int32, k)
		for i := range m.need {
			m.need[i] = int32(i)
		}
	}
	m.setFillers()
	return m
}

// setFillers records which inputs are fillers.
func (m *merged) setFillers() {
	m.fill = make([]sim.SourceFiller, len(m.srcs))
	for i, s := range m.srcs {
		m.fill[i] = asFiller(s)
	}
}

// Next returns the earliest pending request, ok=false when every input is exhausted, or the first
// error of an input (wrapped with its index).
func (m *merged) Next() (sim.Request, bool, error) {
	var r sim.Request
	if ok, err := m.NextInto(&r); !ok {
		return sim.Request{}, false, err
	}
	return r, true, nil
}

// NextInto implements sim.SourceFiller: Next writing the request into *r.
func (m *merged) NextInto(r *sim.Request) (bool, error) {
	if m.useHeap {
		return m.nextHeap(r)
	}
	best := -1
	for i := range m.srcs {
		if !m.has[i] && !m.done[i] {
			if err := m.fillHead(i); err != nil {
				return false, err
			}
		}
		if m.has[i] && (best < 0 || m.head[i].Arrival < m.head[best].Arrival) {
			best = i
		}
	}
	if best < 0 {
		return false, nil
	}
	*r = m.head[best]
	m.has[best] = false
	r.ID = m.n
	m.n++
	return true, nil
}

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

// fillHead loads input i's next request into head[i]; the caller checks that it has none and is
// not done (in its loop, since most inputs have a pending head and need no call). A filler writes
// the request there directly. head[i] is scratch while has[i] is false, so a failed or final read
// may leave anything in it.
func (m *merged) fillHead(i int) error {
	h := &m.head[i]
	var ok bool
	var err error
	if f := m.fill[i]; f != nil {
		ok, err = f.NextInto(h)
	} else {
		*h, ok, err = m.srcs[i].Next()
	}
	switch {
	case err != nil:
		return fmt.Errorf("traces: merge: source %d: %w", i, err)
	case !ok:
		m.done[i] = true
	case h.Arrival < m.last[i]:
		return fmt.Errorf("traces: merge: source %d: arrival %v after %v", i, h.Arrival, m.last[i])
	case h.Arrival != h.Arrival:
		return fmt.Errorf("traces: merge: source %d: arrival NaN (arrival must not be NaN)", i)
	default:
		m.has[i], m.last[i] = true, h.Arrival
	}
	return nil
}

// Fork returns a copy yielding the same remaining requests without disturbing m.
func (m *merged) Fork() (sim.Source, error) {
	c := &merged{srcs: make([]sim.Source, len(m.srcs)), head: append([]sim.Request(nil), m.head...),
		has: append([]bool(nil), m.has...), done: append([]bool(nil), m.done...),
		last: append([]float64(nil), m.last...), n: m.n, useHeap: m.useHeap, taken: m.taken}
	if m.useHeap {
		c.heap = append(make([]mergeKey, 0, len(m.srcs)), m.heap...)
		c.need = append([]int32(nil), m.need...)
	}
	for i, s := range m.srcs {
		f, err := forkSource(s)
		if err != nil {
			return nil, fmt.Errorf("traces: merge: source %d: %w", i, err)
		}
		c.srcs[i] = f
	}
	c.setFillers()
	return c, nil
}

func forkSource(s sim.Source) (sim.Source, error) {
	f, ok := s.(sim.ForkableSource)
	if !ok {
		return nil, fmt.Errorf("traces: source %T is not forkable", s)
	}
	return f.Fork()
}

// limited is the source Limit returns.
type limited struct {
	src  sim.Source
	fill sim.SourceFiller // src as a filler, nil if it is not one
	buf  sim.Request      // where Next reads into: a local passed to an interface method would escape to the heap
	left int
}

// Limit returns a source yielding at most n requests of src (n = 0 yields none), unchanged. The
// result implements sim.ForkableSource; its Fork fails unless src is a sim.ForkableSource.
// It panics if n < 0.
func Limit(src sim.Source, n int) sim.Source {
	if n < 0 {
		panic("traces: Limit with negative n")
	}
	return &limited{src: src, fill: asFiller(src), left: n}
}

// Next returns src's next request until n have been returned.
func (l *limited) Next() (sim.Request, bool, error) {
	if ok, err := l.NextInto(&l.buf); !ok {
		return sim.Request{}, false, err
	}
	return l.buf, true, nil
}

// NextInto implements sim.SourceFiller: Next writing the request into *r.
func (l *limited) NextInto(r *sim.Request) (bool, error) {
	if l.left == 0 {
		return false, nil
	}
	var ok bool
	var err error
	if l.fill != nil {
		ok, err = l.fill.NextInto(r)
	} else {
		*r, ok, err = l.src.Next()
	}
	if !ok || err != nil {
		return false, err
	}
	l.left--
	return true, nil
}

// Fork returns a copy yielding the same remaining requests without disturbing l.
func (l *limited) Fork() (sim.Source, error) {
	f, err := forkSource(l.src)
	if err != nil {
		return nil, err
	}
	return &limited{src: f, fill: asFiller(f), left: l.left}, nil
}

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

// Merge returns a source yielding the requests of all sources in arrival order; requests with equal
// arrival times come from the lower source index first (and, within a source, in its own order).
// IDs are renumbered 0, 1, 2, … in output order; every other field is kept. Each input must itself
// be in non-decreasing arrival order, else Next returns an error, and no arrival may be NaN, else
// Next returns an error naming the source. Choosing the next request costs O(log len(sources)) per
// request (a binary heap of the inputs; a scan of them for at most 6 sources). Each call first reads
// the next request of every input that has none pending and is not exhausted, in index order (after
// the first call, only the input taken last, unless an error stopped the previous call); an input's
// error is returned by the call that meets it, and the next call retries that input first. The result
// implements sim.ForkableSource; its Fork fails unless every input is a sim.ForkableSource. It is not
// safe for concurrent use.
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

package traces

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// merged is the source Merge returns.
type merged struct {
	srcs []sim.Source
	fill []sim.SourceFiller // srcs[i] as a filler, nil if it is not one
	head []sim.Request
	has  []bool
	done []bool
	last []float64 // arrival of the last request taken from each input
	n    int64
}

// Merge returns a source yielding the requests of all sources in arrival order; requests with equal
// arrival times come from the lower source index first (and, within a source, in its own order).
// IDs are renumbered 0, 1, 2, … in output order; every other field is kept. Each input must itself
// be in non-decreasing arrival order, else Next returns an error. Choosing the next request scans
// the inputs, O(len(sources)) per request. The result implements sim.ForkableSource; its Fork fails
// unless every input is a sim.ForkableSource. It is not safe for concurrent use.
func Merge(sources ...sim.Source) sim.Source {
	k := len(sources)
	m := &merged{srcs: append([]sim.Source(nil), sources...), head: make([]sim.Request, k),
		has: make([]bool, k), done: make([]bool, k), last: make([]float64, k)}
	for i := range m.last {
		m.last[i] = math.Inf(-1)
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
	default:
		m.has[i], m.last[i] = true, h.Arrival
	}
	return nil
}

// Fork returns a copy yielding the same remaining requests without disturbing m.
func (m *merged) Fork() (sim.Source, error) {
	c := &merged{srcs: make([]sim.Source, len(m.srcs)), head: append([]sim.Request(nil), m.head...),
		has: append([]bool(nil), m.has...), done: append([]bool(nil), m.done...),
		last: append([]float64(nil), m.last...), n: m.n}
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

package traces

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// refMerged is a verbatim copy of Merge's linear-scan implementation before the heap (commit
// e0393aa), the reference TestMergeDifferential compares Merge with. It accepts NaN arrivals (a NaN
// passes the backwards check and is then never strictly earlier than another head); Merge rejects
// them, so the differential test draws no NaN.
type refMerged struct {
	srcs []sim.Source
	fill []sim.SourceFiller
	head []sim.Request
	has  []bool
	done []bool
	last []float64
	n    int64
}

func refMerge(sources ...sim.Source) *refMerged {
	k := len(sources)
	m := &refMerged{srcs: append([]sim.Source(nil), sources...), head: make([]sim.Request, k),
		has: make([]bool, k), done: make([]bool, k), last: make([]float64, k)}
	for i := range m.last {
		m.last[i] = math.Inf(-1)
	}
	m.setFillers()
	return m
}

func (m *refMerged) setFillers() {
	m.fill = make([]sim.SourceFiller, len(m.srcs))
	for i, s := range m.srcs {
		m.fill[i] = asFiller(s)
	}
}

func (m *refMerged) Next() (sim.Request, bool, error) {
	var r sim.Request
	if ok, err := m.NextInto(&r); !ok {
		return sim.Request{}, false, err
	}
	return r, true, nil
}

func (m *refMerged) NextInto(r *sim.Request) (bool, error) {
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

func (m *refMerged) fillHead(i int) error {
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

func (m *refMerged) Fork() (sim.Source, error) {
	c := &refMerged{srcs: make([]sim.Source, len(m.srcs)), head: append([]sim.Request(nil), m.head...),
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

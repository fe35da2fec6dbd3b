package traces

import "github.com/airansim/airansim/sim"

// nextQueued is NextInto in queue mode. The queue holds every input with a head, keyed (arrival,
// input index): the scan's choice, the lowest index among the earliest arrivals. It reads the inputs
// in the scan's order: the inputs without a head are the one taken last (still queued, its key stale,
// while taken) and those in need, never both, and both are left as they are by an error, so the next
// call retries the same read first.
func (m *merged) nextQueued(r *sim.Request) (bool, error) {
	if m.taken {
		i := m.took
		if err := m.fillHead(int(i)); err != nil {
			return false, err
		}
		m.taken = false
		if m.has[i] {
			m.queue.Set(i, m.head[i].Arrival, uint64(i))
		} else {
			m.queue.Remove(i)
		}
	}
	for len(m.need) > 0 {
		i := m.need[0]
		if err := m.fillHead(int(i)); err != nil {
			return false, err
		}
		m.need = m.need[1:]
		if m.has[i] {
			m.queue.Set(i, m.head[i].Arrival, uint64(i))
		}
	}
	best, ok := m.queue.Min()
	if !ok {
		return false, nil
	}
	*r = m.head[best]
	m.has[best], m.taken, m.took = false, true, best
	r.ID = m.n
	m.n++
	return true, nil
}

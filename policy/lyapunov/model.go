package lyapunov

import (
	"slices"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// model holds what the drift estimate over a window W = H·T needs from one snapshot, normalised per
// resource r by cref[r] = max_n C_{n,r}, plus scratch space reused across candidates.
type model struct {
	s    *sim.Snapshot
	win  float64    // W = H·T, the window of the drift estimate, s
	cref [2]float64 // largest node capacity per resource (TFLOP/s, cores)
	res  []int      // dominant resource r_i of each instance
	q    []float64  // Q_i: dominant-resource backlog / cref, s
	a    []float64  // a_i: arrival rate of dominant work over the last window / cref
	d    []float64  // d_i: Snapshot.Demand(i, r_i, T) / cref (arrivals plus backlog over T)
	out0 []float64  // outage of each instance within the window in the snapshot (reconfiguring), s

	pos    []int        // scratch: placement under evaluation
	outage []float64    // scratch: outage under evaluation
	mu     []float64    // scratch: mean normalised service over the window
	dm     []sim.Demand // scratch: demands of one node and resource
	x      []float64    // scratch: allocations
	who    []int        // scratch: instance of each entry of dm
	bps    []float64    // scratch: segment breakpoints
}

// newModel returns the model of snapshot s for slot T = slot and window W = win (≥ slot).
func newModel(s *sim.Snapshot, slot, win float64) *model {
	n := len(s.Instances)
	m := &model{s: s, win: win, res: make([]int, n), q: make([]float64, n), a: make([]float64, n),
		d: make([]float64, n), out0: make([]float64, n), pos: make([]int, n), outage: make([]float64, n),
		mu: make([]float64, n)}
	for k := range s.Nodes {
		m.cref[0], m.cref[1] = max(m.cref[0], s.Capacity(k, 0)), max(m.cref[1], s.Capacity(k, 1))
	}
	for i, in := range s.Instances {
		r := sim.Dominant(in.Category)
		m.res[i] = r
		if in.State == sim.StateRetired {
			continue // no backlog, no demand
		}
		if in.Reconfiguring {
			m.out0[i] = min(max(in.AvailableAt-s.Time, 0), win)
		}
		if c := m.cref[r]; c > 0 {
			m.q[i] = m.backlog(i) / c
			m.a[i] = s.Demand(i, r, 0) / c
			m.d[i] = s.Demand(i, r, slot) / c
		}
	}
	return m
}

// backlog returns instance i's residual work on its dominant resource (TFLOP or core-s).
func (m *model) backlog(i int) float64 {
	if m.res[i] == 1 {
		return m.s.Instances[i].BacklogCPU
	}
	return m.s.Instances[i].BacklogGPU
}

// drift returns D = Σ_i Q_i (a_i − μ̄_i), μ̄_i the mean over the window, when instance mover (−1: none) starts to move to node to now.
func (m *model) drift(mover, to int) float64 {
	for i, in := range m.s.Instances {
		m.pos[i], m.outage[i], m.mu[i] = in.Node, m.out0[i], 0
	}
	if mover >= 0 {
		m.pos[mover] = to
		m.outage[mover] = min(m.s.Services[m.s.Instances[mover].Service].ReconfigS, m.win)
	}
	for n := range m.s.Nodes {
		m.serve(n, 0)
		m.serve(n, 1)
	}
	sum := 0.0
	for i := range m.q {
		mu := min(m.mu[i], m.q[i]/m.win+m.a[i]) // cannot serve more than is there
		sum += m.q[i] * (m.a[i] - mu)
	}
	return sum
}

// serve adds to mu the mean normalised service over the window of every instance on node n whose
// dominant resource is r, under MaxWeight (weight Ψ_i, floors f_i) among the instances not in outage,
// evaluated on each segment between the ends of the outages.
func (m *model) serve(n, r int) {
	if m.cref[r] <= 0 {
		return
	}
	m.bps = append(m.bps[:0], 0, m.win)
	for i := range m.pos {
		if m.pos[i] == n && m.res[i] == r && m.outage[i] > 0 && m.outage[i] < m.win {
			m.bps = append(m.bps, m.outage[i])
		}
	}
	slices.Sort(m.bps)
	for k := 1; k < len(m.bps); k++ {
		t0, t1 := m.bps[k-1], m.bps[k]
		if t1 > t0 {
			m.segment(n, r, t0, (t1-t0)/m.win)
		}
	}
}

// segment allocates resource r of node n among the instances present at t0 and adds frac of their
// normalised allocation to mu.
func (m *model) segment(n, r int, t0, frac float64) {
	m.dm, m.who = m.dm[:0], m.who[:0]
	for i := range m.pos {
		if m.pos[i] == n && m.res[i] == r && m.outage[i] <= t0 {
			m.dm = append(m.dm, sim.Demand{Work: m.backlog(i), Urgency: 1, Floor: m.s.Instances[i].Floor[r]})
			m.who = append(m.who, i)
		}
	}
	m.x = slices.Grow(m.x[:0], len(m.dm))[:len(m.dm)]
	allocator.MaxWeight{}.Allocate(m.s.Capacity(n, r), m.dm, m.x)
	for k, i := range m.who {
		m.mu[i] += frac * m.x[k] / m.cref[r]
	}
}

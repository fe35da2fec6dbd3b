package xapp

import (
	"math"
	"math/rand/v2"
	"slices"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Instance is one deployed application instance: one flow of control requests.
type Instance struct {
	Flow     int     // Flow ID carried by its requests (sim.Request.Flow): FlowBase+1, +2, … in deployment order.
	Service  int     // AI service of its requests (sim.Request.Service).
	Tenant   string  // Tenant of its deployment.
	Type     string  // Application type name.
	Class    Class   // Timing class.
	Deadline float64 // Relative deadline of its requests, s.
	Work     float64 // CPU work of each request, core-s.
	Period   float64 // Mean interval between its requests, s.
	Deployed float64 // Deployment time, s.
	Removed  float64 // Time after which it sends nothing, s (+Inf: never).
	Pinned   bool    // It must be served on node Node.
	Node     int     // Pinned node (meaningful when Pinned).
	Cell     int     // Cell of its requests.
}

// Source yields the requests of every instance in arrival order (ties: the lower flow first) as class
// sim.AI requests of the instance's Service with only CPU work (Instance.Work), no KV cache and Flow
// set. An instance's first request comes a phase after its deployment (uniform random in [0, Period),
// or the Flow's given phase) and the next ones every Period (periodic) or after exponential gaps of
// mean Period (Poisson), while they arrive before its Removed time (a first request at or after it is
// not sent). With New, instance k (0-based, in deployment order) is deployed at Start + k·Interval and
// removed Lifetime after that; with NewFlows, each flow gives its own times. IDs are 0, 1, 2, ….
// It implements sim.ForkableSource and is not safe for concurrent use.
type Source struct {
	insts []Instance
	next  []float64 // next arrival of each instance, s
	heap  []int     // instance indices, a min-heap on (next, index)
	poi   bool
	end   float64
	n     int64
	pcg   rand.PCG
	rng   *rand.Rand
}

// New returns a Source, or an error wrapping ErrOptions.
func New(o Options) (*Source, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	end := math.Inf(1)
	if o.Horizon > 0 {
		end = o.Start + o.Horizon
	}
	var insts []Instance
	for _, d := range o.Deployments {
		t := o.Types[typeIndex(o.Types, d.Type)]
		dl := d.Deadline
		if dl == 0 {
			dl = t.Class.DefaultDeadline()
		}
		for range d.N {
			at := o.Start + float64(len(insts))*o.Interval
			gone := math.Inf(1)
			if o.Lifetime > 0 {
				gone = at + o.Lifetime
			}
			insts = append(insts, Instance{Flow: o.FlowBase + len(insts) + 1, Service: o.Service, Tenant: d.Tenant, Type: t.Name, Class: t.Class,
				Deadline: dl, Work: t.Work(t.Period), Period: t.Period, Deployed: at, Removed: gone, Pinned: d.Pinned, Node: d.Node, Cell: d.Cell})
		}
	}
	return newSource(insts, nil, o.Poisson, end, o.Seed, o.Name), nil
}

// newSource is the one construction of a Source: instance k's first request comes phase[k] after its
// deployment, or (phase nil or phase[k] < 0) a phase drawn uniformly in [0, Period) from the stream
// (seed, name), drawn in instance order; no request arrives at or after end.
func newSource(insts []Instance, phase []float64, poisson bool, end float64, seed uint64, name string) *Source {
	s := &Source{insts: insts, poi: poisson, end: end, pcg: *rng.PCG(seed, name)}
	s.rng = rand.New(&s.pcg)
	s.next = make([]float64, 0, len(insts))
	for k, in := range insts {
		var t float64
		if phase != nil && phase[k] >= 0 {
			t = in.Deployed + phase[k]
		} else {
			t = in.Deployed + s.rng.Float64()*in.Period
		}
		if t >= in.Removed {
			t = math.Inf(1)
		}
		s.next = append(s.next, t)
		s.push(k)
	}
	return s
}

// Instances returns the deployed instances in flow order (index k is flow FlowBase+k+1; with
// NewFlows, index k is Flows[k]).
func (s *Source) Instances() []Instance { return slices.Clone(s.insts) }

// Next returns the next request; ok is false once the next arrival is at or after the horizon. err is
// always nil.
func (s *Source) Next() (sim.Request, bool, error) {
	if len(s.heap) == 0 {
		return sim.Request{}, false, nil
	}
	i := s.heap[0]
	t := s.next[i]
	if t >= s.end || math.IsInf(t, 1) {
		return sim.Request{}, false, nil
	}
	in := &s.insts[i]
	r := sim.Request{ID: s.n, Class: sim.AI, Service: in.Service, Cell: in.Cell, Arrival: t, Deadline: in.Deadline,
		AIWork: sim.Work{CPU: in.Work}, Flow: in.Flow}
	s.n++
	gap := in.Period
	if s.poi {
		gap = s.rng.ExpFloat64() * in.Period
	}
	s.next[i] = t + gap
	if s.next[i] >= in.Removed {
		s.next[i] = math.Inf(1)
	}
	s.down(0)
	return r, true, nil
}

// Fork returns a copy yielding the same remaining requests without disturbing s.
func (s *Source) Fork() (sim.Source, error) {
	c := *s
	c.next, c.heap = slices.Clone(s.next), slices.Clone(s.heap)
	c.rng = rand.New(&c.pcg)
	return &c, nil
}

func (s *Source) less(a, b int) bool {
	x, y := s.heap[a], s.heap[b]
	return s.next[x] < s.next[y] || (s.next[x] == s.next[y] && x < y)
}

func (s *Source) push(i int) {
	s.heap = append(s.heap, i)
	for k := len(s.heap) - 1; k > 0; {
		p := (k - 1) / 2
		if !s.less(k, p) {
			break
		}
		s.heap[k], s.heap[p] = s.heap[p], s.heap[k]
		k = p
	}
}

func (s *Source) down(k int) {
	for {
		m, l, r := k, 2*k+1, 2*k+2
		if l < len(s.heap) && s.less(l, m) {
			m = l
		}
		if r < len(s.heap) && s.less(r, m) {
			m = r
		}
		if m == k {
			return
		}
		s.heap[k], s.heap[m] = s.heap[m], s.heap[k]
		k = m
	}
}

package sim

import (
	"context"
	"fmt"
	"math"
)

// Sim is one simulation run. It is not safe for concurrent use; Fork gives an independent copy.
type Sim struct {
	cfg      Config
	now      float64
	q        eventQueue
	nodes    []nodeState
	insts    []instState
	reqs     []reqState
	freeReq  []int32
	replicas [][]int32 // per service, ascending instance indices
	paths    *Paths    // inter-node delays and rates, read once from cfg.Topology; immutable, shared by forks

	next     Request // the Source's next request, arriving at the side event (valid while one is scheduled)
	srcDone  bool
	inflight int
	horizon  float64
	stopped  bool

	ctrls      []ctrlState       // one per Config.Controllers
	counts     [][]InstanceCount // per controller (at least one array), per instance: counts since its previous call
	router     Router            // the first controller that is a Router, or nil
	pending    []Action          // delayed actions, indexed by their evApply events
	nodeEvents []nodeEvent       // scheduled node changes and Resize ends, indexed by their evChange events

	dirty []int32
	stats Stats
	sc    scratch

	noUrgency bool         // the Allocator ignores Demand.Urgency (UrgencyIgnorer)
	filler    SourceFiller // cfg.Source if it is one, else nil

	clusters  []ClusterSpec // by cluster index, immutable, shared by forks and snapshots
	clusterOf []int         // cluster index by node

	nextSample float64 // next time the Sampler is due, s (+Inf: none)
	sampleK    int64   // sample times passed so far
}

// scratch holds reusable buffers so that the per-event path does not allocate.
type scratch struct {
	dG, dC   []Demand
	oG, oC   []float64
	isRAN    []bool    // per resident instance of a split node being reallocated: DU or CU-UP (splitClasses)
	subD     []Demand  // one class's demands on a partitioned node
	subO     []float64 // and their allocations
	drained  []drained
	replicas []ReplicaView
	due      []int // controllers due at the current epoch event
}

// demands returns the demand and allocation buffers for a node of k instances. They are stored back
// only when they grow: storing a slice (a pointer) costs a write barrier while the GC runs.
func (sc *scratch) demands(k int) (dG, dC []Demand, oG, oC []float64) {
	if cap(sc.dG) < k {
		sc.dG, sc.dC = make([]Demand, k), make([]Demand, k)
		sc.oG, sc.oC = make([]float64, k), make([]float64, k)
	}
	return sc.dG[:k], sc.dC[:k], sc.oG[:k], sc.oC[:k]
}

// New validates cfg and returns a simulation at time 0 with its first arrival and controller call scheduled.
func New(cfg Config) (*Sim, error) {
	cfg.defaults()
	if err := cfg.validate(); err != nil {
		return nil, err
	}
	paths, err := readPaths(cfg.topology(), len(cfg.Nodes), func(i int) string {
		return fmt.Sprintf("node %d (%s)", i, cfg.Nodes[i].Name)
	})
	if err != nil {
		return nil, err
	}
	s := &Sim{cfg: cfg, nodes: make([]nodeState, len(cfg.Nodes)), replicas: make([][]int32, len(cfg.Services)),
		paths: paths}
	s.filler, _ = cfg.Source.(SourceFiller)
	if u, ok := cfg.Allocator.(UrgencyIgnorer); ok {
		s.noUrgency = u.IgnoresUrgency()
	}
	for n := range s.nodes {
		s.nodes[n].ranShare = math.NaN()
		s.nodes[n].spec = cfg.Nodes[n]
		s.nodes[n].use.set(0, 0, &cfg.Nodes[n], false)
		s.nodes[n].timer = s.q.alloc(evPhaseDone, int32(n), 0)
	}
	for i, in := range cfg.Instances {
		st := instState{svc: int32(in.Service), node: int32(in.Node), cat: cfg.Services[in.Service].Category}
		s.insts = append(s.insts, st)
		s.nodes[in.Node].add(int32(i))
		s.nodes[in.Node].weights += cfg.Services[in.Service].WeightsGB
		s.replicas[in.Service] = append(s.replicas[in.Service], int32(i))
	}
	if cfg.Horizon > 0 {
		s.horizon = cfg.Horizon
		s.q.schedule(cfg.Horizon, evHorizon, 0, 0)
	} else {
		s.horizon = math.Inf(1)
	}
	s.initClusters()
	s.initControllers()
	s.initSampler()
	s.scheduleChanges()
	if cfg.ReallocPeriod > 0 {
		s.q.schedule(cfg.ReallocPeriod, evRealloc, 0, 0)
	}
	if err := s.pull(); err != nil {
		return nil, err
	}
	return s, nil
}

// Now returns the simulated time, s.
func (s *Sim) Now() float64 { return s.now }

// Stats returns the counters so far.
func (s *Sim) Stats() Stats { st := s.stats; st.Horizon = s.horizon; return st }

// End ends the run now, as the horizon does: every request still in the system is recorded as
// unfinished (a miss) and the run is done, so each request that arrived ends exactly once. A caller
// that stops a run early (a cancelled context, a collapse) calls it before reading the records. It
// does nothing on a run that has ended.
func (s *Sim) End() {
	if !s.stopped {
		s.onHorizon()
	}
}

// Done reports whether the run has ended.
func (s *Sim) Done() bool { return s.stopped }

// Run processes events until the run ends and returns its counters.
func (s *Sim) Run(ctx context.Context) (Stats, error) {
	err := s.RunUntil(ctx, math.Inf(1))
	return s.Stats(), err
}

// RunUntil processes every event with time ≤ t (or until the run ends). It checks ctx every 4096 events.
func (s *Sim) RunUntil(ctx context.Context, t float64) error {
	for n := 0; !s.stopped; n++ {
		if n&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		id := s.q.peek()
		if id < 0 {
			s.stop()
			break
		}
		if s.q.slab[id].t > t {
			if t > s.nextSample {
				s.sampleBefore(t)
			}
			s.setClock(t)
			return nil
		}
		if err := s.step(ctx, id); err != nil {
			return err
		}
	}
	return nil
}

func (s *Sim) setClock(t float64) {
	if t > s.now && !math.IsInf(t, 1) {
		s.stats.InSystemArea += float64(s.inflight) * (t - s.now)
		s.now = t
	}
}

// step processes the earliest event, id (from peek).
func (s *Sim) step(ctx context.Context, id int32) error {
	e := s.q.slab[id] // a copy: the handlers below may grow the slab, which moves it
	s.q.take(id)
	if e.t < s.now {
		panic(fmt.Sprintf("sim: clock would go back from %g to %g", s.now, e.t))
	}
	if e.t > s.nextSample {
		s.sampleBefore(e.t)
	}
	s.setClock(e.t)
	var err error
	switch e.kind {
	case evPhaseDone:
		s.onNodeTimer(e.a)
	case evReconfigDone:
		s.onReconfigDone(e.a)
	case evStageArrive:
		s.join(e.a, e.b)
	case evArrival:
		err = s.onArrival()
	case evApply:
		s.applyDelayed(e.a)
	case evChange:
		s.onChange(e.a)
	case evRealloc:
		s.onRealloc()
	case evEpoch:
		err = s.onEpoch(ctx)
	case evHorizon:
		s.onHorizon()
	}
	if e.kind != evPhaseDone {
		s.q.release(id)
	}
	s.reallocDirty()
	s.stats.Events++
	if s.srcDone && s.inflight == 0 && !s.cfg.NoEarlyStop {
		s.stop()
	}
	if s.cfg.AfterEvent != nil {
		s.cfg.AfterEvent(s)
	}
	return err
}

func (s *Sim) stop() {
	s.stopped = true
	s.stats.End = s.now
	s.sampleEnd()
}

// pull takes the next request from the Source and schedules its arrival.
func (s *Sim) pull() error {
	var ok bool
	var err error
	if s.filler != nil {
		ok, err = s.filler.NextInto(&s.next)
	} else {
		s.next, ok, err = s.cfg.Source.Next()
	}
	if err != nil {
		return fmt.Errorf("sim: source: %w", err)
	}
	if !ok {
		s.srcDone = true
		if math.IsInf(s.horizon, 1) {
			s.horizon = s.now + s.cfg.Drain
			s.q.schedule(s.horizon, evHorizon, 0, 0)
		}
		return nil
	}
	if err := s.checkRequest(&s.next); err != nil {
		return err
	}
	s.stats.Arrived++
	s.q.scheduleSide(s.next.Arrival, evArrival, 0, 0)
	return nil
}

// checkRequest returns nil for a valid request, else an error naming the request and the rule it breaks.
func (s *Sim) checkRequest(r *Request) error {
	if s.validRequest(r) {
		return nil
	}
	return s.requestError(r)
}

// validRequest reports whether r keeps every rule of requestError: one expression without the error
// formatting, since every request of every run is checked.
func (s *Sim) validRequest(r *Request) bool {
	return r.Arrival >= s.now && r.Arrival <= math.MaxFloat64 && r.Deadline > 0 && r.Deadline <= math.MaxFloat64 &&
		uint(r.Cell) < uint(len(s.cfg.Cells)) && r.Class <= AI &&
		(r.Class != AI || uint(r.Service) < uint(len(s.cfg.Services)) && s.cfg.Services[r.Service].Category.IsAI()) &&
		finiteNonNeg(r.DU.GPU) && finiteNonNeg(r.DU.CPU) && finiteNonNeg(r.CU.GPU) && finiteNonNeg(r.CU.CPU) &&
		finiteNonNeg(r.AIWork.GPU) && finiteNonNeg(r.AIWork.CPU) && finiteNonNeg(r.KVGB)
}

// requestError returns the error of the first rule r breaks (nil if none).
func (s *Sim) requestError(r *Request) error {
	bad := func(rule string) error { return fmt.Errorf("sim: request %d: %s", r.ID, rule) }
	switch {
	case r.Arrival < s.now || math.IsNaN(r.Arrival) || math.IsInf(r.Arrival, 0):
		return bad(fmt.Sprintf("arrival %g before the previous arrival %g (sources must be sorted)", r.Arrival, s.now))
	case !(r.Deadline > 0) || math.IsInf(r.Deadline, 0):
		return bad("deadline must be finite and > 0")
	case r.Cell < 0 || r.Cell >= len(s.cfg.Cells):
		return bad(fmt.Sprintf("cell %d out of range", r.Cell))
	case r.Class > AI:
		return bad("unknown class")
	case r.Class == AI && (r.Service < 0 || r.Service >= len(s.cfg.Services) || !s.cfg.Services[r.Service].Category.IsAI()):
		return bad(fmt.Sprintf("service %d is not an AI service", r.Service))
	}
	if !(finiteNonNeg(r.DU.GPU) && finiteNonNeg(r.DU.CPU) && finiteNonNeg(r.CU.GPU) && finiteNonNeg(r.CU.CPU) &&
		finiteNonNeg(r.AIWork.GPU) && finiteNonNeg(r.AIWork.CPU) && finiteNonNeg(r.KVGB)) {
		return bad("work and KV must be finite and ≥ 0")
	}
	return nil
}

func (s *Sim) newSlot(r *Request) int32 {
	var slot int32
	if n := len(s.freeReq); n > 0 {
		slot = s.freeReq[n-1]
		s.freeReq = s.freeReq[:n-1]
	} else {
		slot = int32(len(s.reqs))
		s.reqs = append(s.reqs, reqState{})
	}
	s.reqs[slot] = reqState{r: *r, node: -1, live: true}
	return slot
}

func (s *Sim) markDirty(n int32) {
	if !s.nodes[n].dirty {
		s.nodes[n].dirty = true
		s.dirty = append(s.dirty, n)
	}
}

// hops returns the one-way delay from node a to node b, s (0 for a == b).
func (s *Sim) hops(a, b int32) float64 { return s.paths.hop(int(a), int(b)) }

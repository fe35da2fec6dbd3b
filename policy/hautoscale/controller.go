package hautoscale

import (
	"context"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/airansim/airansim/sim"
)

// The paper's RIC pod CPU request and limit (Table 1: 100 m and 600 m), cores: values for
// ControllerOptions.CPUMax.
const (
	PaperRequest = 0.1
	PaperLimit   = 0.6
)

// ControllerOptions configures a Controller. The zero value of every optional field selects the
// default in its comment.
type ControllerOptions struct {
	Service int     // Index of the AI service to scale (the RIC pods; its requests carry CPU work).
	AllAI   bool    // Scale every AI service of the run, each with its own rules state (Service is ignored).
	GPU     bool    // Utilisation of GPU work over G_n (TFLOP/s) instead of CPU work over cores.
	Rules   Options // The scaling rules; Rules.Period is the controller's period.
	// CPUMax is the utilisation denominator CPU_max of each replica, in the resource's unit (cores, or
	// TFLOP/s with GPU; ≥ 0): the pod request (PaperRequest), limit (PaperLimit) or any value; 0: the
	// capacity (C_n or G_n) of the replica's node.
	CPUMax  float64
	Startup float64 // Start-up time of the replicas it adds, s (≥ 0); 0: the service's R_s.
	Nodes   []int   // Nodes it may add replicas on (nil: all).
}

// Controller is the hautoscale method for one service (or every AI service, AllAI): every Rules.Period
// it observes each service, steps the service's Scaler and emits at most one AddReplica or
// RemoveReplica per service. It is also a sim.Sink (feed it
// the run's records, e.g. through a tee) from which it takes the latency L (Rules.Quantile of the
// latencies of the service's requests finished since its previous call) and T_inf (their mean); the
// CPU utilisation is Σ CPU work served / window over Σ CPU_max of the replicas ready at this call and
// the previous one (the work served is the work arrived plus the previous backlog minus the current
// one: exact for CPU-only requests; with GPU, the same with GPU work over G_n). It adds on the allowed
// node that is up, has the resource and fits the weights, with the fewest replicas of the service (ties: more CPU, then the lower index), and removes
// the newest ready replica. It implements sim.Forker.
type Controller struct {
	o      ControllerOptions
	rules  Options   // the rules with their defaults
	sc     []*Scaler // by service index; nil: not (yet) scaled
	memo   []memo    // by instance index
	mu     sync.Mutex
	lat    [][]float64 // by service: latencies of its requests finished since the previous call, s
	events []Event
}

// memo is what the controller remembers of one instance between calls.
type memo struct {
	backlog float64 // BacklogCPU (BacklogGPU) at the previous call, core-s (TFLOP)
	active  bool    // active at the previous call
}

// Event is one scaling decision the controller took.
type Event struct {
	Time     float64 // s
	Service  int     // service index
	Delta    int     // +1 or −1
	Reason   string  // as Decision.Reason
	Replicas int     // routable replicas before it
	CPU      float64 // observed utilisation
}

// NewController returns a Controller, or an error wrapping ErrOptions.
func NewController(o ControllerOptions) (*Controller, error) {
	sc, err := New(o.Rules)
	if err != nil {
		return nil, err
	}
	if o.Service < 0 || !nonNeg(o.CPUMax) || !nonNeg(o.Startup) || slices.ContainsFunc(o.Nodes, func(n int) bool { return n < 0 }) {
		return nil, fmt.Errorf("%w: service %d, CPU max %g cores, start-up %g s, nodes %v", ErrOptions, o.Service, o.CPUMax, o.Startup, o.Nodes)
	}
	o.Rules = sc.o
	o.Nodes = slices.Clone(o.Nodes)
	return &Controller{o: o, rules: sc.o}, nil
}

// Name is the name the controller reports (sim.Controller.Name) and the autoscaling experiment's
// method name.
const Name = "hautoscale"

// Name returns Name.
func (*Controller) Name() string { return Name }

// Spec returns the controller scheduled every Rules.Period from one period on.
func (c *Controller) Spec() sim.ControllerSpec {
	return sim.ControllerSpec{Controller: c, Period: c.o.Rules.Period}
}

// Events returns the scaling decisions so far, in time order.
func (c *Controller) Events() []Event { return slices.Clone(c.events) }

// Record keeps the latency of a finished request of a scaled service.
func (c *Controller) Record(r sim.Record) {
	if r.Class != sim.AI || !r.Finished || (!c.o.AllAI && r.Service != c.o.Service) || r.Service < 0 {
		return
	}
	c.mu.Lock()
	for len(c.lat) <= r.Service {
		c.lat = append(c.lat, nil)
	}
	c.lat[r.Service] = append(c.lat[r.Service], r.Latency())
	c.mu.Unlock()
}

// Fork returns an independent copy.
func (c *Controller) Fork() any {
	f := &Controller{o: c.o, rules: c.rules, memo: slices.Clone(c.memo), events: slices.Clone(c.events)}
	for _, sc := range c.sc {
		var cp *Scaler
		if sc != nil {
			v := *sc
			cp = &v
		}
		f.sc = append(f.sc, cp)
	}
	for _, l := range c.lat {
		f.lat = append(f.lat, slices.Clone(l))
	}
	return f
}

// Decide observes each scaled service, steps its rules and returns at most one action per service.
// It returns an error if the service (without AllAI) is not an AI service of the run.
func (c *Controller) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	var svcs []int
	if c.o.AllAI {
		for i, sv := range s.Services {
			if sv.Category.IsAI() {
				svcs = append(svcs, i)
			}
		}
	} else {
		if svc := c.o.Service; svc >= len(s.Services) || !s.Services[svc].Category.IsAI() {
			return nil, fmt.Errorf("hautoscale: service %d is not an AI service of the run", svc)
		}
		svcs = []int{c.o.Service}
	}
	for len(c.memo) < len(s.Instances) {
		c.memo = append(c.memo, memo{})
	}
	var plan sim.Plan
	for _, svc := range svcs {
		for len(c.sc) <= svc {
			c.sc = append(c.sc, nil)
		}
		if c.sc[svc] == nil {
			sc, err := New(c.rules)
			if err != nil {
				return nil, err
			}
			c.sc[svc] = sc
		}
		ob, reps := c.observe(s, svc)
		d := c.sc[svc].Step(s.Time, ob)
		var a sim.Action
		switch d.Delta {
		case 1:
			if n := c.pickNode(s, svc, reps); n >= 0 {
				a = sim.AddReplica{Service: svc, Node: n, Startup: c.o.Startup}
			}
		case -1:
			a = sim.RemoveReplica{Instance: newest(s, reps)}
		}
		if a != nil {
			plan = append(plan, a)
			c.events = append(c.events, Event{Time: s.Time, Service: svc, Delta: d.Delta, Reason: d.Reason, Replicas: ob.Replicas, CPU: ob.CPU})
		}
	}
	return plan, nil
}

// observe builds the Observation of service svc and returns its routable replicas, ascending,
// updating the memory.
func (c *Controller) observe(s *sim.Snapshot, svc int) (Observation, []int) {
	ob := Observation{CPU: math.NaN()}
	var reps []int
	used, capa := 0.0, 0.0
	for i, in := range s.Instances {
		if in.Service != svc {
			continue
		}
		m := &c.memo[i]
		active := in.State == sim.StateActive
		work, backlog := in.LastEpoch.Work.CPU, in.BacklogCPU
		if c.o.GPU {
			work, backlog = in.LastEpoch.Work.GPU, in.BacklogGPU
		}
		if active && m.active && s.Window > 0 {
			used += max(0, work+m.backlog-backlog) / s.Window
			capa += c.denominator(s, in.Node)
		}
		m.backlog, m.active = backlog, active
		if in.State == sim.StateDraining || in.State == sim.StateRetired {
			continue
		}
		reps = append(reps, i)
		if in.State == sim.StateStarting {
			ob.Starting++
		}
	}
	ob.Replicas = len(reps)
	if capa > 0 {
		ob.CPU = used / capa
	}
	ob.Latency, ob.Inference = c.latencies(svc)
	return ob, reps
}

func (c *Controller) denominator(s *sim.Snapshot, node int) float64 {
	switch {
	case c.o.CPUMax > 0:
		return c.o.CPUMax
	case c.o.GPU:
		return s.Nodes[node].Spec.GPU
	}
	return s.Nodes[node].Spec.CPU
}

// latencies returns the quantile and the mean of the latencies of service svc recorded since the
// previous call (NaN, NaN for none) and forgets them.
func (c *Controller) latencies(svc int) (q, mean float64) {
	c.mu.Lock()
	var l []float64
	if svc < len(c.lat) {
		l = c.lat[svc]
		c.lat[svc] = c.lat[svc][:0]
	}
	c.mu.Unlock()
	if len(l) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(l)
	sum := 0.0
	for _, v := range l {
		sum += v
	}
	k := int(math.Ceil(c.rules.Quantile*float64(len(l)))) - 1
	return l[max(k, 0)], sum / float64(len(l))
}

// pickNode returns the node for a new replica of service svc, or −1 if none fits.
func (c *Controller) pickNode(s *sim.Snapshot, svc int, reps []int) int {
	w := s.Services[svc].WeightsGB
	best, bestN := -1, 0
	for n, nd := range s.Nodes {
		if (c.o.Nodes != nil && !slices.Contains(c.o.Nodes, n)) || nd.Down || c.capacity(nd) <= 0 || !sim.FitsVRAM(w, nd.VRAMFree()) {
			continue
		}
		k := 0
		for _, i := range reps {
			if s.Instances[i].Node == n {
				k++
			}
		}
		if best < 0 || k < bestN || (k == bestN && c.capacity(nd) > c.capacity(s.Nodes[best])) {
			best, bestN = n, k
		}
	}
	return best
}

// capacity is the node's capacity of the scaled resource.
func (c *Controller) capacity(nd sim.NodeView) float64 {
	if c.o.GPU {
		return nd.Spec.GPU
	}
	return nd.Spec.CPU
}

// newest returns the highest-index active replica of reps, else the highest index.
func newest(s *sim.Snapshot, reps []int) int {
	for k := len(reps) - 1; k >= 0; k-- {
		if s.Instances[reps[k]].State == sim.StateActive {
			return reps[k]
		}
	}
	return reps[len(reps)-1]
}

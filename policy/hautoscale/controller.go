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
	Rules   Options // The scaling rules; Rules.Period is the controller's period.
	// CPUMax is the utilisation denominator CPU_max of each replica, cores (≥ 0): the pod request
	// (PaperRequest), limit (PaperLimit) or any value; 0: the CPU capacity C_n of the replica's node.
	CPUMax  float64
	Startup float64 // Start-up time of the replicas it adds, s (≥ 0); 0: the service's R_s.
	Nodes   []int   // Nodes it may add replicas on (nil: all).
}

// Controller is the hautoscale method for one service: every Rules.Period it observes the service,
// steps a Scaler and emits at most one AddReplica or RemoveReplica. It is also a sim.Sink (feed it
// the run's records, e.g. through a tee) from which it takes the latency L (Rules.Quantile of the
// latencies of the service's requests finished since its previous call) and T_inf (their mean); the
// CPU utilisation is Σ CPU work served / window over Σ CPU_max of the replicas ready at this call and
// the previous one (the work served is the work arrived plus the previous backlog minus the current
// one: exact for CPU-only requests). It adds on the allowed node that is up, has CPU and fits the
// weights, with the fewest replicas of the service (ties: more CPU, then the lower index), and removes
// the newest ready replica. It implements sim.Forker.
type Controller struct {
	o      ControllerOptions
	sc     *Scaler
	memo   []memo // by instance index
	mu     sync.Mutex
	lat    []float64 // latencies of the service's requests finished since the previous call, s
	events []Event
}

// memo is what the controller remembers of one instance between calls.
type memo struct {
	backlog float64 // BacklogCPU at the previous call, core-s
	active  bool    // active at the previous call
}

// Event is one scaling decision the controller took.
type Event struct {
	Time     float64 // s
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
	return &Controller{o: o, sc: sc}, nil
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

// Record keeps the latency of a finished request of the service.
func (c *Controller) Record(r sim.Record) {
	if r.Class != sim.AI || r.Service != c.o.Service || !r.Finished {
		return
	}
	c.mu.Lock()
	c.lat = append(c.lat, r.Latency())
	c.mu.Unlock()
}

// Fork returns an independent copy.
func (c *Controller) Fork() any {
	sc := *c.sc
	return &Controller{o: c.o, sc: &sc, memo: slices.Clone(c.memo), lat: slices.Clone(c.lat), events: slices.Clone(c.events)}
}

// Decide observes the service, steps the rules and returns at most one action. It returns an error
// if the service is not an AI service of the run.
func (c *Controller) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	svc := c.o.Service
	if svc >= len(s.Services) || !s.Services[svc].Category.IsAI() {
		return nil, fmt.Errorf("hautoscale: service %d is not an AI service of the run", svc)
	}
	ob, reps := c.observe(s)
	d := c.sc.Step(s.Time, ob)
	var plan sim.Plan
	switch d.Delta {
	case 1:
		if n := c.pickNode(s, reps); n >= 0 {
			plan = sim.Plan{sim.AddReplica{Service: svc, Node: n, Startup: c.o.Startup}}
		}
	case -1:
		plan = sim.Plan{sim.RemoveReplica{Instance: newest(s, reps)}}
	}
	if plan != nil {
		c.events = append(c.events, Event{Time: s.Time, Delta: d.Delta, Reason: d.Reason, Replicas: ob.Replicas, CPU: ob.CPU})
	}
	return plan, nil
}

// observe builds the Observation and returns the routable replicas, ascending, updating the memory.
func (c *Controller) observe(s *sim.Snapshot) (Observation, []int) {
	for len(c.memo) < len(s.Instances) {
		c.memo = append(c.memo, memo{})
	}
	ob := Observation{CPU: math.NaN()}
	var reps []int
	used, capa := 0.0, 0.0
	for i, in := range s.Instances {
		if in.Service != c.o.Service {
			continue
		}
		m := &c.memo[i]
		active := in.State == sim.StateActive
		if active && m.active && s.Window > 0 {
			used += max(0, in.LastEpoch.Work.CPU+m.backlog-in.BacklogCPU) / s.Window
			capa += c.denominator(s, in.Node)
		}
		m.backlog, m.active = in.BacklogCPU, active
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
	ob.Latency, ob.Inference = c.latencies()
	return ob, reps
}

func (c *Controller) denominator(s *sim.Snapshot, node int) float64 {
	if c.o.CPUMax > 0 {
		return c.o.CPUMax
	}
	return s.Nodes[node].Spec.CPU
}

// latencies returns the quantile and the mean of the latencies recorded since the previous call
// (NaN, NaN for none) and forgets them.
func (c *Controller) latencies() (q, mean float64) {
	c.mu.Lock()
	l := c.lat
	c.lat = c.lat[:0]
	c.mu.Unlock()
	if len(l) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(l)
	sum := 0.0
	for _, v := range l {
		sum += v
	}
	k := int(math.Ceil(c.o.Rules.Quantile*float64(len(l)))) - 1
	return l[max(k, 0)], sum / float64(len(l))
}

// pickNode returns the node for a new replica, or −1 if none fits.
func (c *Controller) pickNode(s *sim.Snapshot, reps []int) int {
	w := s.Services[c.o.Service].WeightsGB
	best, bestN := -1, 0
	for n, nd := range s.Nodes {
		if (c.o.Nodes != nil && !slices.Contains(c.o.Nodes, n)) || nd.Down || nd.Spec.CPU <= 0 || !sim.FitsVRAM(w, nd.VRAMFree()) {
			continue
		}
		k := 0
		for _, i := range reps {
			if s.Instances[i].Node == n {
				k++
			}
		}
		if best < 0 || k < bestN || (k == bestN && nd.Spec.CPU > s.Nodes[best].Spec.CPU) {
			best, bestN = n, k
		}
	}
	return best
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

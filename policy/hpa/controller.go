package hpa

import (
	"context"
	"fmt"
	"math"
	"slices"

	"github.com/airansim/airansim/sim"
)

// ControllerOptions configures a Controller. The zero value of every optional field selects the
// default in its comment.
type ControllerOptions struct {
	// Services are the indices of the AI services to scale (no duplicates). Each gets its own
	// Autoscaler with the options HPA. Nil or empty: every AI service (large- and small-AI) of the
	// run, in index order, discovered at the first Decide, so that a Controller can be built without
	// the scenario.
	Services []int
	// HPA configures each service's autoscaler (zero fields: Kubernetes' defaults; HPA.SyncPeriod is
	// the controller's period).
	HPA Options
	// Request is each replica's GPU request, TFLOP/s (≥ 0); 0: the GPU capacity G_n of its node.
	Request float64
	// Startup is the start-up time of the replicas it adds, s (≥ 0); 0: the service's R_s.
	Startup float64
	// Resource is the measured resource: ResourceGPU (the default) or ResourceCPU. With ResourceCPU,
	// Request is in cores (0: the node's CPU capacity C_n), usage is the CPU work served over the
	// window, and a new replica goes to the allowed node that is up, has CPU and fits the weights, with
	// the fewest replicas of the service (ties: the lowest index).
	Resource Resource
	// Nodes are the nodes it may add replicas on (nil: all).
	Nodes []int
}

// Resource is the resource whose utilisation a Controller targets.
type Resource int

// The resources a Controller can measure.
const (
	ResourceGPU Resource = iota // GPU work, TFLOP/s over the GPU request (AI replicas)
	ResourceCPU                 // CPU work, cores over the CPU request (the paper's RIC pods)
)

// Controller is the k8s-hpa baseline: a sim.Controller that runs one Autoscaler per configured AI
// service every sync period and turns its decisions into AddReplica and RemoveReplica actions (see
// the package documentation for the mapping of replicas to pods). It holds state across calls; it
// implements sim.Forker.
type Controller struct {
	o     ControllerOptions
	as    []*Autoscaler // by position in o.Services
	inst  []instMemo    // by instance index
	last  float64       // time of the previous call, s (0 before the first)
	calls int
	// discover is set when o.Services was empty: the services and their autoscalers are found at the
	// first Decide.
	discover bool
}

// instMemo is what the controller remembers of one instance between calls.
type instMemo struct {
	backlog    float64 // BacklogGPU at the previous call, TFLOP (0 for an instance new since then)
	start      float64 // start time, s
	seen       bool    // readiness observed at least once
	ready      bool    // readiness at the previous call
	readySince float64 // time of the last readiness transition, s
}

// NewController returns a Controller, or an error wrapping ErrOptions for invalid options.
func NewController(o ControllerOptions) (*Controller, error) {
	for k, s := range o.Services {
		if s < 0 || slices.Contains(o.Services[:k], s) {
			return nil, fmt.Errorf("%w: service %d negative or given twice", ErrOptions, s)
		}
	}
	if !(o.Request >= 0 && !math.IsInf(o.Request, 0)) || !(o.Startup >= 0 && !math.IsInf(o.Startup, 0)) {
		return nil, fmt.Errorf("%w: request %g and start-up %g s must be finite and ≥ 0", ErrOptions, o.Request, o.Startup)
	}
	if (o.Resource != ResourceGPU && o.Resource != ResourceCPU) || slices.ContainsFunc(o.Nodes, func(n int) bool { return n < 0 }) {
		return nil, fmt.Errorf("%w: resource %d, nodes %v", ErrOptions, o.Resource, o.Nodes)
	}
	a, err := New(o.HPA)
	if err != nil {
		return nil, err
	}
	c := &Controller{o: o, discover: len(o.Services) == 0}
	c.o.Services, c.o.Nodes = slices.Clone(o.Services), slices.Clone(o.Nodes)
	c.o.HPA = a.o
	c.addAutoscalers()
	return c, nil
}

// addAutoscalers gives every configured service without one an Autoscaler with the validated
// options c.o.HPA.
func (c *Controller) addAutoscalers() {
	for len(c.as) < len(c.o.Services) {
		a, _ := New(c.o.HPA) // validated by NewController
		c.as = append(c.as, a)
	}
}

// Name is the name the controller reports (sim.Controller.Name) and the autoscaling experiment's
// method name.
const Name = "k8s-hpa"

// Name returns Name.
func (*Controller) Name() string { return Name }

// Spec returns the controller scheduled every sync period (15 s by default) from one period on.
func (c *Controller) Spec() sim.ControllerSpec {
	return sim.ControllerSpec{Controller: c, Period: c.o.HPA.SyncPeriod}
}

// Fork returns an independent copy of the controller and its autoscalers' histories.
func (c *Controller) Fork() any {
	d := *c
	d.o.Services, d.o.Nodes = slices.Clone(c.o.Services), slices.Clone(c.o.Nodes)
	d.inst = slices.Clone(c.inst)
	d.as = make([]*Autoscaler, len(c.as))
	for k, a := range c.as {
		b := *a
		b.recs, b.ups, b.down = slices.Clone(a.recs), slices.Clone(a.ups), slices.Clone(a.down)
		d.as[k] = &b
	}
	return &d
}

// Decide syncs every configured service's autoscaler on the snapshot and returns the actions that
// bring each service to its desired count. It returns an error if a configured service is not an AI
// service of the run. Without configured services, the first call takes every AI service of s.
func (c *Controller) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	c.calls++
	if c.discover {
		for i, sv := range s.Services {
			if sv.Category.IsAI() {
				c.o.Services = append(c.o.Services, i)
			}
		}
		c.addAutoscalers()
		c.discover = false
	}
	for len(c.inst) < len(s.Instances) {
		c.inst = append(c.inst, instMemo{start: c.last})
	}
	var plan sim.Plan
	var reserved []float64 // VRAM this plan reserves per node, GB
	for k, svc := range c.o.Services {
		if svc >= len(s.Services) || !s.Services[svc].Category.IsAI() {
			return nil, fmt.Errorf("hpa: service %d is not an AI service of the run", svc)
		}
		pods, reps := c.observe(s, svc)
		d := c.as[k].Sync(s.Time, len(reps), pods)
		switch {
		case d.Desired > len(reps) && c.o.Resource == ResourceCPU:
			plan = c.addCPU(s, svc, reps, d.Desired-len(reps), plan)
		case d.Desired > len(reps):
			plan, reserved = c.add(s, svc, d.Desired-len(reps), plan, reserved)
		case d.Desired < len(reps):
			plan = c.remove(s, reps, len(reps)-d.Desired, plan)
		}
	}
	for i, in := range s.Instances {
		c.inst[i].backlog = in.BacklogGPU
		if c.o.Resource == ResourceCPU {
			c.inst[i].backlog = in.BacklogCPU
		}
	}
	c.last = s.Time
	return plan, nil
}

// observe returns the pods of service svc (draining replicas as Deleting) and the indices of its
// routable replicas, ascending, and updates the readiness memory.
func (c *Controller) observe(s *sim.Snapshot, svc int) ([]Pod, []int) {
	var pods []Pod
	var reps []int
	for i, in := range s.Instances {
		if in.Service != svc || in.State == sim.StateRetired {
			continue
		}
		m := &c.inst[i]
		ready := in.State == sim.StateActive
		if !m.seen || ready != m.ready {
			m.readySince = c.last
			if ready && in.AvailableAt >= 0 && in.AvailableAt <= s.Time {
				m.readySince = in.AvailableAt
			}
			if !m.seen && !ready {
				m.readySince = m.start
			}
			m.seen, m.ready = true, ready
		}
		p := Pod{Deleting: in.State == sim.StateDraining, Ready: ready, ReadySince: m.readySince, Start: m.start,
			MetricTime: s.Time, Window: s.Window, Request: c.o.Request, Usage: math.NaN()}
		work, backlog, capa := in.LastEpoch.Work.GPU, in.BacklogGPU, s.Nodes[in.Node].Spec.GPU
		if c.o.Resource == ResourceCPU {
			work, backlog, capa = in.LastEpoch.Work.CPU, in.BacklogCPU, s.Nodes[in.Node].Spec.CPU
		}
		if p.Request == 0 {
			p.Request = capa
		}
		if !s.Nodes[in.Node].Down && s.Window > 0 {
			p.Usage = max(0, work+m.backlog-backlog) / s.Window
		}
		if p.Request <= 0 {
			p.Deleting = true // no request: not a pod this autoscaler can measure
		}
		pods = append(pods, p)
		if in.State != sim.StateDraining {
			reps = append(reps, i)
		}
	}
	return pods, reps
}

// add appends n AddReplica actions of service svc, each on the node that is up, has a GPU and has the
// most free VRAM (after the replicas already planned) that fits the weights; ties go to the lowest
// index. It stops early when no node fits.
func (c *Controller) add(s *sim.Snapshot, svc, n int, plan sim.Plan, reserved []float64) (sim.Plan, []float64) {
	if reserved == nil {
		reserved = make([]float64, len(s.Nodes))
	}
	w := s.Services[svc].WeightsGB
	for range n {
		best, bestFree := -1, math.Inf(-1)
		for j, nd := range s.Nodes {
			free := nd.VRAMFree() - reserved[j]
			if nd.Down || nd.Spec.GPU <= 0 || !sim.FitsVRAM(w, free) || free <= bestFree {
				continue
			}
			best, bestFree = j, free
		}
		if best < 0 {
			break
		}
		reserved[best] += w
		plan = append(plan, sim.AddReplica{Service: svc, Node: best, Startup: c.o.Startup})
	}
	return plan, reserved
}

// remove appends RemoveReplica actions for n of the replicas reps: the newest (highest index) ready
// ones first, then the newest of the others.
func (c *Controller) remove(s *sim.Snapshot, reps []int, n int, plan sim.Plan) sim.Plan {
	order := make([]int, 0, len(reps))
	for _, wantReady := range []bool{true, false} {
		for k := len(reps) - 1; k >= 0; k-- {
			if (s.Instances[reps[k]].State == sim.StateActive) == wantReady {
				order = append(order, reps[k])
			}
		}
	}
	for _, i := range order[:min(n, len(order)-1)] {
		plan = append(plan, sim.RemoveReplica{Instance: i})
	}
	return plan
}

// addCPU appends n AddReplica actions of service svc (routable replicas reps), each on the allowed
// node that is up, has CPU and fits the weights, with the fewest replicas of the service counting
// those already planned (ties: the lowest index). It stops early when no node fits.
func (c *Controller) addCPU(s *sim.Snapshot, svc int, reps []int, n int, plan sim.Plan) sim.Plan {
	count := make([]int, len(s.Nodes))
	for _, i := range reps {
		count[s.Instances[i].Node]++
	}
	w := s.Services[svc].WeightsGB
	for range n {
		best := -1
		for j, nd := range s.Nodes {
			if (c.o.Nodes != nil && !slices.Contains(c.o.Nodes, j)) || nd.Down || nd.Spec.CPU <= 0 || !sim.FitsVRAM(w, nd.VRAMFree()) {
				continue
			}
			if best < 0 || count[j] < count[best] {
				best = j
			}
		}
		if best < 0 {
			break
		}
		count[best]++
		plan = append(plan, sim.AddReplica{Service: svc, Node: best, Startup: c.o.Startup})
	}
	return plan
}

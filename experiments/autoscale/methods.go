package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/policy/hpa"
	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// The four methods of the paper's prototype comparison (§9), in table order. They are built here, not
// in policy/registry.go: each needs the RIC service's index and the RIC nodes, which policy.Options
// does not carry, and they only make sense on a CPU-only xApp scenario, not on the conformance suite's
// GPU scenarios.
const (
	methodSingle     = "single-server" // one replica, no scaling, no balancing
	methodLBNoScale  = "lb-noscale"    // one replica on every server from the start, random sticky assignment
	methodHAutoscale = hautoscale.Name // policy/hautoscale (CPU rule + combined metric) with Bull-and-Bear
	methodK8sHPA     = hpa.Name        // policy/hpa on CPU with random sticky assignment (kube-proxy)
)

var allMethods = []string{methodHAutoscale, methodLBNoScale, methodSingle, methodK8sHPA}

// method is what one run of a method needs: its initial RIC replicas' nodes, its controllers and the
// sink that must see the records (hautoscale's latency input), if any.
type method struct {
	replicas    []int // nodes of the initial RIC replicas
	controllers []sim.ControllerSpec
	sink        sim.Sink
	disconnect  func(instance int)  // the router's: drops a crashed replica's associations
	refused     func(flow int) bool // flows refused at admission (nil: none)
}

// newMethod builds method name for run r on the nodes ric (the RIC servers) of service svc; insts are
// the run's xApps (admission reads their descriptors).
func newMethod(name string, r runSpec, svc int, ric []int, insts []xapp.Instance) (method, error) {
	switch name {
	case methodSingle:
		lb := newRandomLB(r.Seed, r.Reassoc)
		return method{replicas: ric[:1], controllers: []sim.ControllerSpec{lb.spec()}, disconnect: lb.Disconnect}, nil
	case methodLBNoScale:
		lb := newRandomLB(r.Seed, r.Reassoc)
		return method{replicas: ric, controllers: []sim.ControllerSpec{lb.spec()}, disconnect: lb.Disconnect}, nil
	case methodHAutoscale:
		ctl, err := hautoscale.NewController(hautoscale.ControllerOptions{Service: svc, Nodes: ric, Rules: r.rules()})
		if err != nil {
			return method{}, err
		}
		bo := r.balancer()
		if a := r.admission(); a != "" && a != hautoscale.PredictNone.String() {
			adm, err := newAdmission(r, insts)
			if err != nil {
				return method{}, err
			}
			bo.Admit = func(f, i int, rt *bnb.Router, reps []sim.ReplicaView) bool { return adm.Admit(f, i, rt.FlowsOn, reps) }
		}
		rt, err := bnb.New(bo)
		if err != nil {
			return method{}, err
		}
		return method{replicas: ric[:1], controllers: []sim.ControllerSpec{ctl.Spec(), rt.Spec()}, sink: ctl,
			disconnect: rt.Disconnect, refused: rt.IsRefused}, nil
	case methodK8sHPA:
		ctl, err := hpa.NewController(hpa.ControllerOptions{Services: []int{svc}, Resource: hpa.ResourceCPU, Nodes: ric,
			HPA: hpa.Options{Target: int(100*r.rules().UpCPU + 0.5), MaxReplicas: r.rules().MaxReplicas}})
		if err != nil {
			return method{}, err
		}
		lb := newRandomLB(r.Seed, r.Reassoc)
		return method{replicas: ric[:1], controllers: []sim.ControllerSpec{ctl.Spec(), lb.spec()}, disconnect: lb.Disconnect}, nil
	}
	return method{}, fmt.Errorf("autoscale: unknown method %q", name)
}

// randomLB is the lb-noscale and k8s-hpa balancer: a new flow (an xApp's SCTP association) goes to a
// uniformly random available replica and stays there while that replica is routable, as kube-proxy
// assigns a connection to a random endpoint and OpenShift spread the paper's xApps "in a random
// fashion". It is a sim.Controller only to be registered as the run's sim.Router; its plan is empty.
type randomLB struct {
	rng     *rand.Rand
	flowOf  map[int]int     // flow → instance
	readyAt map[int]float64 // flow → time its re-association is up, s
	reassoc float64         // re-association delay, s
}

func newRandomLB(seed uint64, reassoc float64) *randomLB {
	return &randomLB{rng: rand.New(rng.PCG(seed, "experiments/autoscale/random-lb")), flowOf: map[int]int{},
		readyAt: map[int]float64{}, reassoc: reassoc}
}

// Disconnect drops the associations of the flows on instance i (its xApps crashed): each pays the
// re-association delay at its next request.
func (l *randomLB) Disconnect(i int) {
	for f, in := range l.flowOf {
		if in == i {
			l.flowOf[f] = -1
		}
	}
}

// Associate delays a re-associated flow's requests until its association is up (sim.Associator).
func (l *randomLB) Associate(q *sim.Request, _ int) (float64, bool) {
	return max(0, l.readyAt[q.Flow]-q.Arrival), false
}

func (l *randomLB) spec() sim.ControllerSpec { return sim.ControllerSpec{Controller: l, Period: 1e9} }

// Name returns "random-lb".
func (*randomLB) Name() string { return "random-lb" }

// Decide returns no action.
func (*randomLB) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) { return nil, nil }

// Route keeps a flow on its replica while it is routable, else draws an available one at random (a
// flow that had one pays the re-association delay).
func (l *randomLB) Route(q *sim.Request, reps []sim.ReplicaView) int {
	i, ok := l.flowOf[q.Flow]
	if ok && q.Flow > 0 {
		if k := slices.IndexFunc(reps, func(v sim.ReplicaView) bool { return v.Instance == i }); k >= 0 {
			return k
		}
		l.readyAt[q.Flow] = q.Arrival + l.reassoc
	}
	var avail []int
	for k, v := range reps {
		if v.Available {
			avail = append(avail, k)
		}
	}
	k := l.rng.IntN(len(reps))
	if len(avail) > 0 {
		k = avail[l.rng.IntN(len(avail))]
	}
	if q.Flow > 0 {
		l.flowOf[q.Flow] = reps[k].Instance
	}
	return k
}

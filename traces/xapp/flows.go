package xapp

import (
	"fmt"
	"math"
)

// RandomPhase as a Flow's Phase draws the phase uniformly in [0, Period) from the source's stream.
const RandomPhase = -1

// ClassOf returns the class of a control loop by its deadline δ (s), on the O-RAN control timescales:
// a dApp for real-time loops (δ ≤ 10 ms, the TTI scale at the DU), an xApp for near-real-time ones
// (10 ms < δ ≤ 1 s, the near-RT RIC) and an rApp for the rest (δ > 1 s, the non-RT RIC). The bounds
// are the classes' DefaultDeadline (dApp 10 ms, xApp 1 s) and OrchestRAN's Table II timescales (TTI,
// sub-second, long).
func ClassOf(deadline float64) Class {
	switch {
	case deadline <= 0.010+1e-12:
		return DApp
	case deadline <= 1+1e-12:
		return XApp
	}
	return RApp
}

// Flow is one control loop given explicitly (NewFlows): one instance whose requests go to Service,
// from Cell, each with Work core-s of CPU and a relative Deadline.
type Flow struct {
	Service  int     // AI service of its requests (≥ 0); a sim.Router may still pick the replica.
	Cell     int     // Cell of its requests (≥ 0): where its data enter the network.
	Class    Class   // Timing class (ClassOf gives it from the deadline).
	Deadline float64 // Relative deadline, s (> 0); 0: the class's DefaultDeadline.
	Work     float64 // CPU work of each request, core-s (> 0).
	Period   float64 // Interval between two requests (periodic) or its mean (Poisson), s (> 0).
	Start    float64 // Deployment time, s (≥ 0): the first request comes Phase after it.
	// End is the time at and after which the flow sends nothing, s (+Inf: never). A flow whose first
	// request would come at or after End sends nothing, so the zero value sends nothing.
	End float64
	// Phase is the delay of the first request after Start, s (≥ 0, finite); negative (RandomPhase):
	// drawn uniformly in [0, Period) from the source's stream, in flow order.
	Phase  float64
	Tenant string // Label copied to the Instance (optional).
	Type   string // Label copied to the Instance (optional).
	Pinned bool   // Informative: the flow is meant to be served on node Node (the router enforces it).
	Node   int    // Pinned node (≥ 0).
}

// FlowsOptions configures a Source of explicit flows.
type FlowsOptions struct {
	Flows    []Flow // Flow k gets ID FlowBase+k+1; none: a source that yields nothing.
	Poisson  bool   // Exponential gaps of mean Period; false: strictly periodic.
	FlowBase int    // Flows are numbered FlowBase+1, FlowBase+2, … (≥ 0).
	Seed     uint64 // Run seed; the source draws random phases and gaps from the stream (Seed, Name).
	Name     string // Component name of its random stream; "": DefaultName.
}

// NewFlows returns a Source of the given flows (the same Source as New: one heap, one emission), or
// an error wrapping ErrOptions naming the first invalid flow.
func NewFlows(o FlowsOptions) (*Source, error) {
	if o.Name == "" {
		o.Name = DefaultName
	}
	if o.FlowBase < 0 {
		return nil, bad("flow base %d", o.FlowBase)
	}
	insts := make([]Instance, len(o.Flows))
	phase := make([]float64, len(o.Flows))
	for k, f := range o.Flows {
		if err := f.check(); err != nil {
			return nil, fmt.Errorf("%w (flow %d)", err, k)
		}
		dl := f.Deadline
		if dl == 0 {
			dl = f.Class.DefaultDeadline()
		}
		insts[k] = Instance{Flow: o.FlowBase + k + 1, Service: f.Service, Tenant: f.Tenant, Type: f.Type, Class: f.Class,
			Deadline: dl, Work: f.Work, Period: f.Period, Deployed: f.Start, Removed: f.End, Pinned: f.Pinned, Node: f.Node, Cell: f.Cell}
		phase[k] = f.Phase
	}
	return newSource(insts, phase, o.Poisson, math.Inf(1), o.Seed, o.Name), nil
}

// check validates a flow.
func (f Flow) check() error {
	switch {
	case f.Service < 0 || f.Cell < 0 || f.Node < 0:
		return bad("service %d, cell %d, node %d", f.Service, f.Cell, f.Node)
	case int(f.Class) >= len(classNames):
		return bad("class %d", f.Class)
	case !nonNeg(f.Deadline) || !pos(f.Work) || !pos(f.Period):
		return bad("deadline %g s (≥ 0), work %g core-s and period %g s (> 0) must be finite", f.Deadline, f.Work, f.Period)
	case !nonNeg(f.Start) || math.IsNaN(f.End) || math.IsInf(f.End, -1) || math.IsNaN(f.Phase) || math.IsInf(f.Phase, 0):
		return bad("start %g s (finite, ≥ 0), end %g s (not NaN or -Inf), phase %g s (finite)", f.Start, f.End, f.Phase)
	}
	return nil
}

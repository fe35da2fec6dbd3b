package xapp

import (
	"errors"
	"fmt"
	"math"
	"slices"
)

// ErrOptions is wrapped by every error New and NewFlows return for invalid options.
var ErrOptions = errors.New("xapp: invalid options")

// Defaults used when the corresponding Options field is zero.
const (
	DefaultPeriod   = 0.1 // control period, s (assumption: the paper gives none; ten requests per 1 s window)
	DefaultInterval = 5   // time between two deployments, s (assumption: the paper deploys "one at a time")
	DefaultName     = "workload/xapp"
)

// Deployment is one tenant request r = (n, L, δ) for one application type: N instances, deployed one
// after the other.
type Deployment struct {
	Tenant   string  // Tenant name (required).
	Type     string  // Name of a Type in Options.Types (required).
	N        int     // Number of instances n (≥ 1).
	Deadline float64 // Maximum acceptable latency L, s (> 0); 0: the type's class default.
	Pinned   bool    // δ: the instances must be served on node Node (e.g. a dApp on its CU/DU server).
	Node     int     // Node index of the pin (meaningful when Pinned; ≥ 0).
	Cell     int     // Cell whose E2 node the instances control: the request's sim.Request.Cell (≥ 0).
}

// Options configures a Source. The zero value of every optional field selects the default in its comment.
type Options struct {
	Service     int          // Index of the AI service (the RIC pods) that serves every request (≥ 0).
	Deployments []Deployment // In deployment order (at least one).
	Types       []Type       // Application types; nil: DefaultTypes().
	Period      float64      // Period of the types that give none, s (> 0); 0: DefaultPeriod.
	Poisson     bool         // Exponential gaps of mean Period; false: strictly periodic with a random phase.
	Interval    float64      // Time between two instance deployments, s (> 0); 0: DefaultInterval.
	Start       float64      // Time of the first deployment, s (≥ 0).
	Horizon     float64      // Requests arrive before Start+Horizon, s (≥ 0); 0: unlimited.
	Lifetime    float64      // Each instance sends for Lifetime s after its deployment (≥ 0); 0: until the horizon.
	FlowBase    int          // Flows are numbered FlowBase+1, FlowBase+2, … (≥ 0): keeps merged sources' flows apart.
	Seed        uint64       // Run seed; the source draws from the stream (Seed, Name) of package rng.
	Name        string       // Component name of its random stream; "": DefaultName.
}

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrOptions}, args...)...)
}

func pos(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

func nonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 0) }

// withDefaults returns o with defaults filled in, or an error naming the first invalid field.
func (o Options) withDefaults() (Options, error) {
	if o.Types == nil {
		o.Types = DefaultTypes()
	}
	o.Types = slices.Clone(o.Types)
	if o.Period == 0 {
		o.Period = DefaultPeriod
	}
	if o.Interval == 0 {
		o.Interval = DefaultInterval
	}
	if o.Name == "" {
		o.Name = DefaultName
	}
	switch {
	case o.Service < 0 || o.FlowBase < 0:
		return o, bad("service %d, flow base %d", o.Service, o.FlowBase)
	case len(o.Deployments) == 0:
		return o, bad("no deployment")
	case !pos(o.Period) || !pos(o.Interval):
		return o, bad("period %g s and interval %g s must be finite and > 0", o.Period, o.Interval)
	case !nonNeg(o.Start) || !nonNeg(o.Horizon) || !nonNeg(o.Lifetime):
		return o, bad("start %g s, horizon %g s and lifetime %g s must be finite and ≥ 0", o.Start, o.Horizon, o.Lifetime)
	}
	for k, t := range o.Types {
		switch {
		case t.Name == "" || slices.ContainsFunc(o.Types[:k], func(u Type) bool { return u.Name == t.Name }):
			return o, bad("type %d: name %q empty or repeated", k, t.Name)
		case int(t.Class) >= len(classNames) || !pos(t.Load) || !nonNeg(t.Period):
			return o, bad("type %q: class %d, load %g cores (> 0), period %g s (≥ 0)", t.Name, t.Class, t.Load, t.Period)
		}
		if t.Period == 0 {
			o.Types[k].Period = o.Period
		}
	}
	for k, d := range o.Deployments {
		if err := d.check(o.Types); err != nil {
			return o, fmt.Errorf("%w (deployment %d)", err, k)
		}
	}
	return o, nil
}

// check validates a deployment against the types.
func (d Deployment) check(types []Type) error {
	switch {
	case d.Tenant == "":
		return bad("no tenant")
	case typeIndex(types, d.Type) < 0:
		return bad("tenant %q: unknown type %q", d.Tenant, d.Type)
	case d.N < 1:
		return bad("tenant %q: %d instances", d.Tenant, d.N)
	case !nonNeg(d.Deadline) || d.Node < 0 || d.Cell < 0:
		return bad("tenant %q: deadline %g s, node %d, cell %d", d.Tenant, d.Deadline, d.Node, d.Cell)
	}
	return nil
}

func typeIndex(types []Type, name string) int {
	return slices.IndexFunc(types, func(t Type) bool { return t.Name == name })
}

package scenario

import (
	"slices"

	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces/xapp"
)

// Autoscaling is the scenario's "autoscaling" section: every constant of ORAN-HAutoscaling's
// replica autoscaler (policy/hautoscale), its Bull-and-Bear balancer (policy/bnb), the optional
// overload-crash model, the admission predictor and the tenants' xApp deployment requests
// (traces/xapp; docs/autoscale.md). A key absent or 0 selects the default of the package it
// configures (the paper's value where it gives one). Load-time validation names the key.
type Autoscaling struct {
	Services    []string              `json:"services,omitempty"`         // AI services scaled; empty: every AI service
	MinReplicas int                   `json:"min_replicas,omitempty"`     // c_min ≥ 1; 0: 1
	MaxReplicas int                   `json:"max_replicas,omitempty"`     // c_max ≥ c_min; 0: 3
	UpCPU       float64               `json:"up_cpu,omitempty"`           // scale up at utilisation ≥ up_cpu, in (0, 1]; 0: 0.8
	DownCPU     float64               `json:"down_cpu,omitempty"`         // scale down after utilisation ≤ down_cpu, in [0, up_cpu); 0: 0.1
	DownHoldS   float64               `json:"down_hold_s,omitempty"`      // … for this long, s (≥ 0); 0: 180
	PeriodS     float64               `json:"period_s,omitempty"`         // control tick, s (≥ 0); 0: 15
	StartupS    float64               `json:"startup_s,omitempty"`        // start-up of an added replica, s (≥ 0); 0: the service's R_s
	CPUMax      float64               `json:"cpu_max,omitempty"`          // utilisation denominator per replica, cores (≥ 0); 0: the node's
	Quantile    float64               `json:"latency_quantile,omitempty"` // latency quantile observed as L, in [0, 1]; 0: 0.95
	Combined    *AutoscaleCombined    `json:"combined,omitempty"`         // the combined metric C; absent: off
	PID         *AutoscalePID         `json:"pid,omitempty"`              // the PID on the latency error; absent: off
	Balancer    *AutoscaleBalancer    `json:"balancer,omitempty"`         // Bull-and-Bear; absent: its defaults
	Crash       *AutoscaleCrash       `json:"crash,omitempty"`            // the overload-crash model; absent: off
	Admission   string                `json:"admission,omitempty"`        // none, erlang-c, paper-mmc or pwl; "": none
	Tenants     []AutoscaleTenant     `json:"tenants,omitempty"`
	Deployments []AutoscaleDeployment `json:"deployments,omitempty"` // in deployment order
}

// AutoscaleCombined is C = α·CPU + β·L/L_max + γ·T_inf/T_max with its thresholds.
type AutoscaleCombined struct {
	Alpha float64 `json:"alpha,omitempty"`   // ≥ 0; all three 0: 0.5, 0.3, 0.2
	Beta  float64 `json:"beta,omitempty"`    // ≥ 0
	Gamma float64 `json:"gamma,omitempty"`   // ≥ 0
	Up    float64 `json:"up,omitempty"`      // scale up when C > up, in (0, 1]; 0: 0.8
	Down  float64 `json:"down,omitempty"`    // scale down only if C < down, in [0, up); 0: 0.1
	LMaxS float64 `json:"l_max_s,omitempty"` // s (≥ 0); 0: 1
	TMaxS float64 `json:"t_max_s,omitempty"` // s (≥ 0); 0: l_max_s
}

// AutoscalePID is the PID on the latency error e = L_max − L.
type AutoscalePID struct {
	Kp          float64 `json:"kp,omitempty"`           // ≥ 0; all three 0: 1, 0.1, 0
	Ki          float64 `json:"ki,omitempty"`           // ≥ 0, 1/s
	Kd          float64 `json:"kd,omitempty"`           // ≥ 0, s
	IntegralMax float64 `json:"integral_max,omitempty"` // anti-windup clamp, s² (≥ 0); 0: 10
	UStepS      float64 `json:"u_step_s,omitempty"`     // |u| beyond which it asks for a replica, s (≥ 0); 0: 0.1
}

// AutoscaleBalancer configures Bull-and-Bear.
type AutoscaleBalancer struct {
	WCPU      float64 `json:"w_cpu,omitempty"`          // ≥ 0; all three 0: 1/3 each
	WLatency  float64 `json:"w_latency,omitempty"`      // ≥ 0
	WInFlight float64 `json:"w_inflight,omitempty"`     // ≥ 0
	PeriodS   float64 `json:"probe_period_s,omitempty"` // s (≥ 0); 0: 5
	ProbeTTLS float64 `json:"probe_ttl_s,omitempty"`    // s (≥ 0); 0: 2 × probe_period_s
	ReassocS  float64 `json:"reassoc_s,omitempty"`      // re-association delay, s (≥ 0); 0: none
	NoBear    bool    `json:"no_bear,omitempty"`
}

// AutoscaleCrash configures the overload-crash model.
type AutoscaleCrash struct {
	Ticks      int     `json:"ticks,omitempty"`       // K ≥ 1; 0: 3
	PeriodS    float64 `json:"period_s,omitempty"`    // s (≥ 0); 0: 5
	LimitCores float64 `json:"limit_cores,omitempty"` // cores (≥ 0); 0: the node's
	LMaxS      float64 `json:"l_max_s,omitempty"`     // s (≥ 0); 0: 1
	RestartS   float64 `json:"restart_s,omitempty"`   // s (≥ 0); 0: 10
}

// AutoscaleTenant is a tenant of the deployment requests.
type AutoscaleTenant struct {
	Name      string  `json:"name"`
	DeadlineS float64 `json:"deadline_s,omitempty"` // the tenant's default L, s (≥ 0); 0: the class default
}

// AutoscaleDeployment is one deployment request r = (n, L, δ) of a tenant for one xApp type.
type AutoscaleDeployment struct {
	Tenant    string  `json:"tenant"`               // a name of tenants
	Type      string  `json:"type"`                 // kpm, mac-rlc-pdcp or cpu-intensive (traces/xapp)
	N         int     `json:"n"`                    // instances (≥ 1)
	DeadlineS float64 `json:"deadline_s,omitempty"` // L, s (≥ 0); 0: the tenant's, else the class default
	PinNode   string  `json:"pin_node,omitempty"`   // δ: a node of the scenario the instances must run on
	Cell      string  `json:"cell,omitempty"`       // the cell whose E2 node they control; "": the first
}

// validateAutoscaling checks the section against the scenario's nodes, AI services and cells.
func (s *Scenario) validateAutoscaling(nodes map[string]bool) error {
	a := s.Autoscaling
	if a == nil {
		return nil
	}
	for i, name := range a.Services {
		if !s.isAIService(name) {
			return invalid("autoscaling.services[%d]: %q is not an AI service of the scenario", i, name)
		}
	}
	switch {
	case a.MinReplicas < 0:
		return invalid("autoscaling.min_replicas = %d: must be ≥ 1 (0: 1)", a.MinReplicas)
	case a.MaxReplicas < 0 || (a.MaxReplicas > 0 && a.MaxReplicas < max(a.MinReplicas, 1)):
		return invalid("autoscaling.max_replicas = %d: must be ≥ min_replicas (%d)", a.MaxReplicas, max(a.MinReplicas, 1))
	case !frac(a.UpCPU):
		return invalid("autoscaling.up_cpu = %v: must be in [0, 1] (0: 0.8)", a.UpCPU)
	case !frac(a.DownCPU) || (a.DownCPU >= upOr(a.UpCPU, hautoscale.DefaultUpCPU)):
		return invalid("autoscaling.down_cpu = %v: must be in [0, 1] and below up_cpu", a.DownCPU)
	case !frac(a.Quantile):
		return invalid("autoscaling.latency_quantile = %v: must be in [0, 1]", a.Quantile)
	}
	for _, f := range []struct {
		key string
		v   float64
	}{{"down_hold_s", a.DownHoldS}, {"period_s", a.PeriodS}, {"startup_s", a.StartupS}, {"cpu_max", a.CPUMax}} {
		if !nonNeg(f.v) {
			return invalid("autoscaling.%s = %v: must be finite and ≥ 0", f.key, f.v)
		}
	}
	if err := a.validateParts(); err != nil {
		return err
	}
	if _, ok := hautoscale.ParsePredictor(a.Admission); a.Admission != "" && !ok {
		return invalid("autoscaling.admission = %q: not one of none, erlang-c, paper-mmc, pwl", a.Admission)
	}
	return s.validateDeployments(nodes)
}

// isAIService reports whether the scenario has an AI service called name.
func (s *Scenario) isAIService(name string) bool {
	for _, sv := range s.Services {
		if sv.Name == name {
			c, ok := sim.ParseCategory(sv.Category)
			return ok && c.IsAI()
		}
	}
	return false
}

// validateParts checks the combined metric, the PID, the balancer and the crash model.
func (a *Autoscaling) validateParts() error {
	if c := a.Combined; c != nil {
		for _, f := range []struct {
			key string
			v   float64
		}{{"alpha", c.Alpha}, {"beta", c.Beta}, {"gamma", c.Gamma}, {"l_max_s", c.LMaxS}, {"t_max_s", c.TMaxS}} {
			if !nonNeg(f.v) {
				return invalid("autoscaling.combined.%s = %v: must be finite and ≥ 0", f.key, f.v)
			}
		}
		if !frac(c.Up) || !frac(c.Down) || c.Down >= upOr(c.Up, hautoscale.DefaultCUp) {
			return invalid("autoscaling.combined.up = %v, down = %v: must be in [0, 1] with down < up", c.Up, c.Down)
		}
	}
	if p := a.PID; p != nil {
		for _, f := range []struct {
			key string
			v   float64
		}{{"kp", p.Kp}, {"ki", p.Ki}, {"kd", p.Kd}, {"integral_max", p.IntegralMax}, {"u_step_s", p.UStepS}} {
			if !nonNeg(f.v) {
				return invalid("autoscaling.pid.%s = %v: must be finite and ≥ 0", f.key, f.v)
			}
		}
	}
	if b := a.Balancer; b != nil {
		for _, f := range []struct {
			key string
			v   float64
		}{{"w_cpu", b.WCPU}, {"w_latency", b.WLatency}, {"w_inflight", b.WInFlight}, {"probe_period_s", b.PeriodS},
			{"probe_ttl_s", b.ProbeTTLS}, {"reassoc_s", b.ReassocS}} {
			if !nonNeg(f.v) {
				return invalid("autoscaling.balancer.%s = %v: must be finite and ≥ 0", f.key, f.v)
			}
		}
	}
	if c := a.Crash; c != nil {
		if c.Ticks < 0 {
			return invalid("autoscaling.crash.ticks = %d: must be ≥ 1 (0: 3)", c.Ticks)
		}
		for _, f := range []struct {
			key string
			v   float64
		}{{"period_s", c.PeriodS}, {"limit_cores", c.LimitCores}, {"l_max_s", c.LMaxS}, {"restart_s", c.RestartS}} {
			if !nonNeg(f.v) {
				return invalid("autoscaling.crash.%s = %v: must be finite and ≥ 0", f.key, f.v)
			}
		}
	}
	return nil
}

// validateDeployments checks the tenants and the deployment requests.
func (s *Scenario) validateDeployments(nodes map[string]bool) error {
	a := s.Autoscaling
	for i, t := range a.Tenants {
		switch {
		case t.Name == "" || slices.ContainsFunc(a.Tenants[:i], func(u AutoscaleTenant) bool { return u.Name == t.Name }):
			return invalid("autoscaling.tenants[%d]: name %q empty or duplicate", i, t.Name)
		case !nonNeg(t.DeadlineS):
			return invalid("autoscaling.tenants[%d] (%s): deadline_s = %v: must be finite and ≥ 0", i, t.Name, t.DeadlineS)
		}
	}
	types := xapp.DefaultTypes()
	for i, d := range a.Deployments {
		switch {
		case !slices.ContainsFunc(a.Tenants, func(t AutoscaleTenant) bool { return t.Name == d.Tenant }):
			return invalid("autoscaling.deployments[%d]: tenant %q is not in autoscaling.tenants", i, d.Tenant)
		case !slices.ContainsFunc(types, func(t xapp.Type) bool { return t.Name == d.Type }):
			return invalid("autoscaling.deployments[%d]: type %q is not one of kpm, mac-rlc-pdcp, cpu-intensive", i, d.Type)
		case d.N < 1:
			return invalid("autoscaling.deployments[%d]: n = %d: must be ≥ 1", i, d.N)
		case !nonNeg(d.DeadlineS):
			return invalid("autoscaling.deployments[%d]: deadline_s = %v: must be finite and ≥ 0", i, d.DeadlineS)
		case d.PinNode != "" && !nodes[d.PinNode]:
			return invalid("autoscaling.deployments[%d]: pin_node %q is not a node of the scenario", i, d.PinNode)
		case d.Cell != "" && !slices.ContainsFunc(s.Cells, func(c Cell) bool { return c.Name == d.Cell }):
			return invalid("autoscaling.deployments[%d]: cell %q is not a cell of the scenario", i, d.Cell)
		}
	}
	return nil
}

func frac(v float64) bool { return nonNeg(v) && v <= 1 }

func upOr(v, d float64) float64 {
	if v == 0 {
		return d
	}
	return v
}

// Rules returns the section's hautoscale rules (zero values select the package's defaults).
func (a *Autoscaling) Rules() hautoscale.Options {
	o := hautoscale.Options{MinReplicas: a.MinReplicas, MaxReplicas: a.MaxReplicas, UpCPU: a.UpCPU, DownCPU: a.DownCPU,
		DownHold: a.DownHoldS, Period: a.PeriodS, Quantile: a.Quantile}
	if c := a.Combined; c != nil {
		o.Combined, o.Alpha, o.Beta, o.Gamma, o.CUp, o.CDown, o.LMax, o.TMax = true, c.Alpha, c.Beta, c.Gamma, c.Up, c.Down, c.LMaxS, c.TMaxS
	}
	if p := a.PID; p != nil {
		o.PID, o.Kp, o.Ki, o.Kd, o.IntegralMax, o.UStep = true, p.Kp, p.Ki, p.Kd, p.IntegralMax, p.UStepS
	}
	return o
}

// BalancerOptions returns the section's Bull-and-Bear options.
func (a *Autoscaling) BalancerOptions() bnb.Options {
	b := a.Balancer
	if b == nil {
		return bnb.Options{}
	}
	return bnb.Options{WCPU: b.WCPU, WLatency: b.WLatency, WInFlight: b.WInFlight, Period: b.PeriodS, ProbeTTL: b.ProbeTTLS,
		ReassocDelay: b.ReassocS, NoBear: b.NoBear}
}

// CrashOptions returns the crash model's options for service svc, and false when the section has no
// crash model.
func (a *Autoscaling) CrashOptions(svc int) (hautoscale.CrashOptions, bool) {
	c := a.Crash
	if c == nil {
		return hautoscale.CrashOptions{}, false
	}
	return hautoscale.CrashOptions{Service: svc, Ticks: c.Ticks, Period: c.PeriodS, Limit: c.LimitCores, LMax: c.LMaxS,
		Restart: c.RestartS}, true
}

// XAppDeployments returns the deployment requests for traces/xapp: a deployment without a deadline
// takes its tenant's, nodes and cells become indices of the scenario's nodes and cells.
func (s *Scenario) XAppDeployments() []xapp.Deployment {
	a := s.Autoscaling
	if a == nil {
		return nil
	}
	var out []xapp.Deployment
	for _, d := range a.Deployments {
		dl := d.DeadlineS
		if dl == 0 {
			dl = a.Tenants[slices.IndexFunc(a.Tenants, func(t AutoscaleTenant) bool { return t.Name == d.Tenant })].DeadlineS
		}
		x := xapp.Deployment{Tenant: d.Tenant, Type: d.Type, N: d.N, Deadline: dl}
		if d.PinNode != "" {
			x.Pinned, x.Node = true, slices.IndexFunc(s.Nodes, func(n Node) bool { return n.Name == d.PinNode })
		}
		if d.Cell != "" {
			x.Cell = slices.IndexFunc(s.Cells, func(c Cell) bool { return c.Name == d.Cell })
		}
		out = append(out, x)
	}
	return out
}

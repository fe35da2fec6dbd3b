package main

import (
	"math"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/scenario"
)

// Extras are the options beyond the paper's prototype: the overload-crash model, the re-association
// delay and hautoscale's admission predictor. They are kept apart from flags.go's list.
type Extras struct {
	CrashTicks int     `json:"crash_ticks"`
	Reassoc    float64 `json:"reassoc_s"`
	Admission  string  `json:"admission"`
	File       string  `json:"autoscaling_file,omitempty"`
	// Section is the "autoscaling" section of File (nil without one): its keys win over the flags.
	Section *scenario.Autoscaling `json:"autoscaling,omitempty"`
}

func (e *Extras) register(fs *pflag.FlagSet) {
	fs.IntVar(&e.CrashTicks, "crash-ticks", 0, "overload-crash model: a RIC replica over its cores or its 1 s deadline at this many consecutive 5 s ticks crashes (its requests end dropped, it restarts for 10 s, its xApps reconnect); 0: off (default)")
	fs.Float64Var(&e.Reassoc, "reassoc", 1, "time an xApp's association takes to re-establish after its replica left or crashed, s (the paper gives none)")
	fs.StringVar(&e.File, "autoscaling", "", "scenario file whose \"autoscaling\" section (docs/autoscale.md) sets hautoscale's rules, the balancer, the crash model and the admission predictor; its keys win over the flags and the sensitivity grid (k8s-hpa takes its up_cpu and max_replicas)")
	fs.StringVar(&e.Admission, "admission", "none", "hautoscale's admission predictor: none, erlang-c (exact M/M/c wait ≤ 1 s), paper-mmc (the paper's M/M/c form) or pwl (the conservative two-segment model of the chosen replica ≤ its tightest deadline, fitted from profiling runs)")
}

func (e *Extras) check() error {
	if _, ok := hautoscale.ParsePredictor(e.Admission); !ok {
		return cli.Usagef("--admission: %q is not one of none, erlang-c, paper-mmc, pwl", e.Admission)
	}
	if e.CrashTicks < 0 || !(e.Reassoc >= 0) || math.IsInf(e.Reassoc, 0) {
		return cli.Usagef("--crash-ticks must be ≥ 0 and --reassoc finite and ≥ 0")
	}
	if e.File != "" {
		sc, err := scenario.Load(e.File)
		if err != nil {
			return cli.Usagef("--autoscaling: %v", err)
		}
		if sc.Autoscaling == nil {
			return cli.Usagef("--autoscaling: %s has no \"autoscaling\" section", e.File)
		}
		e.Section = sc.Autoscaling
	}
	return nil
}

// rules returns hautoscale's rules of run r: the flags' (combined metric on), then every key the
// section sets.
func (r runSpec) rules() hautoscale.Options {
	o := hautoscale.Options{UpCPU: r.UpCPU, DownHold: r.DownHold, MaxReplicas: r.MaxReplicas, Combined: true}
	if r.Section == nil {
		return o
	}
	s := r.Section.Rules()
	set := func(dst *float64, v float64) {
		if v != 0 {
			*dst = v
		}
	}
	if s.MinReplicas != 0 {
		o.MinReplicas = s.MinReplicas
	}
	if s.MaxReplicas != 0 {
		o.MaxReplicas = s.MaxReplicas
	}
	set(&o.UpCPU, s.UpCPU)
	set(&o.DownCPU, s.DownCPU)
	set(&o.DownHold, s.DownHold)
	set(&o.Period, s.Period)
	set(&o.Quantile, s.Quantile)
	if s.Combined {
		o.Alpha, o.Beta, o.Gamma, o.CUp, o.CDown, o.LMax, o.TMax = s.Alpha, s.Beta, s.Gamma, s.CUp, s.CDown, s.LMax, s.TMax
	}
	if s.PID {
		o.PID, o.Kp, o.Ki, o.Kd, o.IntegralMax, o.UStep = true, s.Kp, s.Ki, s.Kd, s.IntegralMax, s.UStep
	}
	return o
}

// balancer returns Bull-and-Bear's options of run r: the section's, with --reassoc when it sets none.
func (r runSpec) balancer() bnb.Options {
	var o bnb.Options
	if r.Section != nil {
		o = r.Section.BalancerOptions()
	}
	if o.ReassocDelay == 0 {
		o.ReassocDelay = r.Reassoc
	}
	return o
}

// crash returns the crash model's options of run r and whether it is on: the section's, else
// --crash-ticks.
func (r runSpec) crash(svc int) (hautoscale.CrashOptions, bool) {
	if r.Section != nil {
		if o, ok := r.Section.CrashOptions(svc); ok {
			return o, true
		}
	}
	return hautoscale.CrashOptions{Service: svc, Ticks: r.CrashTicks}, r.CrashTicks > 0
}

// admission returns the admission predictor's name of run r: the section's, else --admission.
func (r runSpec) admission() string {
	if r.Section != nil && r.Section.Admission != "" {
		return r.Section.Admission
	}
	return r.Admission
}

// interval returns the deployment interval of a run: the flag's value, or (0) 5 s, shortened so that
// all xApps are deployed within the first 75 % of the horizon.
func interval(flag, horizon float64, xapps int) float64 {
	if flag > 0 {
		return flag
	}
	return math.Min(5, 0.75*horizon/float64(xapps))
}

package main

import (
	"math"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy/hautoscale"
)

// Extras are the options beyond the paper's prototype: the overload-crash model, the re-association
// delay and hautoscale's admission predictor. They are kept apart from flags.go's list.
type Extras struct {
	CrashTicks int     `json:"crash_ticks"`
	Reassoc    float64 `json:"reassoc_s"`
	Admission  string  `json:"admission"`
}

func (e *Extras) register(fs *pflag.FlagSet) {
	fs.IntVar(&e.CrashTicks, "crash-ticks", 0, "overload-crash model: a RIC replica over its cores or its 1 s deadline at this many consecutive 5 s ticks crashes (its requests end dropped, it restarts for 10 s, its xApps reconnect); 0: off (default)")
	fs.Float64Var(&e.Reassoc, "reassoc", 1, "time an xApp's association takes to re-establish after its replica left or crashed, s (the paper gives none)")
	fs.StringVar(&e.Admission, "admission", "none", "hautoscale's admission predictor: none, erlang-c (exact M/M/c wait ≤ 1 s), paper-mmc (the paper's M/M/c form) or pwl (the conservative two-segment model of the chosen replica ≤ its tightest deadline, fitted from profiling runs)")
}

func (e *Extras) check() error {
	if _, ok := hautoscale.ParsePredictor(e.Admission); !ok {
		return cli.Usagef("--admission: %q is not one of none, erlang-c, paper-mmc, pwl", e.Admission)
	}
	if e.CrashTicks < 0 || !(e.Reassoc >= 0) || math.IsInf(e.Reassoc, 0) {
		return cli.Usagef("--crash-ticks must be ≥ 0 and --reassoc finite and ≥ 0")
	}
	return nil
}

// interval returns the deployment interval of a run: the flag's value, or (0) 5 s, shortened so that
// all xApps are deployed within the first 75 % of the horizon.
func interval(flag, horizon float64, xapps int) float64 {
	if flag > 0 {
		return flag
	}
	return math.Min(5, 0.75*horizon/float64(xapps))
}

package main

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
)

// config holds the command line; it is written to config.json.
type config struct {
	sweepflag.Flags
	Methods  []string        `json:"methods"`
	Loads    []float64       `json:"loads"`
	Delays   []float64       `json:"reconfigure_delay_s"`
	CapW     float64         `json:"cap_w"`
	Horizon  float64         `json:"forecast_horizon_s"`
	Requests int             `json:"requests_at_load_1"`
	Telem    float64         `json:"telemetry_step_s"`
	Agent    agentflag.Flags `json:"agent"`
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("scoring", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	sweepflag.Register(fs, &c.Flags, sweepflag.Texts{Out: "out/scoring", Seeds: 3,
		SeedHelp: "seeds per (load, delay, method); the table shows mean ± 95 % CI over them",
		Quick:    "a smoke run for CI: 4,000 requests at ρ = 1, one load (0.35), one delay (5 s), one seed",
		Scenario: "scenario file (JSON); \"\": the embedded AITRAS scenario (scenario/aitras.json, docs/scoring.md)",
		Inputs:   "scenario, method, load, reconfigure delay, cap, horizon, requests, agent, seed"})
	fs.StringSliceVar(&c.Methods, "methods", defaultMethods(), "methods to compare (comma list of: "+strings.Join(knownMethods(), ", ")+")")
	fs.Float64SliceVar(&c.Loads, "loads", []float64{0.2, 0.35}, "loads ρ (comma list)")
	fs.Float64SliceVar(&c.Delays, "reconfigure-delay", []float64{0, 5, 30}, "MIG reconfiguration delays to sweep, s (comma list; every MIG GPU of the scenario; no source gives a duration, docs/mig.md §4)")
	fs.Float64Var(&c.CapW, "cap-w", 1400, "power cap of the whole site (every cluster), W: the dynamic-scoring modes' cap and the monitoring hub's power-forecast score checked at every epoch")
	fs.Float64Var(&c.Horizon, "forecast-horizon", 5, "lead time of the power forecast checked against --cap-w, s (the placement interval: the next epoch)")
	fs.IntVar(&c.Requests, "requests", 0, "total requests at ρ = 1, scaled ∝ ρ; 0: the scenario's (16,000 for AITRAS)")
	fs.Float64Var(&c.Telem, "telemetry-step", 1, "telemetry sample step, s (the scorers' windows read it)")
	agentflag.Register(fs, &c.Agent)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: go run ./experiments/scoring [flags]

The AITRAS dynamic-scoring experiment (issue 13 item 7, docs/scoring.md): an LLM endpoint,
bootstrapped on an A100 MIG instance, that dynamic-scoring deploys on two MIG instances of an H100;
small AI services on the A100's other instances; three RAN cells; two managed clusters; MIG layouts
that trade throughput against power. Every method runs on the same workload,
seeds and loads, for every reconfiguration delay:
%s
Measured per run: fulfillment per class, energy_j, energy_per_met_j, MIG reconfigurations and node·s
spent reconfiguring, the scoring hub's calls, errors and wall time, and per epoch every cluster's
power forecast (--forecast-horizon ahead) and measured power against --cap-w; for dynamic-scoring,
its own forecast, its configuration peak power, its mode and deployments.
Writes summary.csv (one row per run; study columns then the measured ones), table.md (mean ± 95 %%
CI over seeds), scoring.png/.svg, config.json and runs/ to --out; the scorers' wall-clock cost
goes to standard output.

Flags:
%s`, methodHelp(), fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if c.Quick {
		if !fs.Changed("requests") {
			c.Requests = 4000
		}
		if !fs.Changed("loads") {
			c.Loads = []float64{0.35}
		}
		if !fs.Changed("reconfigure-delay") {
			c.Delays = []float64{5}
		}
		if !fs.Changed("seeds") {
			c.Seeds = 1
		}
	}
	return c, c.check()
}

func (c *config) check() error {
	if err := c.Flags.Check(); err != nil {
		return err
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case len(c.Methods) == 0 || len(c.Loads) == 0 || len(c.Delays) == 0:
		return cli.Usagef("--methods, --loads and --reconfigure-delay must not be empty")
	case c.Requests < 0:
		return cli.Usagef("--requests must be ≥ 0")
	case !(c.CapW > 0) || !finite(c.CapW):
		return cli.Usagef("--cap-w must be finite and > 0")
	case !(c.Horizon >= 0) || !finite(c.Horizon):
		return cli.Usagef("--forecast-horizon must be finite and ≥ 0")
	case !(c.Telem > 0) || !finite(c.Telem):
		return cli.Usagef("--telemetry-step must be finite and > 0")
	}
	for _, l := range c.Loads {
		if !(l > 0) || !finite(l) {
			return cli.Usagef("--loads: %v is not finite and > 0", l)
		}
	}
	for _, d := range c.Delays {
		if !(d >= 0) || !finite(d) {
			return cli.Usagef("--reconfigure-delay: %v is not finite and ≥ 0", d)
		}
	}
	seen := map[string]bool{}
	for _, m := range c.Methods {
		if _, ok := variants()[m]; !ok || seen[m] {
			return cli.Usagef("--methods: %q unknown or given twice (known: %s)", m, strings.Join(knownMethods(), ", "))
		}
		seen[m] = true
	}
	return nil
}

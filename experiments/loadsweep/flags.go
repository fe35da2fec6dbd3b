package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
)

// config holds the command line; it is written to config.json.
type config struct {
	Loads    []float64       `json:"loads"`
	Methods  []string        `json:"methods"`
	Seeds    int             `json:"seeds"`
	Seed     uint64          `json:"seed"`
	Requests int             `json:"requests_at_load_1"`
	Trace    string          `json:"trace"`
	Scenario string          `json:"scenario"`
	Profile  string          `json:"profile"`
	Out      string          `json:"out"`
	Quick    bool            `json:"quick"`
	Resume   bool            `json:"resume"`
	Rerun    bool            `json:"rerun_stale"`
	Parallel int             `json:"parallel"`
	Agent    agentflag.Flags `json:"agent"`
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("loadsweep", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	reg := policy.Default()
	fs.Float64SliceVar(&c.Loads, "loads", []float64{0.75, 1, 1.25}, "loads ρ to run (comma list)")
	fs.StringSliceVar(&c.Methods, "methods", policy.PaperMethods(), "methods to compare (comma list; see Methods below); default: the paper's seven")
	fs.IntVar(&c.Seeds, "seeds", 1, "seeds per (load, method); with ≥ 2 the table and figure show mean and 95 % CI")
	fs.Uint64Var(&c.Seed, "seed", 1, "first seed; runs use seed, seed+1, …")
	fs.IntVar(&c.Requests, "requests", 0, "total requests at ρ = 1, scaled ∝ ρ; 0: the scenario's (20000 for the paper)")
	fs.StringVar(&c.Trace, "trace", "", "Azure LLM trace (CSV or parquet) replacing the embedded workload model")
	fs.StringVar(&c.Scenario, "scenario", "", "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&c.Profile, "profile", "", "calibration profile (docs/profile.md) overriding the scenario's cost model")
	fs.StringVar(&c.Out, "out", "out/loadsweep", "output directory")
	fs.BoolVar(&c.Quick, "quick", false, "a small smoke run: 2,000 requests at ρ = 1, one seed")
	fs.BoolVar(&c.Resume, "resume", false, "skip runs already stored in OUT/runs with the same inputs (after an interruption); a stored run whose inputs changed is an error")
	fs.BoolVar(&c.Rerun, "rerun-stale", false, "like --resume, but run again the stored runs whose inputs changed (scenario, requests, trace, profile, agent, code revision, …)")
	fs.IntVar(&c.Parallel, "parallel", 0, "runs at once; 0: one per CPU")
	agentflag.Register(fs, &c.Agent)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/loadsweep [flags]\n\nRuns the paper's load sweep (Fig. 2, Table III).\n\nFlags:\n%s\nMethods:\n%s", fs.FlagUsages(), reg.Help())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check(reg, fs)
}

func (c *config) check(reg policy.Registry, fs *pflag.FlagSet) error {
	if c.Quick {
		if !fs.Changed("requests") {
			c.Requests = 2000
		}
		if !fs.Changed("loads") {
			c.Loads = []float64{1}
		}
	}
	if c.Seeds < 1 || c.Requests < 0 || c.Parallel < 0 || len(c.Loads) == 0 || len(c.Methods) == 0 {
		return cli.Usagef("--seeds must be ≥ 1, --requests and --parallel ≥ 0, --loads and --methods non-empty")
	}
	for _, l := range c.Loads {
		if !(l > 0) {
			return cli.Usagef("--loads: %v is not > 0", l)
		}
	}
	for _, m := range c.Methods {
		if _, ok := reg[m]; !ok {
			return cli.Usagef("--methods: unknown method %q (known: %s)", m, strings.Join(reg.Names(), ", "))
		}
	}
	return nil
}

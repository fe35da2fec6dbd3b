package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
	"github.com/airansim/airansim/policy"
)

// config holds the command line; it is written to config.json.
type config struct {
	sweepflag.Flags
	Loads    []float64       `json:"loads"`
	Methods  []string        `json:"methods"`
	Requests int             `json:"requests_at_load_1"`
	Trace    string          `json:"trace"`
	Agent    agentflag.Flags `json:"agent"`
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("loadsweep", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	reg := policy.Default()
	fs.Float64SliceVar(&c.Loads, "loads", []float64{0.75, 1, 1.25}, "loads ρ to run (comma list)")
	fs.StringSliceVar(&c.Methods, "methods", policy.PaperMethods(), "methods to compare (comma list; see Methods below); default: the paper's seven")
	fs.IntVar(&c.Requests, "requests", 0, "total requests at ρ = 1, scaled ∝ ρ; 0: the scenario's (20000 for the paper)")
	fs.StringVar(&c.Trace, "trace", "", "Azure LLM trace (CSV or parquet) replacing the embedded workload model")
	sweepflag.Register(fs, &c.Flags, sweepflag.Texts{Out: "out/loadsweep",
		SeedHelp: "seeds per (load, method); with ≥ 2 the table and figure show mean and 95 % CI",
		Quick:    "a small smoke run: 2,000 requests at ρ = 1, one seed"})
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
	if err := c.Flags.Check(); err != nil {
		return err
	}
	if c.Requests < 0 || len(c.Loads) == 0 || len(c.Methods) == 0 {
		return cli.Usagef("--requests must be ≥ 0, --loads and --methods non-empty")
	}
	for _, l := range c.Loads {
		if !(l > 0) {
			return cli.Usagef("--loads: %v is not > 0", l)
		}
	}
	if err := sweepflag.CheckMethods(reg, c.Methods); err != nil {
		return err
	}
	return nil
}

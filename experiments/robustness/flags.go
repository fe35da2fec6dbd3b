package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario/family"
)

// config holds the command line; it is written to config.json.
type config struct {
	sweepflag.Flags
	Methods  []string        `json:"methods"`
	Variants []string        `json:"variants"`
	Load     float64         `json:"load"`
	Requests int             `json:"requests"`
	Agent    agentflag.Flags `json:"agent"`
}

// defaultMethods are the paper's seven and the baselines' variants whose open choice is made in
// their favour.
func defaultMethods() []string {
	return append(policy.PaperMethods(), policy.MethodLyapunovHorizon, policy.MethodGameTheoryAmortised,
		policy.MethodGameTheoryBacklog, policy.MethodCAORACompletions)
}

const usage = `Usage: go run ./experiments/robustness [flags]

Runs the scenario-robustness study of issue 11: every method on every variant of the base scenario
(docs/robustness.md), --seeds seeds each, at one load. Writes to --out: summary.csv (one row per run,
the variant first, then the columns of docs/metrics.md §6), robustness.md (per variant: each
method's fulfillment with 95 %% CIs, completions, HAF's AI gap to the best other method and whether
HAF's advantage holds, vanishes or reverses), robustness.png/.svg (AI fulfillment per variant and
method), config.json and runs/*.json (one per finished run, for --resume).

Flags:
%s
Variants:
%s
Methods:
%s`

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("robustness", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	reg := policy.Default()
	fs.StringSliceVar(&c.Methods, "methods", defaultMethods(), "methods to compare (comma list; see Methods below); default: the paper's seven, lyapunov-horizon, game-theory-amortised, game-theory-backlog and caora-completions")
	fs.StringSliceVar(&c.Variants, "variants", family.VariantNames(), "scenario variants (comma list; see Variants below); default: all")
	fs.Float64Var(&c.Load, "load", 1, "load ρ of every run (each variant's own ρ, docs/model.md §12)")
	fs.IntVar(&c.Requests, "requests", 0, "total requests (AI + RAN) per run; 0: the scenario's at --load (20000 at ρ = 1 for the paper)")
	sweepflag.Register(fs, &c.Flags, sweepflag.Texts{Out: "out/robustness", Seeds: 3,
		SeedHelp: "seeds per (variant, method); the CIs need ≥ 2; random-placement draws its placement from the run's seed",
		Scenario: "base scenario file the variants derive from (docs/scenario.md); empty: the paper's Table I scenario, embedded",
		Quick:    "a small smoke run: 2,000 requests, one seed (no CIs)", Inputs: "scenario, variant, requests, profile, agent"})
	agentflag.Register(fs, &c.Agent)
	fs.Usage = func() { fmt.Fprintf(stderr, usage, fs.FlagUsages(), variantHelp(), reg.Help()) }
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check(reg, fs)
}

// variantHelp returns one line per variant, "name  doc".
func variantHelp() string {
	var b strings.Builder
	for _, v := range family.Variants() {
		fmt.Fprintf(&b, "  %-20s %s\n", v.Name, v.Doc)
	}
	return b.String()
}

func (c *config) check(reg policy.Registry, fs *pflag.FlagSet) error {
	if c.Quick {
		if !fs.Changed("requests") {
			c.Requests = 2000
		}
		if !fs.Changed("seeds") {
			c.Seeds = 1
		}
	}
	if err := c.Flags.Check(); err != nil {
		return err
	}
	if c.Requests < 0 || len(c.Variants) == 0 || !(c.Load > 0) {
		return cli.Usagef("--load must be > 0, --requests ≥ 0, --variants non-empty")
	}
	if err := sweepflag.CheckMethods(reg, c.Methods); err != nil {
		return err
	}
	if _, err := family.Lookup(c.Variants...); err != nil {
		return cli.Usagef("--variants: %v", err)
	}
	seen := map[string]bool{}
	for _, v := range c.Variants {
		if seen[v] {
			return cli.Usagef("--variants: %q given twice", v)
		}
		seen[v] = true
	}
	return nil
}

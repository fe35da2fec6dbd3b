package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/agentflag"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario/family"
)

// config holds the command line; it is written to config.json.
type config struct {
	Methods  []string        `json:"methods"`
	Variants []string        `json:"variants"`
	Seeds    int             `json:"seeds"`
	Seed     uint64          `json:"seed"`
	Load     float64         `json:"load"`
	Requests int             `json:"requests"`
	Scenario string          `json:"scenario"`
	Profile  string          `json:"profile"`
	Out      string          `json:"out"`
	Quick    bool            `json:"quick"`
	Resume   bool            `json:"resume"`
	Rerun    bool            `json:"rerun_stale"`
	Parallel int             `json:"parallel"`
	Agent    agentflag.Flags `json:"agent"`
}

// defaultMethods are the paper's seven and the baselines' variants whose open choice is made in
// their favour.
func defaultMethods() []string {
	return append(policy.PaperMethods(), policy.MethodLyapunovHorizon, policy.MethodGameTheoryAmortised,
		policy.MethodGameTheoryBacklog)
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
	fs.StringSliceVar(&c.Methods, "methods", defaultMethods(), "methods to compare (comma list; see Methods below); default: the paper's seven, lyapunov-horizon, game-theory-amortised and game-theory-backlog")
	fs.StringSliceVar(&c.Variants, "variants", family.VariantNames(), "scenario variants (comma list; see Variants below); default: all")
	fs.IntVar(&c.Seeds, "seeds", 3, "seeds per (variant, method); the CIs need ≥ 2")
	fs.Uint64Var(&c.Seed, "seed", 1, "first seed; runs use seed, seed+1, …; random-placement draws its placement from the run's seed")
	fs.Float64Var(&c.Load, "load", 1, "load ρ of every run (each variant's own ρ, docs/model.md §12)")
	fs.IntVar(&c.Requests, "requests", 0, "total requests (AI + RAN) per run; 0: the scenario's at --load (20000 at ρ = 1 for the paper)")
	fs.StringVar(&c.Scenario, "scenario", "", "base scenario file the variants derive from (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&c.Profile, "profile", "", "calibration profile (docs/profile.md) overriding the scenario's cost model")
	fs.StringVar(&c.Out, "out", "out/robustness", "output directory")
	fs.BoolVar(&c.Quick, "quick", false, "a small smoke run: 2,000 requests, one seed (no CIs)")
	fs.BoolVar(&c.Resume, "resume", false, "skip runs already stored in OUT/runs with the same inputs (after an interruption); a stored run whose inputs changed is an error")
	fs.BoolVar(&c.Rerun, "rerun-stale", false, "like --resume, but run again the stored runs whose inputs changed (scenario, variant, requests, profile, agent, code revision, …)")
	fs.IntVar(&c.Parallel, "parallel", 0, "runs at once; 0: one per CPU")
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
	if c.Seeds < 1 || c.Requests < 0 || c.Parallel < 0 || len(c.Methods) == 0 || len(c.Variants) == 0 || !(c.Load > 0) {
		return cli.Usagef("--seeds must be ≥ 1, --load > 0, --requests and --parallel ≥ 0, --methods and --variants non-empty")
	}
	for _, m := range c.Methods {
		if _, ok := reg[m]; !ok {
			return cli.Usagef("--methods: unknown method %q (known: %s)", m, strings.Join(reg.Names(), ", "))
		}
	}
	if _, err := family.Lookup(c.Variants...); err != nil {
		return cli.Usagef("--variants: %v", err)
	}
	for flag, list := range map[string][]string{"--methods": c.Methods, "--variants": c.Variants} {
		seen := map[string]bool{}
		for _, x := range list {
			if seen[x] {
				return cli.Usagef("%s: %q given twice", flag, x)
			}
			seen[x] = true
		}
	}
	return nil
}

package sweepflag

import (
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/study"
)

// Flags are the shared flags of one sweep command; a command embeds them in its configuration, so
// they are written to config.json under the same keys in every command.
type Flags struct {
	Seeds    int    `json:"seeds"`       // seeds per cell of the sweep, ≥ 1
	Seed     uint64 `json:"seed"`        // first seed; runs use Seed, Seed+1, …
	Scenario string `json:"scenario"`    // scenario file; "": the embedded paper scenario
	Profile  string `json:"profile"`     // calibration profile overriding the scenario's cost model
	Out      string `json:"out"`         // output directory; runs are stored in Out/runs
	Quick    bool   `json:"quick"`       // a small smoke run (each command says what it shrinks)
	Resume   bool   `json:"resume"`      // reuse stored runs with the same inputs
	Rerun    bool   `json:"rerun_stale"` // like Resume, and run again stored runs whose inputs changed
	Parallel int    `json:"parallel"`    // runs at once, ≥ 0; 0: one per CPU
	Shards          // --plan, --shard, --index, --shards, --merge, --allow-partial
}

// Texts are a command's defaults and help texts for the shared flags; empty texts select generic
// ones. Out is required.
type Texts struct {
	Out      string // default --out
	Seeds    int    // default --seeds; 0: 1
	SeedHelp string // help of --seeds
	Quick    string // help of --quick: what the smoke run shrinks
	Scenario string // help of --scenario
	Inputs   string // what --rerun-stale lists as inputs, e.g. "scenario, requests, trace, profile, agent"
	// NoScenario leaves out --scenario and --profile, for a command whose scenario is built in.
	NoScenario bool
}

// Register declares the shared flags on fs with the texts of t.
func Register(fs *pflag.FlagSet, f *Flags, t Texts) {
	fs.IntVar(&f.Seeds, "seeds", max(t.Seeds, 1), or(t.SeedHelp, "seeds per cell of the sweep; with ≥ 2 the tables show mean and 95 % CI"))
	fs.Uint64Var(&f.Seed, "seed", 1, "first seed; runs use seed, seed+1, …")
	if !t.NoScenario {
		fs.StringVar(&f.Scenario, "scenario", "", or(t.Scenario, "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded"))
		fs.StringVar(&f.Profile, "profile", "", "calibration profile (docs/profile.md) overriding the scenario's cost model")
	}
	fs.StringVar(&f.Out, "out", t.Out, "output directory")
	fs.BoolVar(&f.Quick, "quick", false, or(t.Quick, "a small smoke run"))
	fs.BoolVar(&f.Resume, "resume", false, "skip runs already stored in OUT/runs with the same inputs (after an interruption); a stored run whose inputs changed is an error")
	fs.BoolVar(&f.Rerun, "rerun-stale", false, "like --resume, but run again the stored runs whose inputs changed ("+
		or(t.Inputs, "scenario, requests, trace, profile, agent")+", code revision, …)")
	fs.IntVar(&f.Parallel, "parallel", 0, "runs at once; 0: one per CPU")
	RegisterShards(fs, &f.Shards)
}

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// Check returns a usage error if --seeds is below 1, --parallel negative or the sharding flags
// invalid (Shards.Check).
func (f *Flags) Check() error {
	if f.Seeds < 1 || f.Parallel < 0 {
		return cli.Usagef("--seeds must be ≥ 1 and --parallel ≥ 0")
	}
	return f.Shards.Check()
}

// RunsDir returns the folder of the stored runs, Out/runs.
func (f *Flags) RunsDir() string { return filepath.Join(f.Out, "runs") }

// Sweep returns the study sweep options of the flags, with progress to w under label; its
// Sharding writes the plan, runs one shard or merges as the sharding flags ask.
func (f *Flags) Sweep(label string, w io.Writer) study.SweepOptions {
	return study.SweepOptions{Dir: f.RunsDir(), Parallel: f.Parallel, Resume: f.Resume || f.Rerun,
		RerunStale: f.Rerun, Progress: w, Label: label, Sharding: f.Shards.Sharding(f.Out)}
}

// CheckMethods returns a usage error naming the first method of ms that reg does not know, or that
// ms lists twice, and one if ms is empty.
func CheckMethods(reg policy.Registry, ms []string) error {
	if len(ms) == 0 {
		return cli.Usagef("--methods: none given")
	}
	seen := map[string]bool{}
	for _, m := range ms {
		if _, ok := reg[m]; !ok {
			return cli.Usagef("--methods: unknown method %q (known: %s)", m, strings.Join(reg.Names(), ", "))
		}
		if seen[m] {
			return cli.Usagef("--methods: %q given twice", m)
		}
		seen[m] = true
	}
	return nil
}

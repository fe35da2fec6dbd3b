package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
)

// The references, in table order.
const (
	refGreedy    = "lookahead"   // the registered lookahead method: greedy one-interval lookahead
	refBeam      = "beam"        // policy/search.Beam
	refStatic    = "best-static" // policy/search.Static
	refHAF       = "haf"         // the registered haf method
	refHAFStatic = "haf-static"  // the registered haf-static method
)

var allRefs = []string{refGreedy, refBeam, refStatic, refHAF, refHAFStatic}

// defaultRequests is --requests' default: the default command (3 seeds) takes about 3 minutes on two
// shared cores (docs/bound.md gives the measured times).
const defaultRequests = 5000

// config holds the command line; it is written to config.json.
type config struct {
	Loads       []float64 `json:"loads"`
	Seeds       int       `json:"seeds"`
	Seed        uint64    `json:"seed"`
	Requests    int       `json:"requests"`
	Width       int       `json:"width"`
	ScoreWindow float64   `json:"score_window_s"`
	Restarts    int       `json:"restarts"`
	Refs        []string  `json:"references"`
	Scenario    string    `json:"scenario"`
	Out         string    `json:"out"`

	sweepflag.Shards // --plan, --shard, --index, --shards, --merge, --allow-partial
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("bound", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Float64SliceVar(&c.Loads, "loads", []float64{1}, "loads ρ = λ·W̄/G_AI to run (comma list)")
	fs.IntVar(&c.Seeds, "seeds", 3, "seeds per load; the table shows the mean ± 95 % CI half-width over them (with ≥ 2)")
	fs.Uint64Var(&c.Seed, "seed", 1, "first seed; runs use seed, seed+1, …")
	fs.IntVar(&c.Requests, "requests", defaultRequests, "total requests per run (AI + RAN); 0: the scenario's count at each load (20000 at ρ = 1, slow: see docs/bound.md)")
	fs.IntVar(&c.Width, "width", 4, "beam width W: states kept per epoch besides the pinned greedy one")
	fs.Float64Var(&c.ScoreWindow, "score-window", 0, "beam score window L, s: a child is scored by the met requests among those arriving up to L past the next epoch, placement held from it; 0: to the end of the run (the exact final count under hold; slower, cost grows with the run length squared)")
	fs.IntVar(&c.Restarts, "restarts", 2, "best-static: seeded random feasible starting placements after the scenario's own; 0: none")
	fs.StringSliceVar(&c.Refs, "references", allRefs, "references to run (comma list of: "+strings.Join(allRefs, ", ")+")")
	fs.StringVar(&c.Scenario, "scenario", "", "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&c.Out, "out", "out/bound", "output directory for bound.csv, bound.md and config.json")
	sweepflag.RegisterShards(fs, &c.Shards)
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: go run ./experiments/bound [flags]

Runs reference placements beside HAF (docs/bound.md), for each load and seed:
  lookahead    the registered lookahead method: greedy one-interval lookahead over exact rollouts
  beam         beam search over exact forks (width --width, whole run), dominating the lookahead
  best-static  the best static initial placement by local search (--restarts), haf-static allocation
  haf          the registered haf method (heuristic agent, embedded critic)
  haf-static   the registered haf-static method (the scenario's placement, no migrations)
Writes bound.csv (one row per load, seed and reference), bound.md (mean ± 95 %% CI over seeds) and
config.json to --out; progress goes to standard error.

Flags:
%s`, fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check()
}

func (c *config) check() error {
	switch {
	case c.Seeds < 1:
		return cli.Usagef("--seeds must be ≥ 1, not %d", c.Seeds)
	case c.Requests < 0 || c.Restarts < 0:
		return cli.Usagef("--requests and --restarts must be ≥ 0")
	case c.Width < 1:
		return cli.Usagef("--width must be ≥ 1, not %d", c.Width)
	case !(c.ScoreWindow >= 0) || c.ScoreWindow > 1e9:
		return cli.Usagef("--score-window must be finite and ≥ 0, not %v", c.ScoreWindow)
	case len(c.Loads) == 0 || len(c.Refs) == 0:
		return cli.Usagef("--loads and --references must not be empty")
	}
	for _, l := range c.Loads {
		if !(l > 0) || l > 1e9 {
			return cli.Usagef("--loads: %v is not a finite load > 0", l)
		}
	}
	seen := map[string]bool{}
	for i, r := range c.Refs {
		r = strings.TrimSpace(r)
		c.Refs[i] = r
		if !contains(allRefs, r) {
			return cli.Usagef("--references: unknown reference %q (known: %s)", r, strings.Join(allRefs, ", "))
		}
		if seen[r] {
			return cli.Usagef("--references: %q is given twice", r)
		}
		seen[r] = true
	}
	return c.Shards.Check()
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
	"github.com/airansim/airansim/orchestran"
)

// The exact solvers of --solver.
const (
	solverAuto = "auto" // SolveBB up to --bb-nodes search nodes, then cbc when it has not proved the optimum
	solverBB   = "bb"   // SolveBB only (its node limit and --time-limit; may end unproven)
	solverCBC  = "cbc"  // cbc only
)

var (
	allMixes   = []string{"DT", "LL", "ULL"}
	allCases   = []string{"ALL", "ER", "RO"}
	allSolvers = []string{solverAuto, solverBB, solverCBC}
)

// config holds the command line; it is written to config.json.
type config struct {
	sweepflag.Flags
	Mixes     []string `json:"mixes"`
	Cases     []string `json:"cases"`
	Requests  int      `json:"requests"`
	Sources   int      `json:"max_sources"`
	Sizes     []int    `json:"sizes"`
	SizeSeeds int      `json:"size_seeds"`
	ExactUpTo int      `json:"exact_up_to"`
	Solver    string   `json:"solver"`
	BBNodes   int      `json:"bb_nodes"`
	TimeLimit float64  `json:"time_limit_s"`
	Catalog   string   `json:"catalog"`
	SimSeeds  int      `json:"sim_seeds"`
	SimEpochs int      `json:"sim_epochs"`
	SimPeriod float64  `json:"sim_period_s"`
	Poisson   bool     `json:"poisson"`
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("orchestran", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	sweepflag.Register(fs, &c.Flags, sweepflag.Texts{Out: "out/orchestran", Seeds: 100,
		SeedHelp:   "runs per point (random tree and intents per run; the paper: 100); tables and figures show mean ± 95 % CI",
		Quick:      "smoke run for CI (seconds): 2 seeds per point, SolveBB alone with 20,000 search nodes (unproven answers are marked feasible), size 135 once, 1 engine run per mix of 2 × 10 s",
		NoScenario: true, Inputs: "mix, case, requests, size, solver, limits, catalogue, seed"})
	fs.StringSliceVar(&c.Mixes, "mixes", allMixes, "Table II timescale mixes (comma list of: DT, LL, ULL)")
	fs.StringSliceVar(&c.Cases, "cases", allCases, "Table I controllable-node cases (comma list of: ALL, ER, RO); \"\": no Figs. 6–9 runs (e.g. engine runs only)")
	fs.IntVar(&c.Requests, "requests", 20, "intents per run (the paper's R = 20)")
	fs.IntVar(&c.Sources, "max-sources", 3, "data sources per tuple drawn uniformly in 1..N from the target's subtree (the paper gives none; docs/orchestran.md shows what 1 changes)")
	fs.IntSliceVar(&c.Sizes, "sizes", []int{50, 135, 200, 500, 1000, 2000}, "network sizes of Fig. 5 (nodes, ≥ 5, tiers in the 1:4:10:30:90 proportions); 0: no size sweep")
	fs.IntVar(&c.SizeSeeds, "size-seeds", 0, "runs per size in the Fig. 5 sweep (DT, ALL, sharing on); 0: --seeds")
	fs.IntVar(&c.ExactUpTo, "exact-up-to", 500, "largest size at which the Fig. 5 sweep runs the exact solvers (cbc and SolveBB; the paper reports them up to 500 nodes); greedy and branching run at every size")
	fs.StringVar(&c.Solver, "solver", solverAuto, "exact solver of Figs. 6–9: auto (SolveBB up to --bb-nodes, then cbc when it has not proved the optimum), bb (SolveBB only), cbc (cbc only)")
	fs.IntVar(&c.BBNodes, "bb-nodes", 100_000, "SolveBB's search-node limit (with --solver auto, before handing over to cbc)")
	fs.Float64Var(&c.TimeLimit, "time-limit", 60, "time limit per exact solve, s (cbc's -sec, SolveBB's TimeLimit); a solve stopped by it is reported with status feasible and its gap")
	fs.IntVar(&c.SimSeeds, "sim-seeds", 10, "engine runs per --mixes entry (issue 14 item 6: OrchestRAN's placements on the simulator, case ALL); 0: none")
	fs.IntVar(&c.SimEpochs, "sim-epochs", 3, "re-solves per engine run (a new batch of --requests intents each)")
	fs.Float64Var(&c.SimPeriod, "sim-period", 240, "time between re-solves in the engine runs, s (the prototype: 4 minutes)")
	fs.BoolVar(&c.Poisson, "poisson", false, "also run every engine run with Poisson control loops (exponential gaps of mean δ, same schedules): sim.csv's arrivals column, a table row per mix and arrivals")
	fs.StringVar(&c.Catalog, "catalog", "", "ML/AI catalogue file (JSON, docs/orchestran.md); empty: the paper's 13 models")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: go run ./experiments/orchestran [flags]

The numerical evaluation of OrchestRAN (INFOCOM 2022, §VII; docs/orchestran.md): the paper's default
network (1 non-RT RIC, 4 near-RT RICs, 10 CUs, 30 DUs, 90 RUs; random tree per run), its 13-model
catalogue and --requests intents per run, for each Table II mix and Table I case:
  Fig. 6   acceptance with model sharing (exact) and partial acceptance with graph-tree branching
  Fig. 7   cores deployed with and without sharing
  Fig. 8   acceptance without sharing (constraint 14)
  Fig. 9   where the deployed models run, per tier (the table shows the ER case, the CSV all)
and, for DT/ALL with sharing, the Fig. 5 sweep over --sizes: variables before and after pruning, solve
time of cbc, SolveBB, greedy and branching. Run with --parallel 1 for timings not shared between runs.
and, per mix, --sim-seeds engine runs (policy/orchestranctl): --sim-epochs batches re-solved every
--sim-period s and applied through the engine's actions, each control loop a periodic request with
its deadline (traces/xapp flows; --poisson adds the same runs with Poisson loops): the deadlines
missed under queueing, and an E2-traffic proxy against running every model at the near-RT RICs.
Writes runs.csv, sizes.csv and sim.csv (one row per run), summary.csv (mean and 95 %% CI per point), table.md
(the paper's figures beside ours), fig5–fig9 .png/.svg, config.json and runs/ (for --resume) to --out;
progress goes to standard error. cbc (Debian coinor-cbc) is needed by --solver auto and cbc.

Flags:
%s`, fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if c.Quick {
		c.Seeds, c.SizeSeeds, c.SimSeeds, c.SimEpochs, c.SimPeriod = 2, 1, 1, 2, 10
		if !fs.Changed("sizes") {
			c.Sizes = []int{135}
		}
		if !fs.Changed("solver") {
			c.Solver = solverBB
		}
		if !fs.Changed("bb-nodes") {
			c.BBNodes = 20_000
		}
	}
	var sizes []int
	for _, n := range c.Sizes {
		if n != 0 {
			sizes = append(sizes, n)
		}
	}
	c.Sizes = sizes
	if c.SizeSeeds == 0 {
		c.SizeSeeds = c.Seeds
	}
	return c, c.check()
}

func (c *config) check() error {
	if err := c.Flags.Check(); err != nil {
		return err
	}
	switch {
	case c.SimSeeds < 0 || c.SimEpochs < 1 || !(c.SimPeriod > 0 && c.SimPeriod < 1e7):
		return cli.Usagef("--sim-seeds must be ≥ 0, --sim-epochs ≥ 1 and --sim-period finite and > 0")
	case c.Requests < 1 || c.Sources < 1 || c.SizeSeeds < 1 || c.BBNodes < 1 || c.ExactUpTo < 0:
		return cli.Usagef("--requests, --max-sources, --size-seeds and --bb-nodes must be ≥ 1, --exact-up-to ≥ 0")
	case !(c.TimeLimit > 0 && c.TimeLimit < 1e6):
		return cli.Usagef("--time-limit must be a finite number of seconds > 0, not %v", c.TimeLimit)
	case !contains(allSolvers, c.Solver):
		return cli.Usagef("--solver: unknown solver %q (known: %s)", c.Solver, strings.Join(allSolvers, ", "))
	case len(c.Mixes) == 0 && len(c.Cases) == 0 && len(c.Sizes) == 0:
		return cli.Usagef("nothing to run: --mixes, --cases and --sizes are all empty")
	}
	if err := checkList("--mixes", &c.Mixes, allMixes); err != nil {
		return err
	}
	if err := checkList("--cases", &c.Cases, allCases); err != nil {
		return err
	}
	for _, n := range c.Sizes {
		if n < 5 {
			return cli.Usagef("--sizes: %d nodes is below 5 (one node per tier)", n)
		}
	}
	return nil
}

func checkList(flag string, got *[]string, known []string) error {
	seen := map[string]bool{}
	var keep []string
	for _, g := range *got {
		g = strings.ToUpper(strings.TrimSpace(g))
		if g == "" {
			continue
		}
		keep = append(keep, g)
		if !contains(known, g) || seen[g] {
			return cli.Usagef("%s: %q unknown or given twice (known: %s)", flag, g, strings.Join(known, ", "))
		}
		seen[g] = true
	}
	*got = keep
	return nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func mixOf(s string) orchestran.Mix {
	return orchestran.Mix(index(allMixes, s))
}

func caseOf(s string) orchestran.Case {
	return orchestran.Case(index(allCases, s))
}

func index(xs []string, x string) int {
	for i, y := range xs {
		if y == x {
			return i
		}
	}
	return -1
}

func (c *config) timeLimit() time.Duration { return time.Duration(c.TimeLimit * float64(time.Second)) }

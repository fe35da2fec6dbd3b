package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy/caora"
)

// config holds the command line; it is written to config.json.
type config struct {
	Scenario  string    `json:"scenario"`
	Reward    string    `json:"reward"`
	Out       string    `json:"out"`
	Episodes  int       `json:"episodes"`
	Seed      uint64    `json:"seed"`
	Loads     []float64 `json:"loads"`
	Requests  int       `json:"requests_at_load_1"`
	EvalSeed  uint64    `json:"eval_seed"`
	EvalEvery int       `json:"eval_every"`
	Warmup    int       `json:"warmup"`
	Steps     int       `json:"steps"`
	Batch     int       `json:"batch"`
	Hidden    []int     `json:"hidden"`
	Gamma     float64   `json:"gamma"`
	LR        float64   `json:"lr"`
	Check     bool      `json:"check"`
	Quick     bool      `json:"quick"`

	reward caora.Reward // Reward parsed
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("traincaora", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Scenario, "scenario", "", "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&c.Reward, "reward", caora.RewardFulfilment.String(), "slot reward: fulfilment (CAORA's, reproduces policy/caora/actor.json) or completions (also credits completed requests, reproduces policy/caora/actor_completions.json; docs: package policy/caora)")
	fs.StringVar(&c.Out, "out", "out/traincaora", "output directory (actor.json, learning_curve.csv, learning_curve.png/.svg, report.md, report.json, config.json)")
	fs.IntVar(&c.Episodes, "episodes", 0, "training episodes; episode k runs at load loads[k mod len(loads)] with workload seed seed+k; 0: 30 with --reward fulfilment, 60 with completions (whose α is still falling after 30)")
	fs.Uint64Var(&c.Seed, "seed", 1001, "seed of the SAC networks, minibatches and action noise, and first workload seed (kept apart from the evaluation seed)")
	fs.Float64SliceVar(&c.Loads, "loads", []float64{0.75, 1, 1.25}, "loads ρ the training episodes cycle through (comma list); the final evaluation runs at each")
	fs.IntVar(&c.Requests, "requests", 0, "requests per training episode at ρ = 1, scaled ∝ ρ (the evaluations use the same); 0: the scenario's")
	fs.Uint64Var(&c.EvalSeed, "eval-seed", 1, "workload seed of the evaluation runs (the load sweep's first seed)")
	fs.IntVar(&c.EvalEvery, "eval-every", 1, "evaluate the deterministic actor after every EVAL-EVERY episodes (and after the last)")
	fs.IntVar(&c.Warmup, "warmup", 300, "transitions taken with uniform random α before the actor acts and gradient steps start")
	fs.IntVar(&c.Steps, "steps", 4, "SAC gradient steps after each placement epoch once learning has started")
	fs.IntVar(&c.Batch, "batch", 128, "transitions per gradient step")
	fs.IntSliceVar(&c.Hidden, "hidden", []int{64, 64}, "hidden layer widths of the actor and of each critic")
	fs.Float64Var(&c.Gamma, "gamma", 0.9, "discount per 5 s epoch")
	fs.Float64Var(&c.LR, "lr", 3e-4, "Adam learning rate of the actor, the critics and the temperature")
	fs.BoolVar(&c.Check, "check", false, "fail unless the trained actor equals the embedded actor of --reward (policy/caora/actor.json or actor_completions.json) byte for byte (same architecture as the one that produced it)")
	fs.BoolVar(&c.Quick, "quick", false, "a smoke run for CI: 3 episodes of 2,000 requests at ρ = 1, warm-up 20, evaluation at ρ = 1 only with 2,000 requests")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/traincaora [flags]\n\n"+
			"Trains the CAORA baseline's SAC actor on the simulator: per node where RAN and AI instances both\n"+
			"reside, one transition per 5 s epoch (node state, RAN share α, reward per --reward, next state),\n"+
			"one actor shared by all nodes, HAF's allocator inside each class, static placement. After every\n"+
			"episode the deterministic actor is evaluated on a held-out workload seed. With the defaults it\n"+
			"reproduces the embedded policy/caora/actor.json byte for byte, and with --reward completions\n"+
			"policy/caora/actor_completions.json (on the same CPU architecture).\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check(fs)
}

// defaultEpisodes is the number of training episodes per reward when --episodes is 0.
var defaultEpisodes = map[caora.Reward]int{caora.RewardFulfilment: 30, caora.RewardCompletions: 60}

func (c *config) check(fs *pflag.FlagSet) error {
	if c.Quick {
		c.Episodes, c.Loads, c.Requests, c.Warmup = 3, []float64{1}, 2000, 20
	}
	r, err := caora.ParseReward(c.Reward)
	if err != nil {
		return cli.Usagef("--reward %q: want fulfilment or completions", c.Reward)
	}
	c.reward = r
	if c.Episodes == 0 {
		c.Episodes = defaultEpisodes[r]
	}
	switch {
	case c.Episodes < 1 || c.EvalEvery < 1 || c.Steps < 1 || c.Batch < 1:
		return cli.Usagef("--episodes must be ≥ 0 (0: the reward's default); --eval-every, --steps and --batch ≥ 1")
	case len(c.Loads) == 0 || c.Requests < 0 || c.Warmup < 0:
		return cli.Usagef("--loads must be non-empty; --requests and --warmup ≥ 0")
	case !(c.Gamma > 0 && c.Gamma < 1) || !(c.LR > 0):
		return cli.Usagef("--gamma must be in (0, 1) and --lr > 0")
	}
	for _, l := range c.Loads {
		if !(l > 0) {
			return cli.Usagef("--loads: %v must be > 0", l)
		}
	}
	for _, h := range c.Hidden {
		if h < 1 {
			return cli.Usagef("--hidden: width %d must be ≥ 1", h)
		}
	}
	return nil
}

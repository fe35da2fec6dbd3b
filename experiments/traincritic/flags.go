package main

import (
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
)

// config holds the command line; it is written to config.json.
type config struct {
	Scenario  string    `json:"scenario"`
	Loads     []float64 `json:"loads"`
	Seeds     int       `json:"seeds"`
	Seed      uint64    `json:"seed"`
	Requests  int       `json:"requests_at_load_1"`
	Explore   float64   `json:"explore"`
	Split     float64   `json:"split"`
	Hidden    []int     `json:"hidden"`
	Epochs    int       `json:"epochs"`
	Batch     int       `json:"batch"`
	LR        float64   `json:"lr"`
	TrainSeed uint64    `json:"train_seed"`
	Out       string    `json:"out"`
	Parallel  int       `json:"parallel"`
	Resume    bool      `json:"resume"`
	Rerun     bool      `json:"rerun_stale"`
	Check     bool      `json:"check"`
	Quick     bool      `json:"quick"`
	Scores    bool      `json:"scores,omitempty"`

	sweepflag.Shards // --plan, --shard, --index, --shards, --merge, --allow-partial: the collection on many machines
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("traincritic", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.Scenario, "scenario", "", "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.Float64SliceVar(&c.Loads, "loads", []float64{0.75, 1, 1.25}, "loads ρ at which to collect samples (comma list)")
	fs.IntVar(&c.Seeds, "seeds", 2, "workload seeds per load")
	fs.Uint64Var(&c.Seed, "seed", 101, "first workload seed (kept apart from the sweep's seeds 1, 2, …)")
	fs.IntVar(&c.Requests, "requests", 0, "total requests at ρ = 1, scaled ∝ ρ; 0: the scenario's")
	fs.Float64Var(&c.Explore, "explore", 0.25, "probability that the collector commits a random candidate instead of the best one")
	fs.Float64Var(&c.Split, "split", 0.7, "share of each run's epochs, in time order, used for training; the rest validates")
	fs.IntSliceVar(&c.Hidden, "hidden", []int{64, 64}, "hidden layer widths of the MLP")
	fs.IntVar(&c.Epochs, "epochs", 60, "training passes over the data")
	fs.IntVar(&c.Batch, "batch", 128, "samples per Adam step")
	fs.Float64Var(&c.LR, "lr", 1e-3, "Adam learning rate")
	fs.Uint64Var(&c.TrainSeed, "train-seed", 1, "seed of the weight initialisation and shuffling")
	fs.StringVar(&c.Out, "out", "out/traincritic", "output directory")
	fs.IntVar(&c.Parallel, "parallel", 0, "collection runs at once; 0: one per CPU")
	fs.BoolVar(&c.Resume, "resume", false, "reuse collection runs already stored in OUT/runs with the same inputs; one whose inputs changed is an error")
	fs.BoolVar(&c.Rerun, "rerun-stale", false, "like --resume, but run again the stored collection runs whose inputs changed")
	fs.BoolVar(&c.Check, "check", false, "fail unless the trained weights equal the embedded default (critic/weights.json; with --scores critic/weights_scores.json)")
	fs.BoolVar(&c.Scores, "scores", false, "train haf+scores' critic: the features also hold the source and destination nodes' scores of a scoring hub on the collection run's telemetry (critic.FeaturesScores)")
	sweepflag.RegisterShards(fs, &c.Shards)
	fs.BoolVar(&c.Quick, "quick", false, "a small smoke run: 1,500 requests at ρ = 1, one seed, 5 epochs")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/traincritic [flags]\n\n"+
			"Generates the critic's dataset from exact counterfactual rollouts (every candidate at every epoch),\n"+
			"trains the MLP on the earlier epochs of each run, validates on the later ones and writes\n"+
			"dataset.parquet, weights.json, report.json, report.md and loss.csv to --out. With the defaults it\n"+
			"reproduces the embedded critic/weights.json byte for byte. On many machines: --shard K/N collects\n"+
			"one shard of the runs; --merge (or go run ./experiments/merge --in OUT) then trains on all of them.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check(fs)
}

func (c *config) check(fs *pflag.FlagSet) error {
	if c.Quick {
		c.Loads, c.Seeds, c.Requests, c.Epochs = []float64{1}, 1, 1500, 5
	}
	switch {
	case len(c.Loads) == 0 || c.Seeds < 1:
		return cli.Usagef("--loads must be non-empty and --seeds ≥ 1")
	case !(c.Explore >= 0 && c.Explore <= 1):
		return cli.Usagef("--explore %v must be in [0,1]", c.Explore)
	case !(c.Split > 0 && c.Split < 1):
		return cli.Usagef("--split %v must be in (0,1)", c.Split)
	case c.Epochs < 1 || c.Batch < 1 || !(c.LR > 0) || c.Requests < 0 || c.Parallel < 0:
		return cli.Usagef("--epochs, --batch and --lr must be > 0; --requests and --parallel ≥ 0")
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
	return c.Shards.Check()
}

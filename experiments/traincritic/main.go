// Command traincritic generates HAF's critic dataset from exact counterfactual rollouts, trains the
// MLP of eq. (9) by MSE (eq. 10) on the chronologically earlier epochs, reports held-out error and
// ranking accuracy on the later ones, and writes the weights (the embedded default is reproduced by
// the defaults). The collection runs can be spread over machines (--plan, --shard, --merge; the
// training then runs in the merge, on every shard's samples).
package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("traincritic", f.Scenario, "", f.Out, f, nil)
	if err != nil {
		return err
	}
	t0 := time.Now()
	runs, err := runner.Run(ctx, collectJobs(f, sc), runner.Options{Dir: filepath.Join(f.Out, "runs"),
		Parallel: f.Parallel, Resume: f.Resume || f.Rerun, RerunStale: f.Rerun, Progress: stderr, Label: "traincritic: collect",
		Sharding: f.Shards.Sharding(f.Out)})
	if err != nil {
		return err
	}
	train, val := split(runs, f.Split)
	fmt.Fprintf(stderr, "traincritic: %d training and %d validation samples in %.1fs; training…\n", len(train), len(val), time.Since(t0).Seconds())
	if err := writeDataset(filepath.Join(f.Out, "dataset.parquet"), train, val); err != nil {
		return err
	}
	t1 := time.Now()
	c, loss, err := critic.Train(train, critic.TrainOptions{Hidden: f.Hidden, Epochs: f.Epochs, Batch: f.Batch,
		LR: f.LR, Seed: f.TrainSeed})
	if err != nil {
		return err
	}
	rep := report{Train: c.Evaluate(train, [sim.Groups]float64{}), Validation: c.Evaluate(val, [sim.Groups]float64{}),
		TrainSamples: len(train), ValidationSamples: len(val), CollectS: t1.Sub(t0).Seconds(), TrainS: time.Since(t1).Seconds()}
	var weights bytes.Buffer
	if err := c.Save(&weights); err != nil {
		return err
	}
	if err := writeOutputs(f.Out, weights.Bytes(), rep, loss); err != nil {
		return err
	}
	fmt.Fprint(stdout, rep.markdown())
	want, name := critic.DefaultJSON(), "critic/weights.json"
	if f.Scores {
		want, name = critic.ScoresJSON(), "critic/weights_scores.json"
	}
	if f.Check && !bytes.Equal(weights.Bytes(), want) {
		return fmt.Errorf("traincritic: the trained weights differ from the embedded %s (copy %s there if the change is intended)",
			name, filepath.Join(f.Out, "weights.json"))
	}
	return nil
}

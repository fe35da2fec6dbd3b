// Command bound runs reference placements beside HAF on the paper's scenario: the greedy
// one-interval lookahead (the registered lookahead method), a beam search over exact forks that dominates it, the
// best static placement found by local search, and haf and haf-static. It writes bound.csv, bound.md
// and config.json to --out (docs/bound.md).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("bound", f.Scenario, "", f.Out, f, nil)
	if err != nil {
		return err
	}
	t0 := time.Now()
	rs, err := runner.Run(ctx, jobs(f, sc, stderr), runner.Options{Dir: filepath.Join(f.Out, "runs"), Parallel: 1,
		Sharding: f.Shards.Sharding(f.Out)})
	if err != nil {
		return err
	}
	if err := writeCSV(filepath.Join(f.Out, "bound.csv"), rs); err != nil {
		return err
	}
	md := table(rs, f)
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "bound.md"), []byte(md)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nbound: %d runs in %.1f s; results in %s\n", md, len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// inputs determine a run of one reference; their fingerprint is stored with it.
type inputs struct {
	ScenarioFile string             `json:"scenario_file"`
	Scenario     *scenario.Scenario `json:"scenario"`
	Load         float64            `json:"load"`
	Seed         uint64             `json:"seed"`
	Requests     int                `json:"requests"`
	Reference    string             `json:"reference"`
	Width        int                `json:"width"`
	ScoreWindow  float64            `json:"score_window_s"`
	Restarts     int                `json:"restarts"`
	Revision     string             `json:"revision"`
}

// jobs returns one job per load × seed × reference, in that order, reporting progress on log.
func jobs(f *config, sc *scenario.Scenario, log io.Writer) []runner.Job[row] {
	rev := output.Revision()
	var out []runner.Job[row]
	for _, load := range f.Loads {
		for k := 0; k < f.Seeds; k++ {
			j := job{sc: sc, load: load, seed: f.Seed + uint64(k), requests: f.Requests, f: f, log: log}
			for _, ref := range allRefs {
				if !contains(f.Refs, ref) {
					continue
				}
				in := inputs{ScenarioFile: sc.Path(), Scenario: sc, Load: load, Seed: j.seed, Requests: f.Requests, Reference: ref,
					Width: f.Width, ScoreWindow: f.ScoreWindow, Restarts: f.Restarts, Revision: rev}
				out = append(out, runner.Job[row]{Key: fmt.Sprintf("load%g_seed%d_%s", load, j.seed, ref), Inputs: in,
					Run: func(ctx context.Context) (row, error) {
						fmt.Fprintf(log, "bound: ρ = %g seed %d: %s…\n", load, j.seed, ref)
						r, err := j.run(ctx, ref)
						if err == nil {
							fmt.Fprintf(log, "bound: ρ = %g seed %d: %s %.2f %% overall in %.1f s\n", load, j.seed, ref, 100*r.Fulfil[0], r.WallS)
						}
						return r, err
					}})
			}
		}
	}
	return out
}

// Command loadsweep runs the paper's load sweep: every load × method × seed on a scenario, in
// parallel, and writes summary.csv, table.md (Table III layout), loadsweep.png/.svg (Fig. 2) and
// config.json to --out. Finished runs are stored under --out/runs as they finish, each with the
// fingerprint of its inputs, so --resume continues an interrupted sweep and refuses a stored run
// whose inputs changed (--rerun-stale runs it again).
package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/report"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	sc, err := study.Prepare("loadsweep", f.Scenario, f.Profile, f.Out, f, nil)
	if err != nil {
		return err
	}
	specs := makeSpecs(f, sc)
	fmt.Fprintf(stderr, "loadsweep: %d runs (%d loads × %d methods × %d seeds), cost profile %s, output %s\n",
		len(specs), len(f.Loads), len(f.Methods), f.Seeds, sc.ProfileLabel(f.Profile), f.Out)
	t0 := time.Now()
	rs, err := study.Sweep(ctx, specs, study.SweepOptions{Dir: filepath.Join(f.Out, "runs"), Parallel: f.Parallel,
		Resume: f.Resume || f.Rerun, RerunStale: f.Rerun, Progress: stderr, Label: "loadsweep"})
	if err != nil {
		return err
	}
	if err := report.WriteAll(f.Out, rs, sc.Paper); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\nloadsweep: %d runs in %.1fs; results in %s\n", report.Table(rs, sc.Paper), len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// makeSpecs returns one run per load × method × seed, in that order.
func makeSpecs(f *config, sc *scenario.Scenario) []study.Spec {
	var specs []study.Spec
	for _, load := range f.Loads {
		for _, m := range f.Methods {
			for k := 0; k < f.Seeds; k++ {
				specs = append(specs, study.Spec{Scenario: sc, Load: load, Method: m, Seed: f.Seed + uint64(k), Trace: f.Trace,
					Profile: f.Profile, Requests: scaledRequests(f, load), Agent: f.Agent.Config(),
					ChargeDecisionLatency: f.Agent.Charge})
			}
		}
	}
	return specs
}

// scaledRequests keeps the horizon comparable across loads, as the paper does (15k/20k/25k).
func scaledRequests(f *config, load float64) int {
	if f.Requests == 0 {
		return 0
	}
	return int(float64(f.Requests)*load + 0.5)
}

// Command plot redraws a load sweep's summary.csv, table.md and figures from its stored runs. With
// the sweep's plan (IN/plan.json, written by every sweep) it reads exactly the planned runs and
// fails naming the missing ones (docs/cluster.md).
//
//	go run ./experiments/plot --in out/loadsweep
package main

import (
	"context"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/report"
)

func main() { cli.Main(run) }

func run(_ context.Context, args []string, stdout, stderr io.Writer) error {
	fs := pflag.NewFlagSet("plot", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	in := fs.String("in", "out/loadsweep", "a load sweep's output directory (it reads IN/runs/*.json and writes IN/summary.csv, table.md, loadsweep.png and .svg)")
	partial := fs.Bool("allow-partial", false, "with IN/plan.json (a sharded sweep): draw from the runs that are stored even if some are missing (they are listed)")
	scPath := fs.String("scenario", "", "scenario whose paper_table is printed beside ours; empty: the embedded paper scenario")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/plot [flags]\n\nRedraws a load sweep's table and figures.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return err
	}
	sc, err := scenario.LoadOrDefault(*scPath)
	if err != nil {
		return err
	}
	rs, err := study.ReadPlanned(*in, *partial, stderr)
	if err != nil {
		return err
	}
	if err := report.WriteAll(*in, rs, sc.Paper); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "plot: %d runs → %s/{summary.csv,table.md,loadsweep.png,loadsweep.svg}\n", len(rs), *in)
	return nil
}

// Command plot redraws a load sweep's summary.csv, table.md and figures from its stored runs.
//
//	go run ./experiments/plot --in out/loadsweep
package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/report"
	"github.com/airansim/airansim/scenario"
)

func main() {
	fs := pflag.NewFlagSet("plot", pflag.ContinueOnError)
	in := fs.String("in", "out/loadsweep", "a load sweep's output directory (it reads IN/runs/*.json and writes IN/summary.csv, table.md, loadsweep.png and .svg)")
	sc := fs.String("scenario", "", "scenario whose paper_table is printed beside ours; empty: the embedded paper scenario")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, "Usage: go run ./experiments/plot [flags]\n\nRedraws a load sweep's table and figures.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if errors.Is(err, pflag.ErrHelp) {
			os.Exit(0)
		}
		os.Exit(2)
	}
	if err := run(*in, *sc); err != nil {
		fmt.Fprintf(os.Stderr, "plot: %v\n", err)
		os.Exit(1)
	}
}

func run(in, scPath string) error {
	sc := scenario.Default()
	if scPath != "" {
		var err error
		if sc, err = scenario.Load(scPath); err != nil {
			return err
		}
	}
	rs, err := report.ReadRuns(in)
	if err != nil {
		return err
	}
	if err := report.WriteAll(in, rs, sc.Paper); err != nil {
		return err
	}
	fmt.Printf("plot: %d runs → %s/{summary.csv,table.md,loadsweep.png,loadsweep.svg}\n", len(rs), in)
	return nil
}

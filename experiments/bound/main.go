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
	"github.com/airansim/airansim/study"
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
	var rs []row
	for _, load := range f.Loads {
		for k := 0; k < f.Seeds; k++ {
			j := job{sc: sc, load: load, seed: f.Seed + uint64(k), requests: f.Requests, f: f, log: stderr}
			for _, ref := range allRefs {
				if !contains(f.Refs, ref) {
					continue
				}
				fmt.Fprintf(stderr, "bound: ρ = %g seed %d: %s…\n", load, j.seed, ref)
				r, err := j.run(ctx, ref)
				if err != nil {
					return err
				}
				fmt.Fprintf(stderr, "bound: ρ = %g seed %d: %s %.2f %% overall in %.1f s\n", load, j.seed, ref, 100*r.Fulfil[0], r.WallS)
				rs = append(rs, r)
			}
		}
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

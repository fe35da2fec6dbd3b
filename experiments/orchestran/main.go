// Command orchestran runs the numerical evaluation of OrchestRAN (D'Oro et al., INFOCOM 2022, §VII)
// on package orchestran: acceptance with and without model sharing, partial acceptance with
// graph-tree branching, cores deployed, placement per tier, and variable counts and solve times
// against network size (the paper's Figs. 5–9), 100 runs per point by default (docs/orchestran.md).
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

func main() { cli.Main(run) }

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	cat, sum, err := loadCatalog(f.Catalog)
	if err != nil {
		return err
	}
	if f.Solver != solverBB || (len(f.Sizes) > 0 && f.Sizes[0] <= f.ExactUpTo) {
		if !orchestran.HaveCBC() {
			return fmt.Errorf("orchestran: %w (or run with --solver bb and --exact-up-to 0)", orchestran.ErrNoCBC)
		}
	}
	if err := study.WriteConfig("orchestran", f.Out, f, map[string]any{"catalog_sha256": sum}); err != nil {
		return err
	}
	t0 := time.Now()
	jobs := f.jobs(cat, sum, output.Revision())
	rs, err := runner.Run(ctx, jobs, f.Sweep("orchestran", stderr).Runner())
	if err != nil {
		return err
	}
	var pts []pointResult
	var szs []sizeResult
	var sims []simResult
	for _, r := range rs {
		if r.Point != nil {
			pts = append(pts, *r.Point)
		}
		if r.Size != nil {
			szs = append(szs, *r.Size)
		}
		if r.Sim != nil {
			sims = append(sims, *r.Sim)
		}
	}
	if err := writeCSVs(f.Out, pts, szs); err != nil {
		return err
	}
	if err := writeSimCSV(f.Out, sims); err != nil {
		return err
	}
	if err := figures(f, pts, szs); err != nil {
		return err
	}
	md := table(f, pts, szs) + simTable(f, sims)
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "table.md"), []byte(md)); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s\norchestran: %d runs in %.1f s; results in %s\n", md, len(rs), time.Since(t0).Seconds(), f.Out)
	return nil
}

// jobs returns the runs: every mix × case × seed, then every size × seed.
func (f *config) jobs(cat *orchestran.Catalog, sum, rev string) []runner.Job[result] {
	var out []runner.Job[result]
	for _, m := range f.Mixes {
		for _, c := range f.Cases {
			for k := range f.Seeds {
				s := pointSpec{Mix: m, Case: c, Seed: f.Seed + uint64(k), Requests: f.Requests, Sources: f.Sources, Solver: f.Solver,
					BBNodes: f.BBNodes, TimeLimitS: f.TimeLimit, Catalog: sum, Revision: rev}
				out = append(out, runner.Job[result]{Key: s.key(), Inputs: s,
					Run: func(ctx context.Context) (result, error) { return s.run(ctx, cat) }})
			}
		}
	}
	for _, n := range f.Sizes {
		for k := range f.SizeSeeds {
			s := sizeSpec{Nodes: n, Seed: f.Seed + uint64(k), Requests: f.Requests, Sources: f.Sources, Exact: n <= f.ExactUpTo,
				BBNodes: f.BBNodes, TimeLimitS: f.TimeLimit, Catalog: sum, Revision: rev}
			out = append(out, runner.Job[result]{Key: s.key(), Inputs: s,
				Run: func(ctx context.Context) (result, error) { return s.run(ctx, cat) }})
		}
	}
	arrivals := []bool{false} // periodic loops; then Poisson ones with --poisson
	if f.Poisson {
		arrivals = append(arrivals, true)
	}
	for _, m := range f.Mixes {
		for k := range f.SimSeeds {
			for _, poisson := range arrivals {
				s := simSpec{Mix: m, Seed: f.Seed + uint64(k), Epochs: f.SimEpochs, PeriodS: f.SimPeriod, Requests: f.Requests,
					Sources: f.Sources, Solver: f.Solver, BBNodes: f.BBNodes, TimeLimitS: f.TimeLimit, Catalog: sum, Revision: rev, Poisson: poisson}
				out = append(out, runner.Job[result]{Key: s.key(), Inputs: s,
					Run: func(ctx context.Context) (result, error) { return s.run(ctx, cat) }})
			}
		}
	}
	return out
}

// loadCatalog returns the catalogue of --catalog (the default one when empty) and the SHA-256 of
// its file ("" for the default).
func loadCatalog(path string) (*orchestran.Catalog, string, error) {
	if path == "" {
		return orchestran.DefaultCatalog(), "", nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", err
	}
	cat, err := orchestran.ParseCatalog(path, b)
	if err != nil {
		return nil, "", err
	}
	h := sha256.Sum256(b)
	return cat, hex.EncodeToString(h[:]), nil
}

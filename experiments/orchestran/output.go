package main

import (
	"bytes"
	"path/filepath"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/stats"
)

// tierCols are the per-tier column suffixes, root first.
var tierCols = [5]string{"nonrt", "nearrt", "cu", "du", "ru"}

// solveCols returns the columns of one solveOut under prefix.
func solveCols(prefix string) []string {
	cols := []string{"solver", "status", "accepted", "acceptance", "cores", "gap", "time_s", "bb_time_s", "cbc_time_s", "vars", "partial"}
	for _, t := range tierCols {
		cols = append(cols, "inst_"+t)
	}
	for i := range cols {
		cols[i] = prefix + "_" + cols[i]
	}
	return cols
}

func putSolve(w *output.CSVWriter, o solveOut, intents int) {
	w.Str(o.Solver).Str(o.Status).Int(int64(o.Accepted)).Float(frac(o.Accepted, intents)).Float(o.Cores).Float(o.Gap).
		Float(o.TimeS).Float(o.BBTimeS).Float(o.CBCTimeS).Int(int64(o.Vars)).Int(int64(o.Partial))
	for _, n := range o.Tiers {
		w.Int(int64(n))
	}
}

func frac(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// writeCSVs writes runs.csv (Figs. 6–9, one row per run), sizes.csv (Fig. 5, one row per run) and
// summary.csv (one row per figure, point and metric: n, mean, 95 % CI half-width).
func writeCSVs(out string, pts []pointResult, szs []sizeResult) error {
	cols := []string{"mix", "case", "seed", "intents", "servable"}
	for _, p := range []string{"share", "noshare", "greedy", "branch"} {
		cols = append(cols, solveCols(p)...)
	}
	var buf bytes.Buffer
	w := output.NewCSVWriter(&buf, cols...)
	for _, r := range pts {
		w.Str(r.Spec.Mix).Str(r.Spec.Case).Int(int64(r.Spec.Seed)).Int(int64(r.Intents)).Int(int64(r.Servable))
		for _, o := range []solveOut{r.Share, r.NoShare, r.Greedy, r.Branch} {
			putSolve(w, o, r.Intents)
		}
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	if err := flushTo(w, &buf, filepath.Join(out, "runs.csv")); err != nil {
		return err
	}
	cols = []string{"nodes", "seed", "intents", "vars_full", "vars_fp", "vars_fpap", "vars_exact", "y", "z", "build_s"}
	for _, p := range []string{"bb", "cbc", "greedy", "branch"} {
		cols = append(cols, p+"_status", p+"_accepted", p+"_cores", p+"_time_s")
	}
	cols = append(cols, "branch_partial")
	buf.Reset()
	w = output.NewCSVWriter(&buf, cols...)
	for _, r := range szs {
		c := r.Count
		w.Int(int64(r.Spec.Nodes)).Int(int64(r.Spec.Seed)).Int(int64(r.Spec.Requests)).Int(c.Full).Int(c.FP).Int(c.FPAP).
			Int(c.Exact).Int(c.Y).Int(c.Z).Float(r.BuildS)
		for _, o := range []*solveOut{r.BB, r.CBC, &r.Greedy, &r.Branch} {
			if o == nil {
				w.Str("not-run").Str("").Str("").Str("")
				continue
			}
			w.Str(o.Status).Int(int64(o.Accepted)).Float(o.Cores).Float(o.TimeS)
		}
		w.Int(int64(r.Branch.Partial))
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	if err := flushTo(w, &buf, filepath.Join(out, "sizes.csv")); err != nil {
		return err
	}
	buf.Reset()
	w = output.NewCSVWriter(&buf, "figure", "mix", "case", "nodes", "metric", "n", "mean", "ci95")
	for _, m := range summarise(pts, szs) {
		w.Str(m.fig).Str(m.mix).Str(m.cas).Int(int64(m.nodes)).Str(m.metric).Int(int64(len(m.xs)))
		mean, h := stats.CI95(m.xs)
		w.Float(mean).Float(h)
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	return flushTo(w, &buf, filepath.Join(out, "summary.csv"))
}

func flushTo(w *output.CSVWriter, buf *bytes.Buffer, path string) error {
	if err := w.Flush(); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

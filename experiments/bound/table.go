package main

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/stats"
)

// csvColumns are the columns of bound.csv, one row per (load, seed, reference).
var csvColumns = []string{"load", "rho", "seed", "reference", "requests", "overall", "ran", "ai", "large_ai", "small_ai",
	"migrations_large", "migrations_total", "simulations", "detail", "wall_s"}

// labels are the references' names in bound.md.
var labels = map[string]string{
	refGreedy:    "greedy lookahead (`lookahead`)",
	refBeam:      "beam search",
	refStatic:    "best static placement",
	refHAF:       "HAF (`haf`)",
	refHAFStatic: "HAF-Static (`haf-static`)",
}

func writeCSV(path string, rs []row) error {
	var buf bytes.Buffer
	w := output.NewCSVWriter(&buf, csvColumns...)
	for _, r := range rs {
		w.Float(r.Load).Float(r.Rho).Int(int64(r.Seed)).Str(r.Reference).Int(r.Requests)
		for _, v := range r.Fulfil {
			w.Float(v)
		}
		w.Int(int64(r.MigLarge)).Int(int64(r.MigTotal)).Int(int64(r.Sims)).Str(r.Detail).Float(r.WallS)
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// table renders bound.md: per load, one line per reference with the mean ± 95 % CI half-width over seeds.
func table(rs []row, f *config) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# Reference placements (docs/bound.md)\n\n%d seed(s) from %d, %s requests per run, beam width %d, "+
		"score window %s, %d static restart(s). Fulfillment in %%, mean ± 95 %% CI half-width over seeds; migrations "+
		"large-AI/total, mean; wall-clock s per run, mean.\n", f.Seeds, f.Seed, requestsLabel(f.Requests), f.Width,
		lookLabel(f.ScoreWindow), f.Restarts)
	for _, load := range f.Loads {
		fmt.Fprintf(&b, "\n## ρ = %g\n\n| reference | overall | RAN | AI | large-AI | small-AI | migrations | wall s |\n"+
			"|---|---|---|---|---|---|---|---|\n", load)
		for _, ref := range allRefs {
			sel := pick(rs, load, ref)
			if len(sel) == 0 {
				continue
			}
			fmt.Fprintf(&b, "| %s |", labels[ref])
			for k := range sel[0].Fulfil {
				fmt.Fprintf(&b, " %s |", ci(sel, func(r row) float64 { return 100 * r.Fulfil[k] }))
			}
			ml, _ := stats.CI95(values(sel, func(r row) float64 { return float64(r.MigLarge) }))
			mt, _ := stats.CI95(values(sel, func(r row) float64 { return float64(r.MigTotal) }))
			w, _ := stats.CI95(values(sel, func(r row) float64 { return r.WallS }))
			fmt.Fprintf(&b, " %.1f/%.1f | %.1f |\n", ml, mt, w)
		}
		b.WriteString(checks(rs, load))
	}
	return b.String()
}

// checks states, per seed, whether each search is at least its reference: beam ≥ greedy, best
// static ≥ haf-static (both hold by construction; a "no" is a bug).
func checks(rs []row, load float64) string {
	var b strings.Builder
	for _, c := range [][2]string{{refBeam, refGreedy}, {refStatic, refHAFStatic}} {
		hi, lo := pick(rs, load, c[0]), pick(rs, load, c[1])
		if len(hi) == 0 || len(hi) != len(lo) {
			continue
		}
		ok := 0
		for i := range hi {
			if hi[i].Fulfil[0] >= lo[i].Fulfil[0] {
				ok++
			}
		}
		fmt.Fprintf(&b, "\n%s ≥ %s (overall) on %d of %d seeds.", c[0], c[1], ok, len(hi))
	}
	if b.Len() > 0 {
		b.WriteString("\n")
	}
	return b.String()
}

func pick(rs []row, load float64, ref string) []row {
	var out []row
	for _, r := range rs {
		if r.Load == load && r.Reference == ref {
			out = append(out, r)
		}
	}
	return out
}

func values(rs []row, f func(row) float64) []float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	return v
}

func ci(rs []row, f func(row) float64) string {
	m, h := stats.CI95(values(rs, f))
	if len(rs) < 2 {
		return fmt.Sprintf("%.1f", m)
	}
	return fmt.Sprintf("%.1f ± %.1f", m, h)
}

func requestsLabel(n int) string {
	if n == 0 {
		return "the scenario's count of"
	}
	return fmt.Sprint(n)
}

func lookLabel(l float64) string {
	if l == 0 {
		return "to the end of the run"
	}
	return fmt.Sprintf("%g s", l)
}

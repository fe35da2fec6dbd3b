package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/stats"
)

// writeSimCSV writes sim.csv, one row per engine run.
func writeSimCSV(out string, rs []simResult) error {
	if len(rs) == 0 {
		return nil
	}
	var buf bytes.Buffer
	w := output.NewCSVWriter(&buf, "mix", "arrivals", "seed", "epochs", "period_s", "requests", "missed", "miss_rate",
		"tti_requests", "tti_missed", "subsecond_requests", "subsecond_missed", "long_requests", "long_missed",
		"loops", "loops_missing", "e2_bytes", "e2_bytes_ric_only", "e2_ratio", "adds", "removes", "misrouted", "rejections", "solve_s", "run_s")
	for _, r := range rs {
		s := r.Spec
		w.Str(s.Mix).Str(s.arrivals()).Int(int64(s.Seed)).Int(int64(s.Epochs)).Float(s.PeriodS).Int(int64(r.All.Requests)).Int(int64(r.All.Missed)).Float(r.All.Rate())
		for _, c := range r.ByScale {
			w.Int(int64(c.Requests)).Int(int64(c.Missed))
		}
		w.Int(int64(r.Loops)).Int(int64(r.LoopsMissing)).Float(r.E2Bytes).Float(r.E2RICOnly).Float(ratio(r.E2RICOnly, r.E2Bytes)).
			Int(int64(r.Adds)).Int(int64(r.Removes)).Int(int64(r.Misrouted)).Str(r.Rejections).Float(r.SolveS).Float(r.RunS)
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	return flushTo(w, &buf, filepath.Join(out, "sim.csv"))
}

// simTable renders the engine runs' section of table.md.
func simTable(f *config, rs []simResult) string {
	if len(rs) == 0 {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, "\n## OrchestRAN on the engine (policy/orchestranctl; issue 14 item 6)\n\n"+
		"Case ALL, %d batch(es) of %d intents re-solved every %g s, %d run(s) per mix; each accepted tuple is a control loop "+
		"issuing one request (%s) every δ (periodic; poisson: exponential gaps of mean δ) with deadline δ to its model's instance. Missed: latency > δ or unfinished at the horizon. "+
		"E2 proxy: RAN↔RIC bytes of the loops' reports and control messages; the ratio is running every model at the near-RT RICs "+
		"over OrchestRAN's placement (the prototype: up to 2.6× less with dApps at the DUs).\n\n"+
		"| mix | arrivals | requests | missed (%%) | TTI missed (%%) | sub-second missed (%%) | long missed (%%) | loops with a miss (%%) | E2 RIC-only / placed | replicas added / removed | solve s | engine s |\n"+
		"|---|---|---|---|---|---|---|---|---|---|---|---|\n", f.SimEpochs, f.Requests, f.SimPeriod, f.SimSeeds, "T^exec × ρ_m core-s")
	for _, mx := range f.Mixes {
		for _, arr := range []string{"periodic", "poisson"} {
			simRow(&b, mx, arr, rs)
		}
	}
	return b.String()
}

// simRow writes the table row of one mix and arrival process (nothing without runs).
func simRow(b *strings.Builder, mx, arr string, rs []simResult) {
	var sel []simResult
	for _, r := range rs {
		if r.Spec.Mix == mx && r.Spec.arrivals() == arr {
			sel = append(sel, r)
		}
	}
	if len(sel) == 0 {
		return
	}
	col := func(v func(simResult) float64, scale float64, format string) string {
		xs := make([]float64, 0, len(sel))
		for _, r := range sel {
			if x := v(r); x == x {
				xs = append(xs, scale*x)
			}
		}
		if len(xs) == 0 {
			return "–"
		}
		m, h := stats.CI95(xs)
		if len(xs) < 2 {
			return fmt.Sprintf(format, m)
		}
		return fmt.Sprintf(format+" ± "+format, m, h)
	}
	scale := func(k int) func(simResult) float64 {
		return func(r simResult) float64 {
			if r.ByScale[k].Requests == 0 {
				return nanv()
			}
			return r.ByScale[k].Rate()
		}
	}
	fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |\n", mx, arr,
		col(func(r simResult) float64 { return float64(r.All.Requests) }, 1, "%.0f"),
		col(func(r simResult) float64 { return r.All.Rate() }, 100, "%.3f"),
		col(scale(0), 100, "%.3f"), col(scale(1), 100, "%.3f"), col(scale(2), 100, "%.3f"),
		col(func(r simResult) float64 { return ratio(float64(r.LoopsMissing), float64(r.Loops)) }, 100, "%.1f"),
		col(func(r simResult) float64 { return ratio(r.E2RICOnly, r.E2Bytes) }, 1, "%.1f"),
		col(func(r simResult) float64 { return float64(r.Adds) }, 1, "%.1f"), col(func(r simResult) float64 { return float64(r.Removes) }, 1, "%.1f"),
		col(func(r simResult) float64 { return r.SolveS }, 1, "%.2g"), col(func(r simResult) float64 { return r.RunS }, 1, "%.2g"))
}

func nanv() float64 { var z float64; return z / z }

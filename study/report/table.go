package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
)

// TableLoad is the load of the paper's Table III.
const TableLoad = 1.0

// Table renders the paper's Table III layout at ρ = 1 (or the sweep's middle load if 1 was not run),
// with the paper's published row under each of ours, plus one AI-fulfillment table per load (Fig. 2).
func Table(rs []study.Result, paper []scenario.Row) string {
	methods, loads := methodsAndLoads(rs, paper)
	var b strings.Builder
	load := TableLoad
	if !contains(loads, load) && len(loads) > 0 {
		load = loads[len(loads)/2]
	}
	fmt.Fprintf(&b, "# SLO fulfillment and migrations at ρ = %g (the paper's Table III layout)\n\n", load)
	b.WriteString("Ours: mean over seeds (± 95 % CI half-width when there are several seeds). Paper: arXiv:2605.07547, Table III.\n\n")
	b.WriteString("| Method | Source | Overall | Q^r (RAN-only) | Q^e (AI) | Large-AI | Small-AI | Mig. (L/tot) |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, m := range methods {
		b.WriteString(oursRow(rs, load, m))
		if p, ok := paperRow(paper, m, load, true); ok {
			fmt.Fprintf(&b, "| %s | paper | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %d/%d |\n", m, 100*p.Overall, 100*p.RAN,
				100*p.AI, 100*p.LargeAI, 100*p.SmallAI, p.MigLarge, p.MigTotal)
		}
	}
	b.WriteString("\n# AI (Q^e) and RAN-only (Q^r) fulfillment against load (the paper's Fig. 2)\n\n")
	b.WriteString("| Method | Load | AI ours | AI paper | RAN-only ours |\n|---|---|---|---|---|\n")
	for _, m := range methods {
		for _, l := range loads {
			ai, n := aggregate(rs, l, m, func(r study.Result) float64 { return float64(r.AI) })
			ran, _ := aggregate(rs, l, m, func(r study.Result) float64 { return float64(r.RAN) })
			paperAI := "–"
			if p, ok := paperRow(paper, m, l, false); ok {
				paperAI = fmt.Sprintf("%.1f%%", 100*p.AI)
			}
			fmt.Fprintf(&b, "| %s | %g | %s | %s | %s |\n", m, l, pct(ai, n), paperAI, pct(ran, n))
		}
	}
	b.WriteString(claims(rs, paper, methods, loads))
	return b.String()
}

func oursRow(rs []study.Result, load float64, m string) string {
	get := []func(study.Result) float64{
		func(r study.Result) float64 { return float64(r.Overall) },
		func(r study.Result) float64 { return float64(r.RAN) },
		func(r study.Result) float64 { return float64(r.AI) },
		func(r study.Result) float64 { return float64(r.LargeAI) },
		func(r study.Result) float64 { return float64(r.SmallAI) },
	}
	cols := make([]string, len(get))
	for i, g := range get {
		c, n := aggregate(rs, load, m, g)
		cols[i] = pct(c, n)
	}
	ml, _ := aggregate(rs, load, m, func(r study.Result) float64 { return float64(r.MigrationsLarge) })
	mt, _ := aggregate(rs, load, m, func(r study.Result) float64 { return float64(r.MigrationsTotal) })
	return fmt.Sprintf("| %s | ours | %s | %g/%g |\n", m, strings.Join(cols, " | "), round1(ml.mean), round1(mt.mean))
}

func pct(c cell, n int) string {
	switch {
	case n == 0 || math.IsNaN(c.mean):
		return "–"
	case n > 1:
		return fmt.Sprintf("%.1f%% ± %.1f", 100*c.mean, 100*c.half)
	}
	return fmt.Sprintf("%.1f%%", 100*c.mean)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

func paperRow(paper []scenario.Row, m string, load float64, details bool) (scenario.Row, bool) {
	for _, p := range paper {
		if p.Method == m && p.Load == load && (p.HasDetails || !details) {
			return p, true
		}
	}
	return scenario.Row{}, false
}

func contains(xs []float64, x float64) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/orchestran"
)

// The paper's figures as its text states them (§VII; the plots are not in the seeds).
var (
	paperShare = map[string]string{"DT": "≈ 95 (mean); ≥ 90 in all cases", "LL": "≥ 90 in all cases", "ULL": "≥ 90 in all cases; some instances ≈ 70"}
	paperTiers = map[string]string{"DT": "≈ 45 % in the RICs", "LL": "≈ 70 % at CU/DU/RU", "ULL": "≈ 70 % at CU/DU/RU"}
	paperTime  = map[int]string{200: "0.1 s (FP+AP, CPLEX)", 500: "2 s (FP+AP, CPLEX)", 2000: "branching < 0.1 s"}
)

// pct formats a fraction's mean ± CI in per cent.
func pct(ms *metrics, fig, mix, cas string, nodes int, name string) string {
	return num(ms, fig, mix, cas, nodes, name, 100, "%.1f")
}

// num formats scale × (mean ± CI) of a metric; "–" when it has no runs.
func num(ms *metrics, fig, mix, cas string, nodes int, name string, scale float64, format string) string {
	m, h, n := ms.get(fig, mix, cas, nodes, name)
	if n == 0 || math.IsNaN(m) {
		return "–"
	}
	if n < 2 {
		return fmt.Sprintf(format, scale*m)
	}
	return fmt.Sprintf(format+" ± "+format, scale*m, scale*h)
}

// table renders table.md.
func table(f *config, pts []pointResult, szs []sizeResult) string {
	ms := collect(pts, szs)
	var b strings.Builder
	fmt.Fprintf(&b, "# OrchestRAN numerical evaluation (docs/orchestran.md)\n\n"+
		"Default network (1/4/10/30/90 nodes, random tree per run), %d intents per run (1..%d sources per tuple), %d run(s) per point from seed %d, "+
		"mean ± 95 %% CI; exact solver %q (SolveBB ≤ %d nodes, then cbc), %g s limit per solve. "+
		"The paper's column quotes its text (MATLAB + CPLEX, 100 runs; the plots are not in the seeds).\n\n",
		f.Requests, f.Sources, f.Seeds, f.Seed, f.Solver, f.BBNodes, f.TimeLimit)
	if len(pts) > 0 {
		pointTables(&b, f, ms)
	}
	if len(szs) > 0 {
		sizeTable(&b, f, ms)
	}
	return b.String()
}

func pointTables(b *strings.Builder, f *config, ms *metrics) {
	fmt.Fprintf(b, "## Acceptance (%%), Fig. 6 left (sharing on) and Fig. 8 (sharing off)\n\n"+
		"servable: intents whose every tuple has a model and host meeting its deadline and sources (capacities aside).\n\n"+
		"| mix | case | servable | sharing on | paper | sharing off | paper | greedy (sharing on) |\n|---|---|---|---|---|---|---|---|\n")
	for _, mx := range f.Mixes {
		for _, cs := range f.Cases {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | ≈ 70 | %s |\n", mx, cs, pct(ms, "6", mx, cs, 0, "servable"),
				pct(ms, "6", mx, cs, 0, "acceptance_share"), paperShare[mx], pct(ms, "8", mx, cs, 0, "acceptance_noshare"),
				pct(ms, "time", mx, cs, 0, "greedy_acceptance"))
		}
	}
	fmt.Fprintf(b, "\n## Graph-tree branching (%%), Fig. 6 right (sharing on)\n\n"+
		"| mix | case | accepted in full | partial | full + partial | paper (partially satisfied on ≥ 1 subtree) |\n|---|---|---|---|---|---|\n")
	for _, mx := range f.Mixes {
		for _, cs := range f.Cases {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | ≈ 99 |\n", mx, cs, pct(ms, "6r", mx, cs, 0, "branch_full"),
				pct(ms, "6r", mx, cs, 0, "branch_partial"), pct(ms, "6r", mx, cs, 0, "branch_any"))
		}
	}
	fmt.Fprintf(b, "\n## Cores deployed, Fig. 7\n\n"+
		"| mix | case | sharing on | sharing off | off / on | paper | cores per accepted intent on / off |\n|---|---|---|---|---|---|---|\n")
	for _, mx := range f.Mixes {
		for _, cs := range f.Cases {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | ≈ 2× | %s / %s |\n", mx, cs, num(ms, "7", mx, cs, 0, "cores_share", 1, "%.1f"),
				num(ms, "7", mx, cs, 0, "cores_noshare", 1, "%.1f"), num(ms, "7", mx, cs, 0, "cores_ratio", 1, "%.2f"),
				num(ms, "7", mx, cs, 0, "cores_per_accepted_share", 1, "%.2f"), num(ms, "7", mx, cs, 0, "cores_per_accepted_noshare", 1, "%.2f"))
		}
	}
	fmt.Fprintf(b, "\n## Where the models run (%% of deployed instances, sharing on), Fig. 9\n\n"+
		"| mix | case | RICs (non-RT + near-RT) | CU/DU/RU | non-RT | near-RT | CU | DU | RU | paper (ER) |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, mx := range f.Mixes {
		for _, cs := range f.Cases {
			p := "–"
			if cs == "ER" {
				p = paperTiers[mx]
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s", mx, cs, pct(ms, "9", mx, cs, 0, "ric"), pct(ms, "9", mx, cs, 0, "cu_du_ru"))
			for _, t := range tierCols {
				fmt.Fprintf(b, " | %s", pct(ms, "9", mx, cs, 0, "tier_"+t))
			}
			fmt.Fprintf(b, " | %s |\n", p)
		}
	}
	fmt.Fprintf(b, "\n## Solve time per run on the default network (s)\n\n"+
		"With --solver auto, \"by cbc\" is the share of runs SolveBB handed over (not proved within --bb-nodes); the time is then SolveBB's try plus cbc's.\n\n"+
		"| mix | case | exact, sharing on | proved | by cbc | exact, sharing off | proved | by cbc | greedy | branching |\n|---|---|---|---|---|---|---|---|---|---|\n")
	for _, mx := range f.Mixes {
		for _, cs := range f.Cases {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", mx, cs,
				num(ms, "time", mx, cs, 0, "share_s", 1, "%.3g"), pct(ms, "time", mx, cs, 0, "share_proved"), pct(ms, "time", mx, cs, 0, "share_by_cbc"),
				num(ms, "time", mx, cs, 0, "noshare_s", 1, "%.3g"), pct(ms, "time", mx, cs, 0, "noshare_proved"), pct(ms, "time", mx, cs, 0, "noshare_by_cbc"),
				num(ms, "time", mx, cs, 0, "greedy_s", 1, "%.2g"), num(ms, "time", mx, cs, 0, "branch_s", 1, "%.2g"))
		}
	}
}

func sizeTable(b *strings.Builder, f *config, ms *metrics) {
	fmt.Fprintf(b, "\n## Variables and solve time against network size, Fig. 5 (DT, ALL, sharing on, %d run(s) per size)\n\n"+
		"The paper's size formula on its example (I = 10, F = 7, D = 20, M = 13, C = 3): %d variables (\"≈ 10^6\").\n\n"+
		"| nodes | x full | FP | FP+AP | exact filters | cbc (s) | SolveBB (s) | SolveBB proved | greedy (s) | branching (s) | accepted exact / greedy / branching full (%%) | paper |\n"+
		"|---|---|---|---|---|---|---|---|---|---|---|---|\n", f.SizeSeeds, orchestran.PaperCount(10, 7, 20, 13, 3))
	for _, n := range f.Sizes {
		g := func(name, format string) string { return num(ms, "5", "DT", "ALL", n, name, 1, format) }
		p := paperTime[n]
		if p == "" {
			p = "–"
		}
		fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s / %s / %s | %s |\n", n,
			g("vars_full", "%.3g"), g("vars_fp", "%.3g"), g("vars_fpap", "%.3g"), g("vars_exact", "%.3g"),
			g("cbc_s", "%.3g"), g("bb_s", "%.3g"), pct(ms, "5", "DT", "ALL", n, "bb_proved"), g("greedy_s", "%.2g"), g("branch_s", "%.2g"),
			pct(ms, "5", "DT", "ALL", n, "acceptance_exact"), pct(ms, "5", "DT", "ALL", n, "acceptance_greedy"),
			pct(ms, "5", "DT", "ALL", n, "branch_full"), p)
	}
}

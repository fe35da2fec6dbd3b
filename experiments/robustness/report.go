package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/internal/stats"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario/family"
	"github.com/airansim/airansim/study"
)

// row is one run of the study: its variant and its summary.
type row struct {
	Variant string
	study.Result
}

// robust holds a finished study: its runs in spec order (variant, method, seed), the variants and
// the methods in the order given.
type robust struct {
	rows     []row
	variants []family.Variant
	methods  []string
}

func newStudy(rows []row, vs []family.Variant, methods []string) *robust {
	return &robust{rows: rows, variants: vs, methods: methods}
}

// notOthers are the methods HAF's gap is never measured against: HAF itself, its critic ablation
// and the lookahead (which sees the future workload).
var notOthers = map[string]bool{policy.MethodHAF: true, policy.MethodHAFNoCritic: true, policy.MethodLookahead: true}

// pool is a set of methods HAF's gap is measured against.
type pool struct {
	name string
	has  func(method string) bool
}

// pools are the two comparisons of the study: the paper's five baselines as specified, and every
// other method run (the baselines' favourable variants included).
var pools = []pool{
	{"the paper baselines", func(m string) bool { return contains(policy.PaperMethods(), m) && !notOthers[m] }},
	{"all other methods", func(m string) bool { return !notOthers[m] }},
}

// bySeed returns get of the runs of variant v and method m, by seed.
func (s *robust) bySeed(v, m string, get func(study.Result) float64) map[uint64]float64 {
	out := map[uint64]float64{}
	for _, r := range s.rows {
		if r.Variant == v && r.Method == m {
			out[r.Seed] = get(r.Result)
		}
	}
	return out
}

// values returns get of the runs of variant v and method m in seed order, NaN left out.
func (s *robust) values(v, m string, get func(study.Result) float64) []float64 {
	var xs []float64
	for _, r := range s.rows {
		if r.Variant == v && r.Method == m {
			if x := get(r.Result); !math.IsNaN(x) {
				xs = append(xs, x)
			}
		}
	}
	return xs
}

// gap is HAF's AI advantage on one variant over the other method of highest mean AI fulfillment:
// the mean and 95 % CI half-width of the per-seed differences, in fulfillment fractions.
type gap struct {
	other      string  // best other method; "" if none or haf was not run
	haf, best  float64 // mean AI fulfillment of haf and of other
	mean, half float64 // paired difference haf − other
	n          int     // seeds paired
}

// verdict says whether the advantage holds (CI above 0), reverses (below 0) or vanishes (contains 0).
func (g gap) verdict() string {
	switch {
	case g.other == "":
		return "not measured (needs haf and another method)"
	case g.n < 2:
		return "not decided (one seed, no CI)"
	case g.mean-g.half > 0:
		return "holds"
	case g.mean+g.half < 0:
		return "reverses"
	}
	return "vanishes"
}

func ai(r study.Result) float64 { return float64(r.AI) }

// gapOf returns HAF's gap on variant v over the best method of p.
func (s *robust) gapOf(v string, p pool) gap {
	if !contains(s.methods, policy.MethodHAF) {
		return gap{}
	}
	g := gap{haf: stats.Mean(s.values(v, policy.MethodHAF, ai)), best: math.Inf(-1)}
	for _, m := range s.methods {
		if !p.has(m) {
			continue
		}
		if x := stats.Mean(s.values(v, m, ai)); x > g.best {
			g.other, g.best = m, x
		}
	}
	if g.other == "" {
		return gap{}
	}
	h, o := s.bySeed(v, policy.MethodHAF, ai), s.bySeed(v, g.other, ai)
	var d []float64
	for _, r := range s.rows { // seed order of haf's runs
		if r.Variant == v && r.Method == policy.MethodHAF {
			if y, ok := o[r.Seed]; ok && !math.IsNaN(h[r.Seed]) && !math.IsNaN(y) {
				d = append(d, h[r.Seed]-y)
			}
		}
	}
	g.mean, g.half = stats.CI95(d)
	g.n = len(d)
	return g
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// seeds returns the number of seeds per (variant, method) and the first and last seed.
func (s *robust) seeds() (n int, first, last uint64) {
	seen := map[uint64]bool{}
	for _, r := range s.rows {
		if !seen[r.Seed] {
			seen[r.Seed] = true
			if len(seen) == 1 || r.Seed < first {
				first = r.Seed
			}
			last = max(last, r.Seed)
		}
	}
	return len(seen), first, last
}

// overview is the table of HAF's gap per variant over each pool.
func (s *robust) overview() string {
	var b strings.Builder
	b.WriteString("| variant | haf AI |")
	for _, p := range pools {
		fmt.Fprintf(&b, " best of %s: AI | gap (points) | HAF's advantage |", p.name)
	}
	b.WriteString("\n|---|---|" + strings.Repeat("---|---|---|", len(pools)) + "\n")
	for _, v := range s.variants {
		haf := "–"
		if xs := s.values(v.Name, policy.MethodHAF, ai); len(xs) > 0 {
			haf = fmt.Sprintf("%.1f%%", 100*stats.Mean(xs))
		}
		fmt.Fprintf(&b, "| %s | %s |", v.Name, haf)
		for _, p := range pools {
			g := s.gapOf(v.Name, p)
			if g.other == "" {
				fmt.Fprintf(&b, " – | – | %s |", g.verdict())
				continue
			}
			fmt.Fprintf(&b, " %s %.1f%% | %s | %s |", g.other, 100*g.best, signed(100*g.mean, 100*g.half, g.n), g.verdict())
		}
		b.WriteString("\n")
	}
	return b.String()
}

// markdown is robustness.md.
func (s *robust) markdown() string {
	var b strings.Builder
	n, first, last := s.seeds()
	load := math.NaN()
	if len(s.rows) > 0 {
		load = s.rows[0].Load
	}
	fmt.Fprintf(&b, "# Scenario robustness at ρ = %g\n\n", load)
	fmt.Fprintf(&b, "%d seed(s) (%d–%d) per variant and method. Cells: mean over seeds ± 95 %% CI half-width "+
		"(Student t). HAF's gap: per-seed difference of AI fulfillment between haf and the method of highest "+
		"mean AI fulfillment on that variant among the paper's five baselines as specified, and among all other methods "+
		"run (the baselines' favourable variants included; haf-nocritic and lookahead never count), mean ± 95 %% CI "+
		"half-width; the advantage holds if the CI lies above 0, reverses if below, vanishes if it contains 0. "+
		"Variants: docs/robustness.md; columns: docs/metrics.md.\n\n", n, first, last)
	b.WriteString("## HAF's AI advantage per variant\n\n")
	b.WriteString(s.overview())
	for _, v := range s.variants {
		fmt.Fprintf(&b, "\n## %s: %s\n\n", v.Name, v.Doc)
		b.WriteString(s.variantTable(v.Name))
		b.WriteString("\n")
		for _, p := range pools {
			if g := s.gapOf(v.Name, p); g.other != "" {
				fmt.Fprintf(&b, "HAF's AI advantage over the best of %s (%s): %s points, **%s**.\n", p.name, g.other,
					signed(100*g.mean, 100*g.half, g.n), g.verdict())
			}
		}
	}
	return b.String()
}

// variantTable is the per-method table of one variant.
func (s *robust) variantTable(v string) string {
	var b strings.Builder
	b.WriteString("| method | overall | AI | large-AI | small-AI | RAN-only | completed | large-AI completed | AI mean latency (s) | migrations L/total |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	frac := func(f func(study.Result) study.Frac) func(study.Result) float64 {
		return func(r study.Result) float64 { return float64(f(r)) }
	}
	for _, m := range s.methods {
		cols := []string{m}
		for _, get := range []func(study.Result) float64{
			frac(func(r study.Result) study.Frac { return r.Overall }), ai,
			frac(func(r study.Result) study.Frac { return r.LargeAI }), frac(func(r study.Result) study.Frac { return r.SmallAI }),
			frac(func(r study.Result) study.Frac { return r.RAN }),
		} {
			cols = append(cols, pct(s.values(v, m, get)))
		}
		mean := func(get func(study.Result) float64) float64 { return stats.Mean(s.values(v, m, get)) }
		cols = append(cols,
			fmt.Sprintf("%.0f", mean(func(r study.Result) float64 { return float64(r.Completed) })),
			fmt.Sprintf("%.0f", mean(func(r study.Result) float64 { return float64(r.LargeAICompleted) })),
			fmt.Sprintf("%.3g", mean(func(r study.Result) float64 { return float64(r.AIMean) })),
			fmt.Sprintf("%g/%g", round1(mean(func(r study.Result) float64 { return float64(r.MigrationsLarge) })),
				round1(mean(func(r study.Result) float64 { return float64(r.MigrationsTotal) }))))
		b.WriteString("| " + strings.Join(cols, " | ") + " |\n")
	}
	return b.String()
}

// pct formats fractions xs as "mean% ± half" (the CI only with ≥ 2 values); "–" if none.
func pct(xs []float64) string {
	m, h := stats.CI95(xs)
	switch {
	case len(xs) == 0:
		return "–"
	case len(xs) == 1:
		return fmt.Sprintf("%.1f%%", 100*m)
	}
	return fmt.Sprintf("%.1f%% ± %.1f", 100*m, 100*h)
}

// signed formats a difference in points with its CI half-width when n ≥ 2.
func signed(mean, half float64, n int) string {
	if n < 2 {
		return fmt.Sprintf("%+.1f", mean)
	}
	return fmt.Sprintf("%+.1f ± %.1f", mean, half)
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

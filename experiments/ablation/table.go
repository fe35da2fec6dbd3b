package main

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/internal/stats"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/study"
)

// csvColumns are the columns of ablation.csv, one row per run, by their name in study.SummaryColumns.
var csvColumns = []string{"agent", "method", "load", "seed", "requests", "overall", "ran", "ai", "large_ai", "small_ai",
	"migrations_large", "migrations_total", "agent_epochs", "agent_fallbacks", "fallback_reasons", "critic_vetoes",
	"decision_latency_ms", "prompt_tokens"}

// paperRow is one published row of the paper's Table II (arXiv:2605.07547), fractions in [0,1].
type paperRow struct {
	agent              string
	haf                float64
	hafLarge, hafTotal int
	noc                float64
	nocLarge, nocTotal int
	gain               float64 // published critic gain, %
}

var paperTableII = []paperRow{
	{"qwen3:32b", 0.900, 1, 9, 0.847, 2, 16, 6.3},
	{"gpt-oss:20b", 0.896, 1, 6, 0.842, 2, 16, 6.5},
	{"qwen2.5:72b", 0.862, 1, 8, 0.835, 2, 16, 3.2},
	{"deepseek-r1:70b", 0.822, 1, 14, 0.814, 2, 16, 1.0},
	{"gpt-oss:120b", 0.882, 1, 10, 0.808, 2, 16, 9.1},
}

// sortResults orders results as the table reads: agents in --agents order (haf, then haf-nocritic),
// then the references, each by seed; so outputs do not depend on the order in which runs finish.
func sortResults(rs []study.Result, agents []string) []study.Result {
	group := func(r study.Result) int {
		for i, a := range agents {
			if r.Agent == a {
				return i
			}
		}
		return len(agents)
	}
	order := map[string]int{}
	for i, m := range append(append([]string(nil), agentMethods...), refMethods...) {
		order[m] = i
	}
	out := append([]study.Result(nil), rs...)
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ga, gb := group(a), group(b); ga != gb {
			return ga < gb
		}
		if a.Method != b.Method {
			return order[a.Method] < order[b.Method]
		}
		return a.Seed < b.Seed
	})
	return out
}

// writeCSV writes ablation.csv: the csvColumns of study.SummaryColumns, one row per run.
func writeCSV(path string, rs []study.Result) error {
	cols, err := study.SummaryColumns().Select(csvColumns...)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := cols.WriteCSV(&buf, rs); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// cell is the mean and 95 % CI half-width of one metric over the seeds of one (agent, method).
type cell struct {
	mean, half float64
	n          int
}

func aggregate(rs []study.Result, agentSpec, method string, get func(study.Result) float64) cell {
	var xs []float64
	for _, r := range rs {
		if r.Agent == agentSpec && r.Method == method {
			if v := get(r); !math.IsNaN(v) {
				xs = append(xs, v)
			}
		}
	}
	if len(xs) == 0 {
		return cell{mean: math.NaN()}
	}
	m, h := stats.CI95(xs)
	return cell{m, h, len(xs)}
}

func overall(r study.Result) float64 { return float64(r.Overall) }

func pct(c cell) string {
	switch {
	case c.n == 0 || math.IsNaN(c.mean):
		return "–"
	case c.n > 1:
		return fmt.Sprintf("%.1f%% ± %.1f", 100*c.mean, 100*c.half)
	}
	return fmt.Sprintf("%.1f%%", 100*c.mean)
}

// migrations is "large/total", the means over seeds rounded to 0.1.
func migrations(rs []study.Result, agentSpec, method string) string {
	l := aggregate(rs, agentSpec, method, func(r study.Result) float64 { return float64(r.MigrationsLarge) })
	t := aggregate(rs, agentSpec, method, func(r study.Result) float64 { return float64(r.MigrationsTotal) })
	if l.n == 0 {
		return "–"
	}
	return fmt.Sprintf("%g/%g", round1(l.mean), round1(t.mean))
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// gain is the critic's relative improvement of the overall fulfillment, haf/nocritic − 1, in %.
func gain(haf, noc cell) string {
	if haf.n == 0 || noc.n == 0 || math.IsNaN(haf.mean) || math.IsNaN(noc.mean) || noc.mean == 0 {
		return "–"
	}
	return fmt.Sprintf("%+.1f%%", 100*(haf.mean/noc.mean-1))
}

// gap is the lookahead's overall fulfillment minus c's, in percentage points.
func gap(ref, c cell) string {
	if ref.n == 0 || c.n == 0 || math.IsNaN(ref.mean) || math.IsNaN(c.mean) {
		return "–"
	}
	return fmt.Sprintf("%.1f pt", 100*(ref.mean-c.mean))
}

// table renders ablation.md: ours in the paper's Table II layout, the paper's published rows, and the
// agents' fallbacks to the heuristic.
func table(rs []study.Result, f *config) string {
	var b strings.Builder
	requests := "the scenario's request count"
	if f.Requests > 0 {
		requests = fmt.Sprintf("%d requests", f.Requests)
	}
	seeds := fmt.Sprintf("%d seeds from %d (mean ± 95 %% CI half-width)", f.Seeds, f.Seed)
	if f.Seeds == 1 {
		seeds = fmt.Sprintf("seed %d", f.Seed)
	}
	fmt.Fprintf(&b, "# Critic ablation at ρ = %g (the paper's Table II layout)\n\n", f.Load)
	fmt.Fprintf(&b, "Ours: %s, %s per run. Mig (L/tot): large-AI/total committed migrations per run. "+
		"Critic gain: HAF overall / HAF-NoCritic overall − 1. Gap to lookahead: the greedy one-interval lookahead's overall − HAF overall, in percentage points (the lookahead is not a bound; docs/bound.md).\n\n",
		seeds, requests)
	const head = "| LLM agent | HAF (+Critic) Overall | Mig (L/tot) | HAF-NoCritic Overall | Mig (L/tot) | Critic gain | Gap to lookahead |\n" +
		"|---|---|---|---|---|---|---|\n"
	b.WriteString(head)
	look := aggregate(rs, "", policy.MethodLookahead, overall)
	for _, a := range f.Agents {
		h, n := aggregate(rs, a, policy.MethodHAF, overall), aggregate(rs, a, policy.MethodHAFNoCritic, overall)
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", a, pct(h), migrations(rs, a, policy.MethodHAF), pct(n),
			migrations(rs, a, policy.MethodHAFNoCritic), gain(h, n), gap(look, h))
	}
	fmt.Fprintf(&b, "| lookahead (greedy, not a bound) | %s | %s | – | – | – | – |\n", pct(look), migrations(rs, "", policy.MethodLookahead))
	static := aggregate(rs, "", policy.MethodHAFStatic, overall)
	fmt.Fprintf(&b, "| haf-static (no placement) | %s | %s | – | – | – | %s |\n", pct(static),
		migrations(rs, "", policy.MethodHAFStatic), gap(look, static))

	b.WriteString("\n## paper (arXiv:2605.07547, Table II)\n\n")
	b.WriteString(head)
	for _, p := range paperTableII {
		fmt.Fprintf(&b, "| %s | %.1f%% | %d/%d | %.1f%% | %d/%d | %+.1f%% | – |\n", p.agent, 100*p.haf, p.hafLarge, p.hafTotal,
			100*p.noc, p.nocLarge, p.nocTotal, p.gain)
	}

	var fb []string
	for _, a := range f.Agents {
		if line := fallbacks(rs, a); line != "" {
			fb = append(fb, line)
		}
	}
	if len(fb) > 0 {
		b.WriteString("\n## Agent fallbacks to the heuristic\n\n")
		for _, l := range fb {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// fallbacks describes the fallbacks of agentSpec over all its runs, per method, or returns "" if
// there were none.
func fallbacks(rs []study.Result, agentSpec string) string {
	var parts []string
	for _, m := range agentMethods {
		n, epochs := 0, 0
		reasons := map[string]int{}
		for _, r := range rs {
			if r.Agent != agentSpec || r.Method != m {
				continue
			}
			n, epochs = n+r.AgentFallbacks, epochs+r.AgentEpochs
			for _, kv := range strings.Split(r.FallbackReasons, ";") {
				k, v, ok := strings.Cut(kv, "=")
				if c, err := strconv.Atoi(v); ok && err == nil {
					reasons[k] += c
				}
			}
		}
		if n == 0 {
			continue
		}
		keys := make([]string, 0, len(reasons))
		for k := range reasons {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			keys[i] = fmt.Sprintf("%s %d", k, reasons[k])
		}
		parts = append(parts, fmt.Sprintf("%s %d of %d epochs (%s)", m, n, epochs, strings.Join(keys, ", ")))
	}
	if len(parts) == 0 {
		return ""
	}
	return fmt.Sprintf("- %s: %s", agentSpec, strings.Join(parts, "; "))
}

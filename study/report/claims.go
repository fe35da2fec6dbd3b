package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
)

// Reference is the method the paper's claims are about.
const Reference = policy.MethodHAF

// baselines returns the methods of the paper's Table III other than Reference, in the paper's order.
func baselines(paper []scenario.Row) []string {
	var out []string
	seen := map[string]bool{Reference: true}
	for _, p := range paper {
		if p.HasDetails && !seen[p.Method] {
			seen[p.Method] = true
			out = append(out, p.Method)
		}
	}
	return out
}

// claims renders the paper's two headline claims per load: HAF's AI fulfillment against the best
// baseline (above it at ρ ≤ 1, the gap narrowing at saturation) and the lowest RAN-only fulfillment
// of any method (the floors protect every method: above 94 %).
func claims(rs []study.Result, paper []scenario.Row, methods []string, loads []float64) string {
	var b strings.Builder
	b.WriteString("\n# The paper's claims, checked per load\n\n")
	b.WriteString("| Load | HAF AI | best baseline | its AI | gap (points) | lowest RAN-only (method) |\n|---|---|---|---|---|---|\n")
	ai := func(r study.Result) float64 { return float64(r.AI) }
	ran := func(r study.Result) float64 { return float64(r.RAN) }
	for _, l := range loads {
		h, nh := aggregate(rs, l, Reference, ai)
		best, bestName, nb := cell{mean: math.NaN()}, "–", 0
		for _, m := range baselines(paper) {
			if c, n := aggregate(rs, l, m, ai); n > 0 && !(c.mean <= best.mean) {
				best, bestName, nb = c, m, n
			}
		}
		low, lowName, nl := cell{mean: math.NaN()}, "–", 0
		for _, m := range methods {
			if c, n := aggregate(rs, l, m, ran); n > 0 && !(c.mean >= low.mean) {
				low, lowName, nl = c, m, n
			}
		}
		gap := "–"
		if nh > 0 && nb > 0 {
			gap = fmt.Sprintf("%+.1f", 100*(h.mean-best.mean))
		}
		fmt.Fprintf(&b, "| %g | %s | %s | %s | %s | %s (%s) |\n", l, pct(h, nh), bestName, pct(best, nb), gap, pct(low, nl), lowName)
	}
	return b.String()
}

package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/policy/caora"
)

// report is everything report.md and report.json say.
type report struct {
	Config         *config
	Rows           []row        // the learning curve
	Start, End     []curvePoint // its first and last evaluated episode per load
	Final          []finalRow   // the final actor and HAF-Static at every load
	Scan           []scanRow    // fixed-α sensitivity
	TrainS, TotalS float64      // wall-clock seconds of training and of the whole command
}

// curvePoint is the first or last evaluated episode at one load.
type curvePoint struct {
	Load       float64 `json:"load"`
	Episode    int     `json:"episode"`
	MeanReward float64 `json:"mean_reward"`
	MeanShare  float64 `json:"mean_alpha"`
	Eval       fulfil  `json:"eval"`
}

// ends returns, per load, the first and the last evaluated episodes.
func ends(rows []row, loads []float64) (start, end []curvePoint) {
	for _, load := range loads {
		var first, last *row
		for i := range rows {
			if r := &rows[i]; r.Load == load && r.Eval != nil {
				if first == nil {
					first = r
				}
				last = r
			}
		}
		if first == nil {
			continue
		}
		pt := func(r *row) curvePoint {
			return curvePoint{Load: load, Episode: r.Episode, MeanReward: r.MeanReward, MeanShare: r.MeanShare, Eval: *r.Eval}
		}
		start, end = append(start, pt(first)), append(end, pt(last))
	}
	return start, end
}

func pct(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*x)
}

func (r report) markdown() string {
	var b strings.Builder
	c := r.Config
	fmt.Fprintf(&b, "# CAORA (SAC α-split) training\n\nReward: %s. %d episodes at ρ ∈ %v (%s requests at ρ = 1), SAC seed %d, evaluation seed %d; "+
		"warm-up %d transitions, %d gradient steps per epoch, batch %d, hidden %v, γ %g, learning rate %g. Training %.1f s, total %.1f s.\n\n",
		c.reward, c.Episodes, c.Loads, requestsLabel(c.Requests), c.Seed, c.EvalSeed, c.Warmup, c.Steps, c.Batch, c.Hidden, c.Gamma, c.LR, r.TrainS, r.TotalS)
	b.WriteString("## Learning curve: first vs last evaluated episode per load\n\n")
	b.WriteString("| load | episode | mean reward (training) | mean α (training) | eval overall | eval RAN | eval AI | eval mean α |\n|---|---|---|---|---|---|---|---|\n")
	for i := range r.Start {
		for _, p := range []curvePoint{r.Start[i], r.End[i]} {
			fmt.Fprintf(&b, "| %g | %d | %.4f | %.3f | %s | %s | %s | %.3f |\n", p.Load, p.Episode, p.MeanReward, p.MeanShare,
				pct(p.Eval.Overall), pct(p.Eval.RAN), pct(p.Eval.AI), p.Eval.MeanShare)
		}
	}
	b.WriteString("\n## Final actor vs HAF-Static (same workload seed, HAF's allocator in both)\n\n")
	b.WriteString("| load | method | overall | RAN-only | AI | large-AI | small-AI | mean α | large-AI completed |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, f := range r.Final {
		for _, m := range []struct {
			name string
			v    fulfil
		}{{caora.NameOf(c.reward), f.CAORA}, {"haf-static", f.HAFStatic}} {
			fmt.Fprintf(&b, "| %g | %s | %s | %s | %s | %s | %s | %s | %d |\n", f.Load, m.name, pct(m.v.Overall), pct(m.v.RAN),
				pct(m.v.AI), pct(m.v.Large), pct(m.v.Small), share(m.v.MeanShare), m.v.LargeDone)
		}
	}
	b.WriteString("\n## Sensitivity: fixed RAN share α on every mixed node (same seed)\n\n")
	b.WriteString("How much any α-split policy can gain here: the spread between the best and worst fixed α bounds what SAC can learn.\n\n")
	b.WriteString("| load | α | overall | RAN-only | AI | large-AI | small-AI |\n|---|---|---|---|---|---|---|\n")
	for _, s := range r.Scan {
		fmt.Fprintf(&b, "| %g | %g | %s | %s | %s | %s | %s |\n", s.Load, s.Alpha, pct(s.Eval.Overall), pct(s.Eval.RAN),
			pct(s.Eval.AI), pct(s.Eval.Large), pct(s.Eval.Small))
	}
	b.WriteString("\nPaper (Table III, ρ = 1): CAORA 74.3% / 97.1% / 50.8% / 0.5% / 100.0%; HAF-Static 74.1% / 96.6% / 50.8% / 0.4% / 100.0%.\n")
	return b.String()
}

func share(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.3f", x)
}

func requestsLabel(n int) string {
	if n == 0 {
		return "the scenario's"
	}
	return fmt.Sprint(n)
}

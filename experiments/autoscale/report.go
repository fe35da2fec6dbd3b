package main

import (
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/airansim/airansim/internal/plotutil"
	"github.com/airansim/airansim/internal/stats"
)

// paperAdmitted are the paper's admitted xApps in the prototype (§9); k8s-hpa is not in the paper.
var paperAdmitted = map[string]string{methodHAutoscale: "162", methodLBNoScale: "82", methodSingle: "40", methodK8sHPA: "–"}

// paperTable2 is the paper's Table 2: max xApps, average latency (ms), CPU utilisation (%) per S.
var paperTable2 = map[int]string{5: "800 / 250 / 60", 10: "1200 / 350 / 70", 15: "1400 / 500 / 80", 25: "1600 / 700 / 90"}

// pick returns the runs of a cell.
func pick(rs []result, m string, s int, up, hold float64) []result {
	var out []result
	for _, r := range rs {
		if r.Spec.Method == m && r.Spec.Servers == s && r.Spec.UpCPU == up && r.Spec.DownHold == hold {
			out = append(out, r)
		}
	}
	return out
}

// ci formats mean ± 95 % CI half-width of v over the runs.
func ci(rs []result, v func(result) float64, format string) string {
	xs := make([]float64, len(rs))
	for i, r := range rs {
		xs[i] = v(r)
	}
	m, h := stats.CI95(xs)
	if len(xs) < 2 {
		return fmt.Sprintf(format, m)
	}
	return fmt.Sprintf(format+" ± "+format, m, h)
}

// table renders table.md.
func table(f *config, rs []result) string {
	var b strings.Builder
	s0 := f.Servers[0]
	fmt.Fprintf(&b, "# ORAN-HAutoscaling prototype experiment (docs/autoscale.md)\n\n%d xApps (r1 KPM 400 ms, r2 MAC-RLC-PDCP 1 s, "+
		"r3 CPU-intensive 1 s), one every %g s; %g-core servers; horizon %g s; %d seed(s) from %d, mean ± 95 %% CI. "+
		"Admitted: xApps deployed before the first deployment window where a tenant has < %g of its requests within deadline.\n\n",
		f.XApps, interval(f.Interval, f.Horizon, f.XApps), f.Cores, f.Horizon, f.Seeds, f.Seed, f.SLAQuantile)
	fmt.Fprintf(&b, "## Methods at S = %d\n\n| method | admitted (paper) | admitted | SLA r1 | SLA r2 | SLA r3 | latency mean / p95 / p99 ms | CPU util | replica-s | scale events | flaps | collapsed runs | refused | crashes |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n", s0)
	for _, m := range f.Methods {
		sel := pick(rs, m, s0, f.UpCPU, f.DownHold)
		if len(sel) == 0 {
			continue
		}
		col := 0
		for _, r := range sel {
			if r.Collapse >= 0 {
				col++
			}
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s / %s / %s | %s | %s | %s | %s | %d/%d | %s | %s |\n", m, paperAdmitted[m],
			ci(sel, func(r result) float64 { return float64(r.Admitted) }, "%.1f"),
			ci(sel, func(r result) float64 { return 100 * r.SLA[0] }, "%.1f %%"),
			ci(sel, func(r result) float64 { return 100 * r.SLA[1] }, "%.1f %%"),
			ci(sel, func(r result) float64 { return 100 * r.SLA[2] }, "%.1f %%"),
			ci(sel, func(r result) float64 { return r.LatMean }, "%.0f"), ci(sel, func(r result) float64 { return r.LatP95 }, "%.0f"),
			ci(sel, func(r result) float64 { return r.LatP99 }, "%.0f"),
			ci(sel, func(r result) float64 { return 100 * r.CPUUtil }, "%.0f %%"),
			ci(sel, func(r result) float64 { return r.ReplicaSeconds }, "%.0f"),
			ci(sel, func(r result) float64 { return float64(r.ScaleUps + r.ScaleDowns) }, "%.1f"),
			ci(sel, func(r result) float64 { return float64(r.Flaps) }, "%.1f"), col, len(sel),
			ci(sel, func(r result) float64 { return float64(r.Refused) }, "%.1f"),
			ci(sel, func(r result) float64 { return float64(r.Crashes) }, "%.1f"))
	}
	if len(f.Servers) > 1 {
		fmt.Fprintf(&b, "\n## Table 2: servers S (hautoscale)\n\n| S | paper: max xApps / avg latency ms / CPU %% | admitted | latency mean ms | CPU util |\n|---|---|---|---|---|\n")
		for _, s := range f.Servers {
			sel := pick(rs, methodHAutoscale, s, f.UpCPU, f.DownHold)
			if len(sel) == 0 {
				continue
			}
			p := paperTable2[s]
			if p == "" {
				p = "–"
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", s, p, ci(sel, func(r result) float64 { return float64(r.Admitted) }, "%.1f"),
				ci(sel, func(r result) float64 { return r.LatMean }, "%.0f"), ci(sel, func(r result) float64 { return 100 * r.CPUUtil }, "%.0f %%"))
		}
	}
	if f.Sensitivity {
		fmt.Fprintf(&b, "\n## Threshold sensitivity (hautoscale, S = %d; the paper chose 80 %% and 180 s)\n\n| up CPU | idle hold s | admitted | scale events | flaps | p95 ms | replica-s |\n|---|---|---|---|---|---|---|\n", s0)
		for _, up := range f.UpGrid {
			for _, hold := range f.HoldGrid {
				sel := pick(rs, methodHAutoscale, s0, up, hold)
				if len(sel) == 0 {
					continue
				}
				fmt.Fprintf(&b, "| %g | %g | %s | %s | %s | %s | %s |\n", up, hold, ci(sel, func(r result) float64 { return float64(r.Admitted) }, "%.1f"),
					ci(sel, func(r result) float64 { return float64(r.ScaleUps + r.ScaleDowns) }, "%.1f"),
					ci(sel, func(r result) float64 { return float64(r.Flaps) }, "%.1f"),
					ci(sel, func(r result) float64 { return r.LatP95 }, "%.0f"), ci(sel, func(r result) float64 { return r.ReplicaSeconds }, "%.0f"))
			}
		}
	}
	return b.String()
}

// figures draws replicas and CPU over time (first seed, first S) and admitted xApps per method.
func figures(f *config, rs []result) error {
	s0 := f.Servers[0]
	var reps, cpu []plotutil.Series
	var groups []string
	ours, paper := plotutil.Bars{Name: "ours"}, plotutil.Bars{Name: "paper"}
	for _, m := range f.Methods {
		sel := pick(rs, m, s0, f.UpCPU, f.DownHold)
		if len(sel) == 0 {
			continue
		}
		r := sel[0]
		x, yr, yc := make([]float64, len(r.Series)), make([]float64, len(r.Series)), make([]float64, len(r.Series))
		for i, p := range r.Series {
			x[i], yr[i], yc[i] = p.T, p.Replicas, 100*p.CPU
		}
		reps = append(reps, plotutil.Series{Name: m, X: x, Y: yr})
		cpu = append(cpu, plotutil.Series{Name: m, X: x, Y: yc})
		groups = append(groups, m)
		xs := make([]float64, len(sel))
		for i, r := range sel {
			xs[i] = float64(r.Admitted)
		}
		mean, h := stats.CI95(xs)
		ours.Y, ours.YErr = append(ours.Y, mean), append(ours.YErr, h)
		pv := map[string]float64{methodHAutoscale: 162, methodLBNoScale: 82, methodSingle: 40}[m]
		if pv == 0 {
			pv = math.NaN()
		}
		paper.Y, paper.YErr = append(paper.Y, pv), append(paper.YErr, 0)
	}
	if len(groups) == 0 {
		return nil
	}
	pr, err := plotutil.LinePanel(fmt.Sprintf("RIC replicas, S = %d, seed %d", s0, f.Seed), "time (s)", "replicas", reps, 0, 0)
	if err != nil {
		return err
	}
	pc, err := plotutil.LinePanel("CPU utilisation of the active replicas", "time (s)", "CPU (%)", cpu, 0, 0)
	if err != nil {
		return err
	}
	pa, err := plotutil.BarPanel("Admitted xApps", "xApps", groups, []plotutil.Bars{ours, paper}, 0, 0)
	if err != nil {
		return err
	}
	for _, ext := range []string{".png", ".svg"} {
		if err := plotutil.SaveRow(filepath.Join(f.Out, "replicas"+ext), 16, 9, pr); err != nil {
			return err
		}
		if err := plotutil.SaveRow(filepath.Join(f.Out, "cpu"+ext), 16, 9, pc); err != nil {
			return err
		}
		if err := plotutil.SaveRow(filepath.Join(f.Out, "admitted"+ext), 16, 9, pa); err != nil {
			return err
		}
	}
	return nil
}

package main

import (
	"math"
	"path/filepath"

	"gonum.org/v1/plot"

	"github.com/airansim/airansim/internal/plotutil"
)

// figures writes fig5–fig9 as PNG and SVG.
func figures(f *config, pts []pointResult, szs []sizeResult) error {
	ms := collect(pts, szs)
	save := func(name string, w float64, panels ...*plot.Plot) error {
		for _, ext := range []string{".png", ".svg"} {
			if err := plotutil.SaveRow(filepath.Join(f.Out, name+ext), w, 9, panels...); err != nil {
				return err
			}
		}
		return nil
	}
	if len(szs) > 0 {
		if err := fig5(f, ms, save); err != nil {
			return err
		}
	}
	if len(pts) == 0 || len(f.Mixes) == 0 || len(f.Cases) == 0 {
		return nil
	}
	bars := func(fig, name string, scale float64) []plotutil.Bars {
		var out []plotutil.Bars
		for _, cs := range f.Cases {
			s := plotutil.Bars{Name: cs}
			for _, mx := range f.Mixes {
				m, h, _ := ms.get(fig, mx, cs, 0, name)
				s.Y, s.YErr = append(s.Y, scale*m), append(s.YErr, scale*h)
			}
			out = append(out, s)
		}
		return out
	}
	acc, err := plotutil.BarPanel("Fig. 6: acceptance, sharing on", "accepted intents (%)", f.Mixes, bars("6", "acceptance_share", 100), 0, 125)
	if err != nil {
		return err
	}
	br, err := plotutil.BarPanel("Fig. 6: branching, full + partial", "intents served at least in part (%)", f.Mixes, bars("6r", "branch_any", 100), 0, 125)
	if err != nil {
		return err
	}
	if err := save("fig6", 24, acc, br); err != nil {
		return err
	}
	on, err := plotutil.BarPanel("Fig. 7: cores, sharing on", "cores deployed", f.Mixes, bars("7", "cores_share", 1), 0, 0)
	if err != nil {
		return err
	}
	off, err := plotutil.BarPanel("Fig. 7: cores, sharing off", "cores deployed", f.Mixes, bars("7", "cores_noshare", 1), 0, 0)
	if err != nil {
		return err
	}
	on.Y.Max = 1.25 * math.Max(on.Y.Max, off.Y.Max) // room for the legend above the bars
	off.Y.Max = on.Y.Max
	if err := save("fig7", 24, on, off); err != nil {
		return err
	}
	ns, err := plotutil.BarPanel("Fig. 8: acceptance, sharing off", "accepted intents (%)", f.Mixes, bars("8", "acceptance_noshare", 100), 0, 125)
	if err != nil {
		return err
	}
	if err := save("fig8", 12, ns); err != nil {
		return err
	}
	var panels []*plot.Plot
	for _, cs := range f.Cases {
		var ts []plotutil.Bars
		for k, t := range tierCols {
			s := plotutil.Bars{Name: []string{"non-RT RIC", "near-RT RIC", "CU", "DU", "RU"}[k]}
			for _, mx := range f.Mixes {
				m, h, _ := ms.get("9", mx, cs, 0, "tier_"+t)
				s.Y, s.YErr = append(s.Y, 100*m), append(s.YErr, 100*h)
			}
			ts = append(ts, s)
		}
		p, err := plotutil.BarPanel("Fig. 9: where models run, "+cs, "deployed instances (%)", f.Mixes, ts, 0, 130)
		if err != nil {
			return err
		}
		panels = append(panels, p)
	}
	return save("fig9", 12*float64(len(panels)), panels...)
}

// fig5 plots variables and solve time against network size on log axes.
func fig5(f *config, ms *metrics, save func(string, float64, ...*plot.Plot) error) error {
	line := func(names, labels []string) []plotutil.Series {
		var out []plotutil.Series
		for k, name := range names {
			s := plotutil.Series{Name: labels[k]}
			for _, n := range f.Sizes {
				m, _, c := ms.get("5", "DT", "ALL", n, name)
				if c == 0 || !(m > 0) {
					continue
				}
				s.X, s.Y = append(s.X, float64(n)), append(s.Y, m)
			}
			out = append(out, s)
		}
		return out
	}
	vars, err := plotutil.LinePanel("Fig. 5: x variables", "nodes", "variables",
		line([]string{"vars_full", "vars_fp", "vars_fpap", "vars_exact"}, []string{"full", "FP", "FP+AP", "exact filters"}), 0, 0)
	if err != nil {
		return err
	}
	times, err := plotutil.LinePanel("Fig. 5: solve time", "nodes", "time (s)",
		line([]string{"cbc_s", "bb_s", "greedy_s", "branch_s"}, []string{"cbc", "SolveBB", "greedy", "branching"}), 0, 0)
	if err != nil {
		return err
	}
	for _, p := range []*plot.Plot{vars, times} {
		p.Y.Scale, p.Y.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
		p.X.Scale, p.X.Tick.Marker = plot.LogScale{}, plot.LogTicks{Prec: -1}
	}
	return save("fig5", 24, vars, times)
}

package main

import (
	"fmt"
	"math"
	"strings"

	"github.com/airansim/airansim/internal/plotutil"
	"github.com/airansim/airansim/internal/stats"
	"github.com/airansim/airansim/study"
)

// cellKey is one cell of the table: the runs of a load, delay and method over seeds.
type cellKey struct {
	load, delay float64
	method      string
}

// cells groups rs by load, delay and method, in order of first appearance (the specs' order).
func cells(rs []study.Result) ([]cellKey, map[cellKey][]study.Result) {
	var keys []cellKey
	by := map[cellKey][]study.Result{}
	for _, r := range rs {
		k := cellKey{r.Load, r.Extra["reconfigure_delay_s"], r.Method}
		if by[k] == nil {
			keys = append(keys, k)
		}
		by[k] = append(by[k], r)
	}
	return keys, by
}

// ci formats the mean ± 95 % CI half-width of get over rs with the format of one value (the ± part
// is left out for one run or a zero width).
func ci(rs []study.Result, format string, get func(study.Result) float64) string {
	xs := make([]float64, 0, len(rs))
	for _, r := range rs {
		if v := get(r); !math.IsNaN(v) {
			xs = append(xs, v)
		}
	}
	if len(xs) == 0 {
		return "–"
	}
	if len(xs) == 1 {
		return fmt.Sprintf(format, xs[0])
	}
	m, h := stats.CI95(xs)
	if h == 0 {
		return fmt.Sprintf(format, m)
	}
	return fmt.Sprintf(format+" ± "+format, m, h)
}

func pct(get func(study.Result) study.Frac) func(study.Result) float64 {
	return func(r study.Result) float64 { return 100 * float64(get(r)) }
}

func extra(name string) func(study.Result) float64 {
	return func(r study.Result) float64 {
		v, ok := r.Extra[name]
		if !ok {
			return math.NaN()
		}
		return v
	}
}

// table returns table.md: fulfillment per class and energy, then reconfiguration, scoring and the
// power cap, one row per load, delay and method (mean ± 95 % CI over seeds). Wall-clock scorer times
// are left out (they differ between machines; summary.csv has them).
func table(f *config, rs []study.Result) string {
	keys, by := cells(rs)
	var b strings.Builder
	fmt.Fprintf(&b, "## AITRAS scenario: fulfillment and energy (%%, mean ± 95 %% CI over seeds)\n\n")
	b.WriteString("| load | delay s | method | overall | RAN | AI | large-AI | small-AI | energy kJ | J per met |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|\n")
	for _, k := range keys {
		g := by[k]
		fmt.Fprintf(&b, "| %g | %g | %s | %s | %s | %s | %s | %s | %s | %s |\n", k.load, k.delay, k.method,
			ci(g, "%.1f", pct(func(r study.Result) study.Frac { return r.Overall })),
			ci(g, "%.1f", pct(func(r study.Result) study.Frac { return r.RAN })),
			ci(g, "%.1f", pct(func(r study.Result) study.Frac { return r.AI })),
			ci(g, "%.1f", pct(func(r study.Result) study.Frac { return r.LargeAI })),
			ci(g, "%.1f", pct(func(r study.Result) study.Frac { return r.SmallAI })),
			ci(g, "%.1f", func(r study.Result) float64 { return r.EnergyJ / 1000 }),
			ci(g, "%.2f", func(r study.Result) float64 { return float64(r.EnergyPerMetJ) }))
	}
	fmt.Fprintf(&b, "\n## Reconfiguration, scoring and the power cap (%g W for the whole site, monitoring forecast %g s ahead)\n\n", f.CapW, f.Horizon)
	b.WriteString("| load | delay s | method | migrations | MIG reconfigurations | node·s reconfiguring | scorer calls | scorer errors | max forecast W | epochs forecast > cap | max power W | epochs power > cap | epochs |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, k := range keys {
		g := by[k]
		fmt.Fprintf(&b, "| %g | %g | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", k.load, k.delay, k.method,
			ci(g, "%.1f", func(r study.Result) float64 { return float64(r.MigrationsTotal) }),
			ci(g, "%.1f", extra("reconfigurations")), ci(g, "%.1f", extra("reconfigure_node_s")),
			ci(g, "%.0f", extra("scorer_calls")), ci(g, "%.0f", extra("scorer_errors")),
			ci(g, "%.0f", extra("forecast_max_w")), ci(g, "%.1f", extra("forecast_over_cap_epochs")),
			ci(g, "%.0f", extra("power_max_w")), ci(g, "%.1f", extra("power_over_cap_epochs")),
			ci(g, "%.0f", extra("epochs")))
	}
	b.WriteString("\n## The dynamic-scoring method's own record (its forecast, its configuration peak, its hub)\n\n")
	b.WriteString("| load | delay s | method | deployed | refused | epochs in power-cap mode | max forecast W | epochs forecast > cap | max peak W | epochs peak > cap | its scorer calls | its scorer errors |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for _, k := range keys {
		g := by[k]
		if math.IsNaN(extra("ds_peak_max_w")(g[0])) {
			continue
		}
		fmt.Fprintf(&b, "| %g | %g | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", k.load, k.delay, k.method,
			ci(g, "%.1f", extra("ds_deployed")), ci(g, "%.1f", extra("ds_refused")), ci(g, "%.1f", extra("ds_power_cap_epochs")),
			ci(g, "%.0f", extra("ds_forecast_max_w")), ci(g, "%.1f", extra("ds_forecast_over_cap_epochs")),
			ci(g, "%.0f", extra("ds_peak_max_w")), ci(g, "%.1f", extra("ds_peak_over_cap_epochs")),
			ci(g, "%.0f", extra("ds_scorer_calls")), ci(g, "%.0f", extra("ds_scorer_errors")))
	}
	return b.String()
}

// overhead returns the scoring hub's wall-clock cost per run, for standard output only.
func overhead(rs []study.Result) string {
	keys, by := cells(rs)
	var b strings.Builder
	b.WriteString("scoring overhead (monitoring hub, wall clock; machine-dependent, not in table.md):\n")
	for _, k := range keys {
		g := by[k]
		fmt.Fprintf(&b, "  load %g delay %g %-28s %s ms per run, %s calls, run %s s\n", k.load, k.delay, k.method,
			ci(g, "%.2f", extra("scorer_wall_ms")), ci(g, "%.0f", extra("scorer_calls")),
			ci(g, "%.3f", func(r study.Result) float64 { return r.WallS }))
	}
	return b.String()
}

// figure writes base.png and base.svg: per method, fulfillment (overall, large-AI) and energy per met
// request at the first load and the first delay, mean ± 95 % CI over seeds.
func figure(base string, f *config, rs []study.Result) error {
	keys, by := cells(rs)
	var groups []string
	var overall, large, epm, over [4][]float64
	for _, k := range keys {
		if k.load != f.Loads[0] || k.delay != f.Delays[0] {
			continue
		}
		groups = append(groups, k.method)
		add := func(a *[4][]float64, get func(study.Result) float64) {
			xs := make([]float64, 0, len(by[k]))
			for _, r := range by[k] {
				if v := get(r); !math.IsNaN(v) {
					xs = append(xs, v)
				}
			}
			m, h := math.NaN(), 0.0
			if len(xs) == 1 {
				m = xs[0]
			} else if len(xs) > 1 {
				m, h = stats.CI95(xs)
			}
			a[0], a[1] = append(a[0], m), append(a[1], h)
		}
		add(&overall, pct(func(r study.Result) study.Frac { return r.Overall }))
		add(&large, pct(func(r study.Result) study.Frac { return r.LargeAI }))
		add(&epm, func(r study.Result) float64 { return float64(r.EnergyPerMetJ) })
		add(&over, extra("forecast_over_cap_epochs"))
	}
	if len(groups) == 0 {
		return nil
	}
	title := fmt.Sprintf("ρ = %g, reconfiguration %g s", f.Loads[0], f.Delays[0])
	p1, err := plotutil.BarPanel("Fulfillment, "+title, "%", groups,
		[]plotutil.Bars{{Name: "overall", Y: overall[0], YErr: overall[1]}, {Name: "large-AI", Y: large[0], YErr: large[1]}}, 0, 100)
	if err != nil {
		return err
	}
	p2, err := plotutil.BarPanel("Energy per met request", "J", groups, []plotutil.Bars{{Name: "J per met", Y: epm[0], YErr: epm[1]}}, 0, math.NaN())
	if err != nil {
		return err
	}
	p3, err := plotutil.BarPanel(fmt.Sprintf("Epochs with a forecast over %g W", f.CapW), "epochs", groups,
		[]plotutil.Bars{{Name: "forecast > cap", Y: over[0], YErr: over[1]}}, 0, math.NaN())
	if err != nil {
		return err
	}
	for _, ext := range []string{".png", ".svg"} {
		if err := plotutil.SaveRow(base+ext, 36, 10, p1, p2, p3); err != nil {
			return err
		}
	}
	return nil
}

package main

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/airansim/airansim/calibrate/fit"
	"github.com/airansim/airansim/internal/plotutil"
)

// Okabe–Ito colours, as in internal/plotutil: measurements blue, fitted lines vermillion.
var (
	pointColour = color.RGBA{0x00, 0x72, 0xB2, 0xFF}
	lineColour  = color.RGBA{0xD5, 0x5E, 0x00, 0xFF}
)

// savePlots draws the fits side by side: prefill and decode latency against tokens, and GPU memory
// against KV-cache slots when measured, each with its fitted line.
func savePlots(path string, r *fit.Result) error {
	panels := []*plot.Plot{}
	for _, p := range []struct {
		title, x, y, unit string
		l                 *fit.Line
		scale             float64
	}{
		{"Prefill", "prompt tokens", "prompt_eval_duration (ms)", "ms", &r.Prefill, 1e3},
		{"Decode", "output tokens", "eval_duration (ms)", "ms", &r.Decode, 1e3},
		{"KV cache", "KV-cache slots (tokens)", "GPU memory, " + r.KVSource + " (GB)", "GB", r.KV, 1},
	} {
		if p.l == nil {
			continue
		}
		pl, err := fitPanel(p.title, p.x, p.y, p.unit, *p.l, p.scale)
		if err != nil {
			return err
		}
		panels = append(panels, pl)
	}
	return plotutil.SaveRow(path, 11*float64(len(panels)), 9, panels...)
}

// fitPanel plots the points of l (y multiplied by scale, in unit) and its fitted line; the title
// gives the fitted line.
func fitPanel(title, xlabel, ylabel, unit string, l fit.Line, scale float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s: %.4g %s/token + %.3g %s", title, l.Slope*scale, unit, l.Intercept*scale, unit)
	p.X.Label.Text, p.Y.Label.Text = xlabel, ylabel
	p.X.Tick.Marker = plainTicks{}
	p.Legend.Top, p.Legend.Left = true, true
	p.Add(plotter.NewGrid())
	pts := make(plotter.XYs, l.N)
	for i := range pts {
		pts[i].X, pts[i].Y = l.X[i], l.Y[i]*scale
	}
	sc, err := plotter.NewScatter(pts)
	if err != nil {
		return nil, fmt.Errorf("calibrate: plot %s: %w", title, err)
	}
	sc.Color, sc.Shape, sc.Radius = pointColour, draw.CircleGlyph{}, vg.Points(2.5)
	lo, hi := slices.Min(l.X), slices.Max(l.X)
	line, err := plotter.NewLine(plotter.XYs{{X: lo, Y: l.At(lo) * scale}, {X: hi, Y: l.At(hi) * scale}})
	if err != nil {
		return nil, fmt.Errorf("calibrate: plot %s: %w", title, err)
	}
	line.Color, line.Width = lineColour, vg.Points(1.5)
	p.Add(sc, line)
	p.Legend.Add(fmt.Sprintf("measured (%d)", l.N), sc)
	p.Legend.Add(fmt.Sprintf("fit (R² %.4f)", l.R2), line)
	return p, nil
}

// plainTicks are gonum's default ticks labelled in the shortest form ("2500", not "2500.00").
type plainTicks struct{}

// Ticks implements plot.Ticker.
func (plainTicks) Ticks(lo, hi float64) []plot.Tick {
	t := plot.DefaultTicks{}.Ticks(lo, hi)
	for i := range t {
		if t[i].Label != "" {
			t[i].Label = strconv.FormatFloat(t[i].Value, 'g', -1, 64)
		}
	}
	return t
}

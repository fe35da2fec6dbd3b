package plotutil

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Bars is one named series of a grouped bar panel: one value per group.
type Bars struct {
	// Name labels the series in the legend. Empty: not in the legend.
	Name string
	// Y holds one value per group.
	Y []float64
	// YErr holds the half-widths of symmetric error bars, one per group.
	// Nil: no error bars.
	YErr []float64
}

// extraColours follow the palette for the 9th to 12th series of a bar
// panel, whose bars have no marker to tell equal colours apart (Paul Tol's
// wine, teal, indigo and olive).
var extraColours = [...]color.RGBA{
	{0x88, 0x22, 0x55, 0xFF},
	{0x44, 0xAA, 0x99, 0xFF},
	{0x33, 0x22, 0x88, 0xFF},
	{0x99, 0x99, 0x33, 0xFF},
}

// barColour returns the colour of the j-th series of a bar panel: the
// palette, then extraColours, then again from the start.
func barColour(j int) color.RGBA {
	k := j % (len(palette) + len(extraColours))
	if k < len(palette) {
		return palette[k]
	}
	return extraColours[k-len(palette)]
}

// groupWidth is the share of the unit spacing between groups that a
// group's bars take together.
const groupWidth = 0.8

// BarPanel returns a plot of grouped vertical bars: group g sits at x = g,
// labelled groups[g], with one bar per series side by side in series
// order, each series in its own colour (the palette of LinePanel, then four
// more: twelve distinct colours), with error bars where YErr is set, a
// horizontal grid and a legend at the top right. Bars start at 0. The x
// axis spans [−0.5, len(groups) − 0.5]; raise the returned plot's X.Max to
// leave the legend room right of the last group.
//
// If yMin < yMax the y axis spans [yMin, yMax]; otherwise it fits the data.
// A non-finite value draws no bar; a non-finite error draws none.
// BarPanel returns an error if there are no groups or a series' slices do
// not have one entry per group.
func BarPanel(title, ylabel string, groups []string, series []Bars, yMin, yMax float64) (*plot.Plot, error) {
	if len(groups) == 0 {
		return nil, fmt.Errorf("plotutil: bar panel %q has no groups", title)
	}
	p := plot.New()
	p.Title.Text = title
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Add(&plotter.Grid{Horizontal: plotter.NewGrid().Horizontal})
	w := groupWidth / float64(max(len(series), 1))
	for j, s := range series {
		if len(s.Y) != len(groups) || s.YErr != nil && len(s.YErr) != len(groups) {
			return nil, fmt.Errorf("plotutil: bars %q: %d values and %d errors for %d groups", s.Name, len(s.Y), len(s.YErr), len(groups))
		}
		if err := addBars(p, j, s, w, len(series)); err != nil {
			return nil, err
		}
	}
	p.NominalX(groups...)
	p.X.Min, p.X.Max = -0.5, float64(len(groups))-0.5
	if yMin < yMax {
		p.Y.Min, p.Y.Max = yMin, yMax
	}
	return p, nil
}

// addBars adds the j-th of n series as bars of width w (in group units).
func addBars(p *plot.Plot, j int, s Bars, w float64, n int) error {
	c := barColour(j)
	var thumb plot.Thumbnailer
	var centres plotter.XYs
	var errs plotter.YErrors
	for g, y := range s.Y {
		if !finite(y) {
			continue
		}
		x0 := float64(g) - groupWidth/2 + float64(j)*w
		poly, err := plotter.NewPolygon(plotter.XYs{{X: x0, Y: 0}, {X: x0 + w, Y: 0}, {X: x0 + w, Y: y}, {X: x0, Y: y}})
		if err != nil {
			return fmt.Errorf("plotutil: bars %q: %w", s.Name, err)
		}
		poly.Color = c
		poly.LineStyle.Width = 0
		p.Add(poly)
		thumb = poly
		if s.YErr != nil && finite(s.YErr[g]) {
			e := math.Abs(s.YErr[g])
			centres = append(centres, plotter.XY{X: x0 + w/2, Y: y})
			errs = append(errs, struct{ Low, High float64 }{e, e})
		}
	}
	if len(centres) > 0 {
		bars, err := plotter.NewYErrorBars(errPoints{XYs: centres, YErrors: errs})
		if err != nil {
			return fmt.Errorf("plotutil: bars %q: %w", s.Name, err)
		}
		bars.Width = vg.Points(0.75)
		bars.CapWidth = vg.Points(2)
		p.Add(bars)
	}
	if s.Name != "" && thumb != nil {
		p.Legend.Add(s.Name, thumb)
	}
	return nil
}

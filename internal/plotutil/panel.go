package plotutil

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Series is one named curve of a panel.
type Series struct {
	// Name labels the series in the legend. Empty: not in the legend.
	Name string
	// X and Y are the coordinates of the points, of equal length.
	X, Y []float64
	// YErr holds the half-widths of symmetric vertical error bars, one
	// per point, e.g. from stats.CI95. Nil: no error bars.
	YErr []float64
}

// palette is the Okabe–Ito colour-blind-safe palette, yellow last.
var palette = [...]color.RGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// glyphs are the marker shapes. Their number, 7, is prime to the
// palette's 8, so a colour–shape pair repeats only after 56 series.
var glyphs = [...]draw.GlyphDrawer{
	draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
	draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{}, draw.PyramidGlyph{},
}

// LinePanel returns a plot of series as lines with markers, each series in
// its own colour and marker shape (in order: blue circle, vermillion
// square, green triangle, …), with vertical error bars where YErr is set,
// a grid and a legend at the top right.
//
// If yMin < yMax the y axis spans [yMin, yMax]; otherwise it fits the data.
// Points with a non-finite X or Y are left out; a non-finite error is drawn
// as none. LinePanel returns an error if a series' slices differ in length.
func LinePanel(title, xlabel, ylabel string, series []Series, yMin, yMax float64) (*plot.Plot, error) {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.Top = true
	p.Add(plotter.NewGrid())
	for i, s := range series {
		if err := addSeries(p, i, s); err != nil {
			return nil, err
		}
	}
	if yMin < yMax {
		p.Y.Min, p.Y.Max = yMin, yMax
	}
	return p, nil
}

// addSeries adds the i-th series to p.
func addSeries(p *plot.Plot, i int, s Series) error {
	if len(s.X) != len(s.Y) || s.YErr != nil && len(s.YErr) != len(s.Y) {
		return fmt.Errorf("plotutil: series %q: lengths X %d, Y %d, YErr %d differ",
			s.Name, len(s.X), len(s.Y), len(s.YErr))
	}
	pts, errs := finitePoints(s)
	line, err := plotter.NewLine(pts)
	if err != nil {
		return fmt.Errorf("plotutil: series %q: %w", s.Name, err)
	}
	marks, err := plotter.NewScatter(pts)
	if err != nil {
		return fmt.Errorf("plotutil: series %q: %w", s.Name, err)
	}
	c := palette[i%len(palette)]
	line.Color = c
	line.Width = vg.Points(1.25)
	marks.Color = c
	marks.Shape = glyphs[i%len(glyphs)]
	marks.Radius = vg.Points(2.5)
	if len(pts) > 0 {
		p.Add(line, marks)
	}
	if s.YErr != nil && len(pts) > 0 {
		bars, err := plotter.NewYErrorBars(errPoints{XYs: pts, YErrors: errs})
		if err != nil {
			return fmt.Errorf("plotutil: series %q: %w", s.Name, err)
		}
		bars.Color = c
		bars.Width = vg.Points(1)
		p.Add(bars)
	}
	if s.Name != "" {
		p.Legend.Add(s.Name, line, marks)
	}
	return nil
}

// errPoints gives points with vertical errors to plotter.NewYErrorBars.
type errPoints struct {
	plotter.XYs
	plotter.YErrors
}

// finitePoints returns the points of s with finite coordinates and their
// error bars (zero where YErr is nil or not finite).
func finitePoints(s Series) (plotter.XYs, plotter.YErrors) {
	pts := make(plotter.XYs, 0, len(s.X))
	errs := make(plotter.YErrors, 0, len(s.X))
	for k := range s.X {
		x, y := s.X[k], s.Y[k]
		if !finite(x) || !finite(y) {
			continue
		}
		e := 0.0
		if s.YErr != nil && finite(s.YErr[k]) {
			e = math.Abs(s.YErr[k])
		}
		pts = append(pts, plotter.XY{X: x, Y: y})
		errs = append(errs, struct{ Low, High float64 }{e, e})
	}
	return pts, errs
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

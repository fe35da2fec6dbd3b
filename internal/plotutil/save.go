package plotutil

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/airansim/airansim/internal/output"
)

// PNGDPI is the resolution of PNG figures written by SaveRow, in dots per
// inch.
const PNGDPI = 200

// SaveRow draws panels side by side, left to right, on one white figure of
// widthCm × heightCm centimetres and writes it atomically to path in the
// format named by its extension: ".png" (PNGDPI dots per inch) or ".svg"
// (case-insensitive); call it once per format. The panels' data areas are
// aligned and equally sized; a nil panel leaves its slot empty. SVG output
// is byte-identical for identical panels.
//
// SaveRow returns an error for another extension, no panels, a
// non-positive size, or a failed write.
func SaveRow(path string, widthCm, heightCm float64, panels ...*plot.Plot) error {
	if len(panels) == 0 {
		return errors.New("plotutil: no panels to save")
	}
	if !(widthCm > 0 && heightCm > 0) {
		return fmt.Errorf("plotutil: figure size %g×%g cm is not positive", widthCm, heightCm)
	}
	w, h := vg.Length(widthCm)*vg.Centimeter, vg.Length(heightCm)*vg.Centimeter
	c, err := newCanvas(path, w, h)
	if err != nil {
		return err
	}
	dc := draw.New(c)
	fillBackground(dc)
	tiles := draw.Tiles{
		Rows: 1, Cols: len(panels),
		PadX:   4 * vg.Millimeter,
		PadTop: 2 * vg.Millimeter, PadBottom: 2 * vg.Millimeter,
		PadLeft: 2 * vg.Millimeter, PadRight: 2 * vg.Millimeter,
	}
	canvases := plot.Align([][]*plot.Plot{panels}, tiles, dc)
	for i, p := range panels {
		if p != nil {
			p.Draw(canvases[0][i])
		}
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return fmt.Errorf("plotutil: encoding %s: %w", path, err)
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// newCanvas returns a w × h canvas for the format named by path's
// extension.
func newCanvas(path string, w, h vg.Length) (vg.CanvasWriterTo, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		return newPNGCanvas(w, h), nil
	case ".svg":
		return vgsvg.New(w, h), nil
	default:
		return nil, fmt.Errorf("plotutil: %s: unsupported extension %q (want .png or .svg)", path, ext)
	}
}

// fillBackground paints the whole canvas white, so SVG figures are not
// transparent.
func fillBackground(c draw.Canvas) {
	var p vg.Path
	r := c.Rectangle
	p.Move(r.Min)
	p.Line(vg.Point{X: r.Max.X, Y: r.Min.Y})
	p.Line(r.Max)
	p.Line(vg.Point{X: r.Min.X, Y: r.Max.Y})
	p.Close()
	c.SetColor(color.White)
	c.Fill(p)
}

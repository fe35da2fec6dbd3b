package plotutil

import (
	"bytes"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot"
)

// panels returns two panels shaped like a load sweep.
func panels(t *testing.T) []*plot.Plot {
	t.Helper()
	x := []float64{0.75, 1, 1.25}
	a, err := LinePanel("AI", "load ρ", "fulfillment (%)", []Series{
		{Name: "HAF", X: x, Y: []float64{89.3, 85.3, 52}, YErr: []float64{1, 1.5, 2}},
		{Name: "Static", X: x, Y: []float64{60, 50.8, 50}},
	}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	b, err := LinePanel("RAN-only", "load ρ", "fulfillment (%)", []Series{
		{Name: "HAF", X: x, Y: []float64{96, 94.5, math.NaN()}, YErr: []float64{0.5, math.Inf(1), 0}},
	}, 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return []*plot.Plot{a, b}
}

func TestLinePanelErrors(t *testing.T) {
	tests := []struct {
		name string
		s    Series
	}{
		{"x longer", Series{X: []float64{1, 2}, Y: []float64{1}}},
		{"yerr shorter", Series{X: []float64{1, 2}, Y: []float64{1, 2}, YErr: []float64{1}}},
	}
	for _, tt := range tests {
		_, err := LinePanel("", "", "", []Series{tt.s}, 0, 0)
		if err == nil || !strings.HasPrefix(err.Error(), "plotutil: ") {
			t.Errorf("%s: err = %v, want plotutil: error", tt.name, err)
		}
	}
}

func TestLinePanelAxis(t *testing.T) {
	p, err := LinePanel("", "", "", []Series{{X: []float64{0, 1}, Y: []float64{2, 3}}}, 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Min != 0 || p.Y.Max != 10 {
		t.Errorf("y axis [%v, %v], want [0, 10]", p.Y.Min, p.Y.Max)
	}
}

func TestSaveRow(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		file    string
		w, h    float64
		panels  int // -1: nil panels
		wantErr bool
	}{
		{"png", "fig.png", 16, 6, 2, false},
		{"svg upper case", "fig.SVG", 16, 6, 2, false},
		{"single panel", "one.svg", 8, 6, 1, false},
		{"bad extension", "fig.pdf", 16, 6, 2, true},
		{"no extension", "fig", 16, 6, 2, true},
		{"no panels", "none.png", 16, 6, 0, true},
		{"zero size", "zero.png", 0, 6, 2, true},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, tt.file)
		err := SaveRow(path, tt.w, tt.h, panels(t)[:tt.panels]...)
		if tt.wantErr {
			if err == nil || !strings.HasPrefix(err.Error(), "plotutil: ") {
				t.Errorf("%s: err = %v, want plotutil: error", tt.name, err)
			}
			if _, serr := os.Stat(path); serr == nil {
				t.Errorf("%s: file written despite error", tt.name)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		b, err := os.ReadFile(path)
		if err != nil || len(b) == 0 {
			t.Fatalf("%s: %d bytes, %v", tt.name, len(b), err)
		}
		if strings.HasSuffix(tt.file, ".png") {
			img, err := png.Decode(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			// 16 cm at PNGDPI.
			if want := int(math.Round(16 / 2.54 * PNGDPI)); img.Bounds().Dx() != want {
				t.Errorf("%s: width %d px, want %d", tt.name, img.Bounds().Dx(), want)
			}
		}
	}
}

func TestSaveRowSVGDeterministic(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.svg"), filepath.Join(dir, "b.svg")
	if err := SaveRow(a, 16, 6, panels(t)...); err != nil {
		t.Fatal(err)
	}
	if err := SaveRow(b, 16, 6, panels(t)...); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(a)
	y, _ := os.ReadFile(b)
	if !bytes.Equal(x, y) {
		t.Error("two SVG writes of the same panels differ")
	}
}

package plotutil

import (
	"bytes"
	"image"
	"image/png"
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// TestPNGCanvasMatchesVgimg draws the same bar panel on pngCanvas and on vgimg's own PNG canvas over
// an image of the same whole number of pixels, and checks that the decoded images are the same: the
// context pngCanvas sets up is the one vgimg makes for itself.
func TestPNGCanvasMatchesVgimg(t *testing.T) {
	p, err := BarPanel("AI", "fulfillment (%)", []string{"a", "b"},
		[]Bars{{Name: "haf", Y: []float64{76, 80}, YErr: []float64{2, 3}}, {Name: "static", Y: []float64{45, math.NaN()}}}, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	w, h := 12*vg.Centimeter, 6*vg.Centimeter
	render := func(c vg.CanvasWriterTo) image.Image {
		dc := draw.New(c)
		fillBackground(dc)
		p.Draw(dc)
		var buf bytes.Buffer
		if _, err := c.WriteTo(&buf); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return img
	}
	got := render(newPNGCanvas(w, h))
	want := render(vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseImage(image.NewRGBA(got.Bounds())), vgimg.UseDPI(PNGDPI))})
	if got.Bounds() != want.Bounds() {
		t.Fatalf("bounds %v, want %v", got.Bounds(), want.Bounds())
	}
	differ := 0
	b := want.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if got.At(x, y) != want.At(x, y) {
				differ++
			}
		}
	}
	if differ != 0 {
		t.Errorf("%d of %d pixels differ from vgimg's canvas", differ, b.Dx()*b.Dy())
	}
}

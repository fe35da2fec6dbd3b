package plotutil

import (
	"bytes"
	"image"
	"image/png"
	"io"

	"git.sr.ht/~sbinet/gg"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/vgimg"
)

// pngCanvas is a raster canvas that draws straight into its RGBA image and is encoded at
// png.BestSpeed. A sweep writes its figures after its runs, while the other cores wait: vgimg's own
// canvas copies the blank image once before drawing and compresses harder, which together took most
// of that time. The layout takes the figure's size in whole pixels, as vgimg does for a canvas over an
// image; the file is somewhat larger.
type pngCanvas struct{ *vgimg.Canvas }

// newPNGCanvas returns a w × h canvas at PNGDPI.
func newPNGCanvas(w, h vg.Length) pngCanvas {
	px := func(l vg.Length) int { return int(float64(l/vg.Inch)*PNGDPI + 0.5) }
	img := image.NewRGBA(image.Rect(0, 0, px(w), px(h)))
	ctx := gg.NewContextForRGBA(img)
	ctx.SetLineCapButt() // as vgimg sets up the context it makes itself
	ctx.InvertY()
	return pngCanvas{vgimg.NewWith(vgimg.UseImageWithContext(img, ctx), vgimg.UseDPI(PNGDPI))}
}

// WriteTo encodes the image as PNG to w.
func (c pngCanvas) WriteTo(w io.Writer) (int64, error) {
	var buf bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.BestSpeed}).Encode(&buf, c.Image()); err != nil {
		return 0, err
	}
	return buf.WriteTo(w)
}

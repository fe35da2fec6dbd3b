package plotutil

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBarPanel(t *testing.T) {
	groups := []string{"paper", "split", "random"}
	good := []Bars{
		{Name: "haf", Y: []float64{76, 80, math.NaN()}, YErr: []float64{2, math.Inf(1), 1}},
		{Name: "static", Y: []float64{45, 78, 60}},
	}
	p, err := BarPanel("AI", "fulfillment (%)", groups, good, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	if p.Y.Min != 0 || p.Y.Max != 100 || p.X.Min != -0.5 || p.X.Max != 2.5 {
		t.Errorf("axes x [%v, %v] y [%v, %v], want x [−0.5, 2.5] y [0, 100]", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	dir := t.TempDir()
	for _, f := range []string{"bars.png", "bars.svg"} {
		if err := SaveRow(filepath.Join(dir, f), 20, 8, p); err != nil {
			t.Fatal(err)
		}
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	for name, tc := range map[string]struct {
		groups []string
		bars   []Bars
	}{
		"no groups":       {nil, good},
		"short values":    {groups, []Bars{{Name: "x", Y: []float64{1}}}},
		"short errors":    {groups, []Bars{{Name: "x", Y: []float64{1, 2, 3}, YErr: []float64{1}}}},
		"too many values": {groups, []Bars{{Name: "x", Y: []float64{1, 2, 3, 4}}}},
	} {
		if _, err := BarPanel("", "", tc.groups, tc.bars, 0, 0); err == nil || !strings.HasPrefix(err.Error(), "plotutil: ") {
			t.Errorf("%s: err = %v, want plotutil: error", name, err)
		}
	}
}

// TestBarColours: the first twelve series get twelve distinct colours.
func TestBarColours(t *testing.T) {
	seen := map[[4]uint8]int{}
	for j := range 12 {
		c := barColour(j)
		k := [4]uint8{c.R, c.G, c.B, c.A}
		if i, ok := seen[k]; ok {
			t.Errorf("series %d and %d share colour %v", i, j, c)
		}
		seen[k] = j
	}
}

package mig_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/mig"
)

// FuzzLayout parses and validates arbitrary layouts on every model: no panic, every error a
// LayoutError, and an accepted layout maps to seven partition specs within the GPU (compute ≤ 7/7 of
// the GPU's TFLOP/s, memory slices ≤ 8).
func FuzzLayout(f *testing.F) {
	for _, s := range []string{"4g.40gb@0,3g.40gb@4", "7g.80gb@0", "1g.10gb@6,1g.10gb@6", "3g.20gb@-4", "x@y", "", "1g.18gb+me@3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		l, err := mig.ParseLayout(strings.Split(in, ","))
		if err != nil {
			if !errors.Is(err, mig.ErrLayout) {
				t.Fatalf("%q: %v", in, err)
			}
			return
		}
		for _, name := range mig.Models() {
			m, _ := mig.Lookup(name)
			g := &mig.GPU{Name: "g", Model: m, TFLOPS: 7, Cores: 7}
			specs, err := g.Specs(l)
			if err != nil {
				var le *mig.LayoutError
				if !errors.As(err, &le) {
					t.Fatalf("%q on %s: %v", in, name, err)
				}
				continue
			}
			total := 0.0
			for _, sp := range specs {
				total += sp.GPU
			}
			if len(specs) != mig.Slots || total > 7+1e-9 {
				t.Fatalf("%q on %s: %d specs, %g TFLOP/s of 7", in, name, len(specs), total)
			}
		}
	})
}

package sim

import (
	"math"
	"testing"
)

// delayFunc is a Topology given by a delay function (rates not given).
type delayFunc func(a, b int) float64

func (f delayFunc) Delay(a, b int) float64 { return f(a, b) }
func (f delayFunc) Rate(a, b int) float64  { return math.Inf(1) }

// TestPathsDelayCodes checks that the delays the engine reads (hop) are the topology's, bit for bit,
// whether the topology is a uniform mesh, has at most 256 distinct delays (byte codes) or more (the
// float64 matrix).
func TestPathsDelayCodes(t *testing.T) {
	offDiag := func(f func(a, b int) float64) delayFunc {
		return func(a, b int) float64 {
			if a == b {
				return 0
			}
			return f(a, b)
		}
	}
	for _, tc := range []struct {
		name    string
		n       int
		topo    Topology
		coded   bool
		uniform bool
	}{
		{"full mesh", 40, FullMesh{HopDelay: 25e-6}, true, true},
		{"one node", 1, FullMesh{HopDelay: 25e-6}, true, false},
		{"full mesh of 0 s", 5, FullMesh{}, true, false},
		{"two values, not a mesh", 4, delayFunc(func(a, b int) float64 {
			if a == b || a+b == 3 {
				return 0
			}
			return 1e-6
		}), true, false},
		{"256 values", 40, offDiag(func(a, b int) float64 { return float64((a*40+b)%255+1) * 1e-6 }), true, false},
		{"257 values", 40, offDiag(func(a, b int) float64 { return float64((a*40+b)%256+1) * 1e-6 }), false, false},
		{"−0 and +0", 3, delayFunc(func(a, b int) float64 {
			if a != b && a == 0 {
				return math.Copysign(0, -1)
			}
			return 0
		}), true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, err := NewPaths(tc.topo, tc.n)
			if err != nil {
				t.Fatal(err)
			}
			if coded := p.code != nil; coded != tc.coded || p.uniform != tc.uniform {
				t.Fatalf("coded %v with %d values, uniform %v; want %v, %v", coded, len(p.values), p.uniform, tc.coded, tc.uniform)
			}
			for a := range tc.n {
				for b := range tc.n {
					got, want := p.hop(a, b), tc.topo.Delay(a, b)
					if math.Float64bits(got) != math.Float64bits(want) {
						t.Fatalf("delay %d→%d: %v, the topology gives %v", a, b, got, want)
					}
				}
			}
		})
	}
}

package allocator_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// refPairs pairs every allocator with its frozen reference copy (ref_test.go).
var refPairs = []struct {
	name     string
	got, ref sim.Allocator
}{
	{"HAF", allocator.HAF{}, allocator.RefHAF},
	{"EqualShare", allocator.EqualShare{}, allocator.RefEqualShare},
	{"MaxWeight", allocator.MaxWeight{}, allocator.RefMaxWeight},
	{"Proportional", allocator.Proportional{}, allocator.RefProportional},
}

// callAllocate runs a.Allocate on a copy of out and returns the output, the return value and the
// panic value (nil if none).
func callAllocate(a sim.Allocator, c float64, d []sim.Demand, out []float64) (o []float64, feasible bool, p any) {
	o = append([]float64(nil), out...)
	defer func() { p = recover() }()
	feasible = a.Allocate(c, d, o)
	return o, feasible, nil
}

// compareWithRef asserts that got and ref return the same value and bit-identical outputs (the whole
// of out, including the tail beyond len(d)), or panic with the same value. out is the initial content.
func compareWithRef(t *testing.T, name string, got, ref sim.Allocator, c float64, d []sim.Demand, out []float64) {
	t.Helper()
	go1, f1, p1 := callAllocate(got, c, d, out)
	ro, f2, p2 := callAllocate(ref, c, d, out)
	if p1 != nil || p2 != nil {
		if fmt.Sprint(p1) != fmt.Sprint(p2) {
			t.Fatalf("%s: panic %v, reference panics %v (C=%v d=%v)", name, p1, p2, c, d)
		}
		return // out after a panic is unspecified.
	}
	if f1 != f2 {
		t.Fatalf("%s: floorsFeasible = %v, reference %v (C=%v d=%v)", name, f1, f2, c, d)
	}
	for i := range ro {
		if math.Float64bits(go1[i]) != math.Float64bits(ro[i]) {
			t.Fatalf("%s: out[%d] = %v (%#x), reference %v (%#x) (C=%v d=%v)",
				name, i, go1[i], math.Float64bits(go1[i]), ro[i], math.Float64bits(ro[i]), c, d)
		}
	}
}

// specials are the edge values the differential test mixes into random inputs: signed zeros,
// negative residue, subnormals, the extremes of the normal range and values around 1.
var specials = []float64{
	0, math.Copysign(0, -1), -1e-17, -3, 5e-324, 1e-310, 2.2250738585072014e-308, 1e-300, 0x1p-1000, 0x1p-900,
	0x1.0000000000001p-900, 0x1.fffffffffffffp-901,
	1e-150, 1, 1 + 0x1p-52, 3, 1e150, 0x1p1000, 1e300, 1e307, 1.7976931348623157e308, -1e308,
}

// randValue draws a finite value: a special one, a log-uniform one over the whole range (sometimes
// negative), or one already drawn (ties).
func randValue(r *rand.Rand, seen []float64) float64 {
	switch r.IntN(8) {
	case 0, 1:
		return specials[r.IntN(len(specials))]
	case 2:
		if len(seen) > 0 {
			return seen[r.IntN(len(seen))]
		}
		return 0
	case 3:
		return -math.Ldexp(r.Float64(), r.IntN(100)-60)
	case 4:
		return math.Ldexp(r.Float64(), r.IntN(2098)-1074)
	default:
		return math.Ldexp(0.5+r.Float64()/2, r.IntN(60)-30)
	}
}

// randomEdgeInstance draws a capacity and 1..20 demands mixing typical engine values, edge values and
// ties, with floors scaled to sum below, at or above the capacity; rarely a NaN or ±Inf (a panic case).
func randomEdgeInstance(r *rand.Rand) (float64, []sim.Demand) {
	if r.IntN(3) == 0 {
		c, d := randomInstance(r)
		if r.IntN(2) == 0 {
			d = randomDemands(r, c, logUniform(r, 0.5, 2))
		}
		return c, d
	}
	var seen []float64
	v := func() float64 {
		x := randValue(r, seen)
		seen = append(seen, x)
		return x
	}
	c := v()
	d := make([]sim.Demand, 1+r.IntN(20))
	for i := range d {
		d[i] = sim.Demand{Work: v(), Urgency: v(), Floor: v()}
		if r.IntN(3) == 0 {
			d[i].Floor = 0
		}
		if r.IntN(6) == 0 {
			d[i].Work = 0
		}
		if r.IntN(6) == 0 {
			d[i].Urgency = 0
		}
		if r.IntN(8) == 0 && i > 0 {
			d[i] = d[r.IntN(i)]
		}
	}
	if r.IntN(3) == 0 { // At most one instance with ω·Ψ > 0, the others idle in one of three ways.
		keep := r.IntN(len(d) + 1)
		for i := range d {
			switch {
			case i == keep:
			case r.IntN(3) == 0:
				d[i].Work = 0
			case r.IntN(2) == 0:
				d[i].Urgency = math.Copysign(0, -1)
			default:
				d[i].Work, d[i].Urgency = 0, 0
			}
		}
	}
	if r.IntN(4) == 0 { // Floors summing to a multiple of the capacity near 1.
		sf := floorSum(d)
		if sf > 0 && c > 0 {
			s := []float64{1, 1 - 0x1p-52, 1 + 0x1p-52, 0.5, 2}[r.IntN(5)] * c / sf
			for i := range d {
				d[i].Floor *= s
			}
		}
	}
	if r.IntN(200) == 0 {
		bad := []float64{math.NaN(), math.Inf(1), math.Inf(-1)}[r.IntN(3)]
		switch i := r.IntN(len(d)); r.IntN(4) {
		case 0:
			c = bad
		case 1:
			d[i].Work = bad
		case 2:
			d[i].Urgency = bad
		default:
			d[i].Floor = bad
		}
	}
	return c, d
}

// TestAllocatorsMatchReference checks that every allocator is bit-identical to its frozen reference
// copy on many random inputs with edge values, including the return value, the tail of out beyond
// len(d), panics and their messages, and an out shorter than d.
func TestAllocatorsMatchReference(t *testing.T) {
	n := 200000
	if testing.Short() {
		n = 20000
	}
	r := rand.New(rand.NewPCG(7, 11))
	for range n {
		c, d := randomEdgeInstance(r)
		out := make([]float64, len(d)+r.IntN(3))
		for i := range out {
			out[i] = randValue(r, nil)
		}
		if r.IntN(500) == 0 {
			out = out[:r.IntN(len(d))]
		}
		for _, p := range refPairs {
			compareWithRef(t, p.name, p.got, p.ref, c, d, out)
		}
	}
}

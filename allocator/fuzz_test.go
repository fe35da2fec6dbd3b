package allocator_test

import (
	"encoding/binary"
	"fmt"
	"math"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// decodeDemands reads up to 12 demands from data, 24 bytes (three little-endian float64) each, and
// reports whether every value is finite (the allocators' contract; NaN and ±Inf panic instead).
func decodeDemands(data []byte) ([]sim.Demand, bool) {
	var d []sim.Demand
	for len(data) >= 24 && len(d) < 12 {
		v := make([]float64, 3)
		for j := range v {
			v[j] = math.Float64frombits(binary.LittleEndian.Uint64(data[8*j:]))
			if math.IsNaN(v[j]) || math.IsInf(v[j], 0) {
				return nil, false
			}
		}
		d = append(d, sim.Demand{Work: v[0], Urgency: v[1], Floor: v[2]})
		data = data[24:]
	}
	return d, true
}

// encodeDemands is the inverse of decodeDemands, for seeding the corpus.
func encodeDemands(d ...sim.Demand) []byte {
	var b []byte
	for _, v := range d {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Work))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Urgency))
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Floor))
	}
	return b
}

// fuzzAllocator asserts the shared invariants (no NaN, non-negative, Σ ≤ C, floors met when feasible,
// proportional scaling otherwise) on arbitrary finite inputs, including negative and extreme ones, and
// that a is bit-identical to ref, its frozen reference copy (see diff_test.go), on every input,
// including non-finite ones (the same panic).
func fuzzAllocator(f *testing.F, a, ref sim.Allocator) {
	f.Add(10.0, encodeDemands(dm(1, 0), dm(4, 2), sim.Demand{Work: 3}))
	f.Add(1.0, encodeDemands(dm(1, 0.7), dm(1, 0.6)))
	f.Add(1e-300, encodeDemands(dm(1e300, 1e-301), dm(1e-300, 0)))
	f.Add(1.7e308, encodeDemands(dm(1e300, 1e308), dm(1e-300, 1e307)))
	f.Add(-1.0, encodeDemands(sim.Demand{Work: -1, Urgency: -2, Floor: -3}))
	f.Fuzz(func(t *testing.T, c float64, data []byte) {
		compareWithRef(t, fmt.Sprintf("%T", a), a, ref, c, decodeAll(data), make([]float64, len(data)/24))
		d, ok := decodeDemands(data)
		if !ok || math.IsNaN(c) || math.IsInf(c, 0) {
			t.Skip("outside the contract: non-finite input panics")
		}
		out := make([]float64, len(d))
		feasible := a.Allocate(c, d, out)
		checkInvariants(t, c, d, out, feasible)
	})
}

// decodeAll reads every whole 24-byte demand of data, non-finite values included.
func decodeAll(data []byte) []sim.Demand {
	var d []sim.Demand
	for ; len(data) >= 24; data = data[24:] {
		d = append(d, sim.Demand{
			Work:    math.Float64frombits(binary.LittleEndian.Uint64(data)),
			Urgency: math.Float64frombits(binary.LittleEndian.Uint64(data[8:])),
			Floor:   math.Float64frombits(binary.LittleEndian.Uint64(data[16:])),
		})
	}
	return d
}

func FuzzHAF(f *testing.F)        { fuzzAllocator(f, allocator.HAF{}, allocator.RefHAF) }
func FuzzEqualShare(f *testing.F) { fuzzAllocator(f, allocator.EqualShare{}, allocator.RefEqualShare) }
func FuzzMaxWeight(f *testing.F)  { fuzzAllocator(f, allocator.MaxWeight{}, allocator.RefMaxWeight) }
func FuzzProportional(f *testing.F) {
	fuzzAllocator(f, allocator.Proportional{}, allocator.RefProportional)
}

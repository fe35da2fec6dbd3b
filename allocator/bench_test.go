package allocator_test

import (
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// bench12 is a node with 12 instances: 6 RAN functions with floors (two of them binding), 6 AI
// instances with work spread over four orders of magnitude, one of them idle. C = 100 (TFLOP/s).
func bench12() (float64, []sim.Demand) {
	return 100, []sim.Demand{
		{Work: 0.05, Urgency: 2000, Floor: 12}, {Work: 0.02, Urgency: 1500, Floor: 9},
		{Work: 0.01, Urgency: 800, Floor: 2}, {Work: 0.01, Urgency: 900, Floor: 1.5},
		{Work: 0.03, Urgency: 1000, Floor: 3}, {Work: 0.02, Urgency: 700, Floor: 2.5},
		{Work: 120, Urgency: 3}, {Work: 35, Urgency: 6}, {Work: 4, Urgency: 12},
		{Work: 0.8, Urgency: 20}, {Work: 0.2, Urgency: 50}, {},
	}
}

// bench4 is a typical GPU node of the paper scenario: a DU with a binding floor, a large-AI and two
// small-AI instances, one of them idle. C = 40 (TFLOP/s).
func bench4() (float64, []sim.Demand) {
	return 40, []sim.Demand{
		{Work: 0.05, Urgency: 2000, Floor: 12}, {Work: 60, Urgency: 4}, {Work: 0.3, Urgency: 30}, {},
	}
}

func benchAllocator(b *testing.B, a sim.Allocator, node func() (float64, []sim.Demand)) {
	c, d := node()
	out := make([]float64, len(d))
	b.ReportAllocs()
	for b.Loop() {
		a.Allocate(c, d, out)
	}
}

func BenchmarkHAF12(b *testing.B)          { benchAllocator(b, allocator.HAF{}, bench12) }
func BenchmarkEqualShare12(b *testing.B)   { benchAllocator(b, allocator.EqualShare{}, bench12) }
func BenchmarkMaxWeight12(b *testing.B)    { benchAllocator(b, allocator.MaxWeight{}, bench12) }
func BenchmarkProportional12(b *testing.B) { benchAllocator(b, allocator.Proportional{}, bench12) }
func BenchmarkHAF4(b *testing.B)           { benchAllocator(b, allocator.HAF{}, bench4) }

// BenchmarkHAFEngine cycles through 1024 random nodes drawn like the calls of the paper scenario at
// ρ = 1 (BenchmarkEnginePaper; measured over its 134,046 calls): 2, 3 or 5 instances, each idle
// (ω = Ψ = 0) with probability 0.8 so that over half of the calls see only idle instances, and 4 % of
// the instances with a floor. The time is per call.
func BenchmarkHAFEngine(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	cs := make([]float64, 1024)
	ds := make([][]sim.Demand, len(cs))
	for i := range cs {
		cs[i] = logUniform(r, 1, 100)
		ds[i] = make([]sim.Demand, []int{2, 3, 5}[r.IntN(3)])
		for j := range ds[i] {
			if r.Float64() >= 0.8 {
				ds[i][j] = sim.Demand{Work: logUniform(r, 1e-4, 1e2), Urgency: logUniform(r, 1e-1, 1e4)}
			}
			if r.Float64() < 0.04 {
				ds[i][j].Floor = r.Float64() * cs[i] / 5
			}
		}
	}
	benchNodes(b, cs, ds)
}

// benchNodes calls HAF.Allocate on each node (cs[i], ds[i]) in turn; the time is per call.
func benchNodes(b *testing.B, cs []float64, ds [][]sim.Demand) {
	out := make([]float64, 12)
	var a sim.Allocator = allocator.HAF{}
	i := 0
	for b.Loop() {
		a.Allocate(cs[i], ds[i], out)
		i = (i + 1) % len(cs)
	}
}

// BenchmarkHAFRandom cycles through 1024 random nodes (randomInstance: 1..12 instances, feasible
// floors), so that branches are as unpredictable as in the engine. The time is per call.
func BenchmarkHAFRandom(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	cs := make([]float64, 1024)
	ds := make([][]sim.Demand, len(cs))
	for i := range cs {
		cs[i], ds[i] = randomInstance(r)
	}
	benchNodes(b, cs, ds)
}

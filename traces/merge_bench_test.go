package traces

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/sim"
)

// poissonSource is an endless synthetic Poisson source (rate 1/s) for BenchmarkMerge; it is a
// sim.SourceFiller, like the package's sources.
type poissonSource struct {
	rng *rand.Rand
	t   float64
}

func (p *poissonSource) Next() (sim.Request, bool, error) {
	var r sim.Request
	ok, err := p.NextInto(&r)
	return r, ok, err
}

func (p *poissonSource) NextInto(r *sim.Request) (bool, error) {
	p.t += p.rng.ExpFloat64()
	*r = sim.Request{Arrival: p.t}
	return true, nil
}

// BenchmarkMerge measures Merge's cost per request (one op) over k endless Poisson sources.
func BenchmarkMerge(b *testing.B) {
	for _, k := range []int{4, 16, 64, 256} {
		b.Run(fmt.Sprintf("k=%d", k), func(b *testing.B) {
			srcs := make([]sim.Source, k)
			for i := range srcs {
				srcs[i] = &poissonSource{rng: rand.New(rand.NewPCG(uint64(i), 7))}
			}
			m := Merge(srcs...).(sim.SourceFiller)
			var r sim.Request
			for b.Loop() {
				if ok, err := m.NextInto(&r); !ok || err != nil {
					b.Fatal(ok, err)
				}
			}
		})
	}
}

// BenchmarkMergeCrossover runs both of Merge's modes (scan and heap) over k endless Poisson sources
// around mergeScanMax, where the heap starts to pay.
func BenchmarkMergeCrossover(b *testing.B) {
	for _, k := range []int{2, 4, 6, 8, 10, 12, 16, 24} {
		for _, useHeap := range []bool{false, true} {
			b.Run(fmt.Sprintf("k=%d/heap=%v", k, useHeap), func(b *testing.B) {
				srcs := make([]sim.Source, k)
				for i := range srcs {
					srcs[i] = &poissonSource{rng: rand.New(rand.NewPCG(uint64(i), 7))}
				}
				m := newMerged(useHeap, srcs)
				var r sim.Request
				for b.Loop() {
					if ok, err := m.NextInto(&r); !ok || err != nil {
						b.Fatal(ok, err)
					}
				}
			})
		}
	}
}

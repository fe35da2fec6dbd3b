package calq

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// The hold model: n ids pending; an operation pops the minimum and re-queues it at its time plus
// an increment (exponential or uniform, mean 1), with a fresh tie, as a simulation's events do. The
// rekey variant first moves a random queued id to now + an increment, as a node's timer is re-armed,
// then does the hold step; its ns/op covers both. Increments and ids come from precomputed tables.

var holdSizes = []int{2, 8, 32, 300, 1000, 5000}

const tableLen = 1 << 12

// holdTables returns increments with mean 1 (exponential, or uniform on [0, 2)) and random ids in [0, n).
func holdTables(n int, uniform bool) ([]float64, []int32) {
	rng := rand.New(rand.NewPCG(1, uint64(n)))
	incs, ids := make([]float64, tableLen), make([]int32, tableLen)
	for i := range incs {
		if uniform {
			incs[i] = 2 * rng.Float64()
		} else {
			incs[i] = rng.ExpFloat64()
		}
		ids[i] = int32(rng.IntN(n))
	}
	return incs, ids
}

func BenchmarkHold(b *testing.B)        { benchHold(b, false, false) }
func BenchmarkHoldUniform(b *testing.B) { benchHold(b, true, false) }
func BenchmarkHoldRekey(b *testing.B)   { benchHold(b, false, true) }

func benchHold(b *testing.B, uniform, rekey bool) {
	for _, n := range holdSizes {
		incs, ids := holdTables(n, uniform)
		b.Run(fmt.Sprintf("n=%d/impl=calq", n), func(b *testing.B) {
			b.ReportAllocs()
			var q Queue
			for i := range n {
				q.Set(int32(i), incs[i%tableLen], uint64(i))
			}
			holdCalq(&q, incs, ids, 20*n+tableLen, rekey, uint64(n)) // reach the steady state
			b.ResetTimer()
			holdCalq(&q, incs, ids, b.N, rekey, 1<<40)
		})
		b.Run(fmt.Sprintf("n=%d/impl=heap", n), func(b *testing.B) {
			b.ReportAllocs()
			var q refHeap
			for i := range n {
				q.Set(int32(i), incs[i%tableLen], uint64(i))
			}
			holdHeap(&q, incs, ids, 20*n+tableLen, rekey, uint64(n))
			b.ResetTimer()
			holdHeap(&q, incs, ids, b.N, rekey, 1<<40)
		})
	}
}

func holdCalq(q *Queue, incs []float64, ids []int32, ops int, rekey bool, seq uint64) {
	now := 0.0
	for i := 0; i < ops; i++ {
		k := i & (tableLen - 1)
		if rekey {
			seq++
			q.Set(ids[k], now+incs[k^1], seq)
		}
		id, _ := q.PopMin()
		now, _ = q.Key(id)
		seq++
		q.Set(id, now+incs[k], seq)
	}
}

func holdHeap(q *refHeap, incs []float64, ids []int32, ops int, rekey bool, seq uint64) {
	now := 0.0
	for i := 0; i < ops; i++ {
		k := i & (tableLen - 1)
		if rekey {
			seq++
			q.Set(ids[k], now+incs[k^1], seq)
		}
		id, _ := q.PopMin()
		now, _ = q.Key(id)
		seq++
		q.Set(id, now+incs[k], seq)
	}
}

// TestHoldAllocs checks that the steady state of the hold model allocates nothing.
func TestHoldAllocs(t *testing.T) {
	for _, n := range holdSizes {
		incs, ids := holdTables(n, false)
		var q Queue
		for i := range n {
			q.Set(int32(i), incs[i%tableLen], uint64(i))
		}
		holdCalq(&q, incs, ids, 20*n, true, uint64(n))
		if a := testing.AllocsPerRun(100, func() { holdCalq(&q, incs, ids, 100, true, 1<<40) }); a != 0 {
			t.Errorf("n=%d: %v allocations per 100 operations, want 0", n, a)
		}
	}
}

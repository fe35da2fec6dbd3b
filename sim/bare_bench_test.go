package sim_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/internal/cputime"
)

// This file is the yardstick of issue 16: one M/M/1-PS queue simulated by a bare event loop, with no
// abstractions (no Source, no Allocator, no slab of requests): the next arrival is drawn on the fly,
// the server keeps virtual time v and a min-heap of the members' virtual finishing times. It draws
// the same random numbers as BenchmarkEngineMM1 (arrival gaps and work from one PCG stream), so the
// ratio of the two is the cost of the engine's abstractions.

// bareMM1 simulates n requests of an M/M/1-PS queue at utilisation rho (mean work 1, rate 1) and
// returns the mean time in system.
func bareMM1(n int, rho float64, seed uint64) float64 {
	rng := rand.New(rand.NewPCG(seed, 1))
	var (
		fin     []float64 // min-heap of virtual finishing times
		v, last float64   // virtual time and the time it was last advanced
		arrive  []float64 // arrival time of each member, by heap position (kept in step with fin)
		sumT    float64
		done    int
	)
	na := 0.0 // next arrival
	work := rng.ExpFloat64()
	na2 := rng.ExpFloat64() / rho
	for done < n {
		nd := math.Inf(1)
		if k := len(fin); k > 0 {
			nd = last + (fin[0]-v)*float64(k)
		}
		if na < nd || len(fin) == 0 {
			if k := len(fin); k > 0 {
				v += (na - last) / float64(k)
			}
			last = na
			fin, arrive = pushBare(fin, arrive, v+work, na)
			work = rng.ExpFloat64()
			na, na2 = na2, na2+rng.ExpFloat64()/rho
			continue
		}
		v, last = fin[0], nd
		sumT += nd - arrive[0]
		fin, arrive = popBare(fin, arrive)
		done++
		if len(fin) == 0 {
			v = 0
		}
	}
	return sumT / float64(done)
}

func pushBare(h, a []float64, x, t float64) ([]float64, []float64) {
	h, a = append(h, x), append(a, t)
	for j := len(h) - 1; j > 0; {
		i := (j - 1) / 2
		if h[i] <= h[j] {
			break
		}
		h[i], h[j], a[i], a[j] = h[j], h[i], a[j], a[i]
		j = i
	}
	return h, a
}

func popBare(h, a []float64) ([]float64, []float64) {
	n := len(h) - 1
	h[0], a[0] = h[n], a[n]
	h, a = h[:n], a[:n]
	for i := 0; ; {
		l := 2*i + 1
		if l >= n {
			break
		}
		j := l
		if r := l + 1; r < n && h[r] < h[l] {
			j = r
		}
		if h[i] <= h[j] {
			break
		}
		h[i], h[j], a[i], a[j] = h[j], h[i], a[j], a[i]
		i = j
	}
	return h, a
}

// mm1Requests is the number of requests of one run of the M/M/1-PS benchmarks.
const mm1Requests = 100000

// BenchmarkBareMM1 runs the bare event loop for one M/M/1-PS queue at ρ = 0.7 and reports requests
// per second: the yardstick for BenchmarkEngineMM1.
func BenchmarkBareMM1(b *testing.B) {
	var reqs int
	c0 := cputime.Now()
	for b.Loop() {
		if t := bareMM1(mm1Requests, 0.7, 1); !(t > 0) {
			b.Fatal("no time in system")
		}
		reqs += mm1Requests
	}
	b.ReportMetric(float64(reqs)/b.Elapsed().Seconds(), "requests/s")
	cputime.Report(b, float64(reqs), cputime.Now()-c0, "requests/cpu-s")
}

// TestBareMM1 checks the bare loop against queueing theory: the mean time in system of an M/M/1-PS
// queue is E[S]/(1 − ρ) = 1/(1 − ρ).
func TestBareMM1(t *testing.T) {
	const rho = 0.5
	got := bareMM1(400000, rho, 2)
	if want := 1 / (1 - rho); math.Abs(got-want) > 0.05*want {
		t.Errorf("mean time in system %.4f, want %.4f ± 5 %%", got, want)
	}
}

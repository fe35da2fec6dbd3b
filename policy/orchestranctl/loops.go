package orchestranctl

import (
	"container/heap"
	"math"

	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Loop is one control loop: an accepted tuple (i, f, d) of an epoch, served by one model on one
// host, issuing one request every DeadlineS seconds (its control period: a loop must finish one
// iteration before the next) from its epoch's start (after a random phase) to the next epoch, and
// in the last epoch up to δ before the horizon, so that every request's deadline falls in the run.
type Loop struct {
	Flow      int     // the requests' sim.Request.Flow, 1 + the loop's index in Schedule.Loops
	Epoch     int     // index into Schedule.Epochs
	Intent    int     // i, in the epoch's problem
	Item      int     // the tuple's index in the intent
	Model     int     // m
	Host      int     // d', the tree node running the model
	Source    int     // the tuple's source farthest from the host (its data arrive last): the request's cell
	DeadlineS float64 // δ, s
	StaticS   float64 // OrchestRAN's latency of eqs. (3)–(4), s (≤ δ)
	Start     float64 // first request, s
	End       float64 // no request at or after End, s
	WorkCPU   float64 // core-s per iteration: T^exec × ρ_m
}

// Loops returns the control loops of every epoch, by epoch, then intent and item; the phase of each
// is drawn uniformly in [0, δ) from the schedule's seed.
func (s *Schedule) Loops() []Loop {
	var out []Loop
	r := rng.New(s.Seed, "orchestranctl/phase")
	for e, ep := range s.Epochs {
		end := math.Min(s.Horizon, ep.At+s.Period)
		for _, x := range ep.Solution.Placements {
			it := ep.Problem.Intents[x.Intent].Items[x.Item]
			mod := s.Catalog.Models[x.Model]
			lat, _ := ep.Problem.Latency(it, x.Model, x.Host)
			l := Loop{Flow: len(out) + 1, Epoch: e, Intent: x.Intent, Item: x.Item, Model: x.Model, Host: x.Host,
				DeadlineS: it.DeltaMs / 1000, StaticS: lat / 1000, WorkCPU: mod.ExecMs / 1000 * mod.Cores}
			l.End = math.Min(end, s.Horizon-l.DeadlineS) // every deadline falls within the run
			l.Source = farthest(s.Tree, x.Host, it.Sources)
			l.Start = ep.At + r.Float64()*l.DeadlineS
			out = append(out, l)
		}
	}
	return out
}

// farthest returns the source with the largest path delay to h (the lowest index on ties).
func farthest(t *orchestran.Tree, h int, srcs []int) int {
	best, bestD := srcs[0], -1.0
	for _, s := range srcs {
		if _, d, _ := t.Path(h, s); d > bestD {
			best, bestD = s, d
		}
	}
	return best
}

// loopSource emits the loops' requests in arrival order (ties: lower flow first). It implements
// sim.ForkableSource.
type loopSource struct {
	loops []Loop
	next  []float64 // next arrival of each loop
	h     loopHeap
	n     int64
}

func newLoopSource(loops []Loop) *loopSource {
	s := &loopSource{loops: loops, next: make([]float64, len(loops))}
	s.h.next = s.next
	for k, l := range loops {
		if l.Start < l.End && l.DeadlineS > 0 {
			s.next[k] = l.Start
			s.h.idx = append(s.h.idx, k)
		}
	}
	heap.Init(&s.h)
	return s
}

func (s *loopSource) Next() (sim.Request, bool, error) {
	if s.h.Len() == 0 {
		return sim.Request{}, false, nil
	}
	k := s.h.idx[0]
	l := &s.loops[k]
	r := sim.Request{ID: s.n, Class: sim.AI, Cell: l.Source, Service: firstModelService + l.Model, Arrival: s.next[k],
		Deadline: l.DeadlineS, AIWork: sim.Work{CPU: l.WorkCPU}, Flow: l.Flow}
	s.n++
	s.next[k] += l.DeadlineS
	if s.next[k] < l.End {
		heap.Fix(&s.h, 0)
	} else {
		heap.Pop(&s.h)
	}
	return r, true, nil
}

func (s *loopSource) Fork() (sim.Source, error) {
	c := &loopSource{loops: s.loops, next: append([]float64(nil), s.next...), n: s.n}
	c.h = loopHeap{idx: append([]int(nil), s.h.idx...), next: c.next}
	return c, nil
}

// loopHeap is a min-heap of loop indices on (next arrival, index).
type loopHeap struct {
	idx  []int
	next []float64
}

func (h *loopHeap) Len() int { return len(h.idx) }
func (h *loopHeap) Less(a, b int) bool {
	x, y := h.idx[a], h.idx[b]
	return h.next[x] < h.next[y] || (h.next[x] == h.next[y] && x < y)
}
func (h *loopHeap) Swap(a, b int) { h.idx[a], h.idx[b] = h.idx[b], h.idx[a] }
func (h *loopHeap) Push(x any)    { h.idx = append(h.idx, x.(int)) }
func (h *loopHeap) Pop() any {
	v := h.idx[len(h.idx)-1]
	h.idx = h.idx[:len(h.idx)-1]
	return v
}

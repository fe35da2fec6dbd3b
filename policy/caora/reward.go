package caora

import (
	"container/heap"

	"github.com/airansim/airansim/sim"
)

// tracker computes the per-node reward of each slot between epochs. It wraps the episode's Source to
// learn every request's deadline and nodes, and is its Sink to learn which requests met it. A request
// counts in the slot where its SLO outcome is settled, at its expiry arrival + τ_q: met if it finished
// in time, missed otherwise (also when it is still running). Counting at expiry rather than at
// completion gives every request exactly one, timely vote and no reward for starving a class.
type tracker struct {
	src       sim.Source
	cellNodes [][]int // per cell: the nodes of its DU and CU-UP (deduplicated)
	svcNodes  [][]int // per service: the nodes of its replicas
	svcCat    []sim.Category
	pending   expiries
	met       map[int64]bool
	n, m      [][sim.Groups]int // per node: requests settled in the slot and those met
}

// newTracker prepares a tracker for cfg's static placement, wrapping src.
func newTracker(cfg *sim.Config, src sim.Source) *tracker {
	t := &tracker{src: src, met: map[int64]bool{}, cellNodes: make([][]int, len(cfg.Cells)),
		svcNodes: make([][]int, len(cfg.Services)),
		n:        make([][sim.Groups]int, len(cfg.Nodes)), m: make([][sim.Groups]int, len(cfg.Nodes))}
	for c, cell := range cfg.Cells {
		du, cu := cfg.Instances[cell.DU].Node, cfg.Instances[cell.CU].Node
		t.cellNodes[c] = []int{du}
		if cu != du {
			t.cellNodes[c] = append(t.cellNodes[c], cu)
		}
	}
	for _, sv := range cfg.Services {
		t.svcCat = append(t.svcCat, sv.Category)
	}
	for _, in := range cfg.Instances {
		if !contains(t.svcNodes[in.Service], in.Node) {
			t.svcNodes[in.Service] = append(t.svcNodes[in.Service], in.Node)
		}
	}
	return t
}

func contains(xs []int, x int) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// Next passes the wrapped source's next request on and queues its expiry.
func (t *tracker) Next() (sim.Request, bool, error) {
	r, ok, err := t.src.Next()
	if ok && err == nil {
		e := expiry{at: r.Arrival + r.Deadline + sim.MetTolerance, id: r.ID, group: sim.GroupRAN, nodes: t.cellNodes[r.Cell]}
		if r.Class == sim.AI {
			e.nodes = t.svcNodes[r.Service]
			e.group = sim.GroupOf(r.Class, t.svcCat[r.Service])
		}
		heap.Push(&t.pending, e)
	}
	return r, ok, err
}

// Record notes the requests that met their deadline.
func (t *tracker) Record(r sim.Record) {
	if r.Met() {
		t.met[r.ID] = true
	}
}

// settle counts, per node, every request whose expiry is before now.
func (t *tracker) settle(now float64) {
	for len(t.pending) > 0 && t.pending[0].at < now {
		e := heap.Pop(&t.pending).(expiry)
		met := t.met[e.id]
		delete(t.met, e.id)
		for _, n := range e.nodes {
			t.n[n][e.group]++
			if met {
				t.m[n][e.group]++
			}
		}
	}
}

// reward returns node n's reward for the slot settled last — the mean fulfilment over the groups
// (large-AI, small-AI, RAN-only) with settled requests there, each weighing equally — and false
// when no request settled at n. It then clears n's counts.
func (t *tracker) reward(n int) (float64, bool) {
	sum, groups := 0.0, 0
	for g := range sim.Groups {
		if t.n[n][g] > 0 {
			sum += float64(t.m[n][g]) / float64(t.n[n][g])
			groups++
		}
	}
	t.n[n], t.m[n] = [sim.Groups]int{}, [sim.Groups]int{}
	if groups == 0 {
		return 0, false
	}
	return sum / float64(groups), true
}

// expiry is one request awaiting its SLO outcome.
type expiry struct {
	at    float64 // arrival + deadline + sim.MetTolerance, s
	id    int64
	group int
	nodes []int
}

// expiries is a min-heap by (at, id).
type expiries []expiry

func (h expiries) Len() int { return len(h) }
func (h expiries) Less(i, j int) bool {
	return h[i].at < h[j].at || h[i].at == h[j].at && h[i].id < h[j].id
}
func (h expiries) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *expiries) Push(x any)   { *h = append(*h, x.(expiry)) }
func (h *expiries) Pop() any {
	old := *h
	e := old[len(old)-1]
	*h = old[:len(old)-1]
	return e
}

package caora

import (
	"container/heap"
	"fmt"

	"github.com/airansim/airansim/sim"
)

// Reward selects the per-node slot reward a Learner trains on (see the package documentation).
// The zero value is RewardFulfilment.
type Reward int

const (
	// RewardFulfilment is the literal reading of CAORA: the mean, over the outcome groups with
	// requests settled at the node in the slot, of the share that met their deadline.
	RewardFulfilment Reward = iota
	// RewardCompletions also credits the work served: per group, the mean of its fulfilment and its
	// completed share, the requests completed at the node in the slot over those that arrived there
	// (capped at 1), so that serving fewer requests scores lower even when every deadline is missed.
	RewardCompletions
)

// Rewards lists every Reward in order.
var Rewards = []Reward{RewardFulfilment, RewardCompletions}

// String returns "fulfilment" or "completions".
func (r Reward) String() string {
	switch r {
	case RewardFulfilment:
		return "fulfilment"
	case RewardCompletions:
		return "completions"
	}
	return fmt.Sprintf("Reward(%d)", int(r))
}

// ParseReward returns the Reward whose String is s.
func ParseReward(s string) (Reward, error) {
	for _, r := range Rewards {
		if r.String() == s {
			return r, nil
		}
	}
	return 0, fmt.Errorf("caora: unknown reward %q (known: fulfilment, completions)", s)
}

func (r Reward) valid() bool { return r == RewardFulfilment || r == RewardCompletions }

// tracker computes the per-node reward of each slot between epochs. It wraps the episode's Source to
// learn every request's deadline and nodes, and is its Sink to learn which requests met it. A request
// counts in the slot where its SLO outcome is settled, at its expiry arrival + τ_q: met if it finished
// in time, missed otherwise (also when it is still running). Counting at expiry rather than at
// completion gives every request exactly one, timely vote and no reward for starving a class. With
// RewardCompletions it also counts, per node and group, the requests that arrived in the slot (at
// their arrival time) and those that completed there (when their record comes, met or not).
type tracker struct {
	src       sim.Source
	kind      Reward
	cellNodes [][]int // per cell: the nodes of its DU and CU-UP (deduplicated)
	svcNodes  [][]int // per service: the nodes of its replicas
	svcCat    []sim.Category
	pending   expiries
	arrivals  []expiry // RewardCompletions: requests taken from src, in arrival order, not yet counted
	met       map[int64]bool
	n, m      [][sim.Groups]int // per node: requests settled in the slot and those met
	a, d      [][sim.Groups]int // per node, RewardCompletions: requests arrived and completed in the slot
}

// newTracker prepares a tracker of reward kind for cfg's static placement, wrapping src.
func newTracker(cfg *sim.Config, src sim.Source, kind Reward) *tracker {
	nn := len(cfg.Nodes)
	t := &tracker{src: src, kind: kind, met: map[int64]bool{}, cellNodes: make([][]int, len(cfg.Cells)),
		svcNodes: make([][]int, len(cfg.Services)),
		n:        make([][sim.Groups]int, nn), m: make([][sim.Groups]int, nn),
		a: make([][sim.Groups]int, nn), d: make([][sim.Groups]int, nn)}
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

// where returns the outcome group of a request of class c for service svc (AI) or cell (RAN-only)
// and the nodes it counts at: those of its cell's DU and CU-UP, or of its service's replicas.
func (t *tracker) where(c sim.Class, svc, cell int) (int, []int) {
	if c == sim.AI {
		return sim.GroupOf(c, t.svcCat[svc]), t.svcNodes[svc]
	}
	return sim.GroupRAN, t.cellNodes[cell]
}

// Next passes the wrapped source's next request on and queues its expiry.
func (t *tracker) Next() (sim.Request, bool, error) {
	r, ok, err := t.src.Next()
	if ok && err == nil {
		e := expiry{at: r.Arrival + r.Deadline + sim.MetTolerance, id: r.ID}
		e.group, e.nodes = t.where(r.Class, r.Service, r.Cell)
		heap.Push(&t.pending, e)
		if t.kind == RewardCompletions {
			e.at = r.Arrival
			t.arrivals = append(t.arrivals, e)
		}
	}
	return r, ok, err
}

// Record notes the requests that met their deadline and, with RewardCompletions, counts every
// completed request at its nodes.
func (t *tracker) Record(r sim.Record) {
	if r.Met() {
		t.met[r.ID] = true
	}
	if t.kind != RewardCompletions || !r.Finished {
		return
	}
	g, nodes := t.where(r.Class, r.Service, r.Cell)
	for _, n := range nodes {
		t.d[n][g]++
	}
}

// settle counts, per node, every request whose expiry is before now and, with RewardCompletions,
// every request that arrived before now.
func (t *tracker) settle(now float64) {
	i := 0
	for ; i < len(t.arrivals) && t.arrivals[i].at < now; i++ {
		for _, n := range t.arrivals[i].nodes {
			t.a[n][t.arrivals[i].group]++
		}
	}
	t.arrivals = append(t.arrivals[:0], t.arrivals[i:]...)
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

// reward returns node n's reward for the slot settled last and false when the slot gives n none. It
// then clears n's counts. RewardFulfilment: the mean fulfilment over the groups (large-AI, small-AI,
// RAN-only) with settled requests there, each weighing equally; none if nothing settled.
// RewardCompletions: the mean over the groups with requests settled, arrived or completed there of
// the mean of the group's defined terms among its fulfilment and its completed share
// completed/max(arrived, completed); none if no group has either.
func (t *tracker) reward(n int) (float64, bool) {
	sum, groups := 0.0, 0
	for g := range sim.Groups {
		v, terms := 0.0, 0
		if t.n[n][g] > 0 {
			v, terms = float64(t.m[n][g])/float64(t.n[n][g]), 1
		}
		if d := t.d[n][g]; t.kind == RewardCompletions && max(t.a[n][g], d) > 0 {
			v += float64(d) / float64(max(t.a[n][g], d))
			terms++
		}
		if terms > 0 {
			sum += v / float64(terms)
			groups++
		}
	}
	t.n[n], t.m[n], t.a[n], t.d[n] = [sim.Groups]int{}, [sim.Groups]int{}, [sim.Groups]int{}, [sim.Groups]int{}
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

package orchestran

import (
	"context"
	"fmt"
	"math"
	"sort"
	"time"
)

// BBOptions bounds SolveBB. The zero value allows 2,000,000 search nodes and no time limit.
type BBOptions struct {
	// MaxNodes is the number of search nodes before stopping with StatusFeasible (default 2,000,000).
	MaxNodes int
	// TimeLimit stops the search with StatusFeasible after this wall time (default 0: none).
	TimeLimit time.Duration
	// NoFlowBound leaves out the matching bound without sharing (flowBound), for comparisons
	// (default false: used).
	NoFlowBound bool
}

// SolveBB is the second exact solver: a pure-Go depth-first branch-and-bound over the 0/1 decisions
// of problem (10), built from the problem's candidate lists (not from the LP that SolveCBC writes).
// It branches on accepting or rejecting each intent (by decreasing value) and, for an accepted
// intent, on the instance serving each tuple. With sharing on, a tuple that has an open candidate
// instance is served by it without branching (reuse costs no core and no capacity, so it dominates);
// otherwise it opens one candidate (m, d') with room. The bound is the value of the intents still
// servable (every tuple has an open or openable candidate) and a lower bound on the cores still
// needed (disjoint candidate sets with sharing, one instance per tuple without). The greedy solution
// is the first incumbent. The optimum is lexicographic as in SolveCBC: the most value, then the
// fewest cores.
//
// A node or time limit, or a cancelled ctx, ends the search with StatusFeasible, the incumbent and
// Gap = (bound − incumbent)/max(1, |incumbent|) on W·Value − Cores; it never fails. The error is
// reserved for a solution that violates the problem (ErrSolver), which would be a bug.
func SolveBB(ctx context.Context, p *Problem, opt BBOptions) (*Solution, error) {
	start := time.Now()
	if opt.MaxNodes == 0 {
		opt.MaxNodes = 2_000_000
	}
	b := newBB(ctx, p, opt, start)
	rootUB := b.valueUB(0)
	b.intent(0)
	st, gap := StatusOptimal, 0.0
	if b.stopped {
		st = StatusFeasible
		inc := b.w*b.bestV - b.bestC
		gap = math.Max(0, b.w*rootUB-inc) / math.Max(1, math.Abs(inc))
	}
	s := newSolution(p, st, b.bestAcc, b.bestPl)
	s.Gap, s.Vars, s.Elapsed = gap, b.vars, time.Since(start)
	if err := p.Check(s); err != nil {
		return nil, fmt.Errorf("%w: branch-and-bound: %v", ErrSolver, err)
	}
	return s, nil
}

// bb is the search state of SolveBB.
type bb struct {
	ctx      context.Context
	p        *Problem
	opt      BBOptions
	deadline time.Time
	nodes    int
	stopped  bool
	w        float64 // the value weight of the objective, 1 + Σ_d ρ_d
	vars     int
	order    []int     // intents by decreasing value, index order on ties
	nd       int       // nodes of the tree
	free     []float64 // free cores per node
	open     []int     // open instances per model·nd + host
	acc      []bool
	pl       []Placement
	value    float64
	cores    float64
	stamp    []int // per model·nd + host, for the disjointness bound
	epoch    int
	bestV    float64
	bestC    float64
	bestAcc  []bool
	bestPl   []Placement
	flow     *flowBound // the matching bound without sharing; nil with sharing
	lbItems  [][2]int   // scratch of coresLB
}

func newBB(ctx context.Context, p *Problem, opt BBOptions, start time.Time) *bb {
	nd := len(p.Tree.Nodes)
	b := &bb{ctx: ctx, p: p, opt: opt, nd: nd, w: 1, free: make([]float64, nd),
		open: make([]int, nd*len(p.Catalog.Models)), stamp: make([]int, nd*len(p.Catalog.Models)),
		acc: make([]bool, len(p.Intents))}
	if opt.TimeLimit > 0 {
		b.deadline = start.Add(opt.TimeLimit)
	}
	for d, n := range p.Tree.Nodes {
		b.free[d] = n.Cores
		b.w += n.Cores
	}
	for i := range p.Intents {
		b.order = append(b.order, i)
		for j := range p.Intents[i].Items {
			for _, c := range p.cands[i][j] {
				b.vars += p.exactInstances(c.Model, c.Host)
			}
		}
	}
	sort.SliceStable(b.order, func(x, y int) bool { return p.Intents[b.order[x]].Value > p.Intents[b.order[y]].Value })
	if p.Options.NoSharing && !opt.NoFlowBound {
		b.flow = newFlowBound(b)
	}
	g := SolveGreedy(p)
	b.bestV, b.bestC = g.Value, g.Cores
	b.bestAcc, b.bestPl = g.Accepted, g.Placements
	return b
}

// tick counts a search node and reports whether the search must stop.
func (b *bb) tick() bool {
	if b.stopped {
		return true
	}
	b.nodes++
	if b.nodes > b.opt.MaxNodes {
		b.stopped = true
	} else if b.nodes%1024 == 0 && (b.ctx.Err() != nil || (!b.deadline.IsZero() && time.Now().After(b.deadline))) {
		b.stopped = true
	}
	return b.stopped
}

// intent decides the intent at position pos of the order: accept (serve its items), then reject.
func (b *bb) intent(pos int) {
	if b.tick() {
		return
	}
	if pos == len(b.order) {
		b.record()
		return
	}
	ub, lb := b.valueUB(pos), func() float64 { return b.coresLB(pos, -1, 0) }
	if b.flow != nil && ub >= b.bestV-b.value-1e-9 {
		if fb := b.flow.bound(pos, -1, 0); fb < ub-1e-9 {
			// a tie no longer means every servable intent is accepted: the cores deployed and
			// those of the fewest tuples that tie the incumbent bound the cores
			ub, lb = fb, func() float64 { return b.cores + b.flow.coresFor(b.bestV-b.value) }
		}
	}
	if b.pruned(b.value+ub, lb) {
		return
	}
	i := b.order[pos]
	b.acc[i] = true
	b.value += b.p.Intents[i].Value
	b.item(pos, 0)
	b.value -= b.p.Intents[i].Value
	b.acc[i] = false
	b.intent(pos + 1)
}

// item serves item j of the intent at position pos (already counted as accepted).
func (b *bb) item(pos, j int) {
	if b.tick() {
		return
	}
	i := b.order[pos]
	in := b.p.Intents[i]
	if j == len(in.Items) {
		b.intent(pos + 1)
		return
	}
	if !b.allServable(i, j) || (j == 0 && !b.hallOK(i)) {
		return
	}
	ub, lb := b.valueUB(pos+1), func() float64 { return b.coresLB(pos+1, i, j) }
	if b.flow != nil && ub >= b.bestV-b.value-1e-9 {
		fb := b.flow.bound(pos+1, i, j)
		if fb < 0 {
			return
		}
		if fb < ub-1e-9 { // as in intent: the current intent's items still need their instances
			ub, lb = fb, func() float64 { b.epoch++; return b.cores + b.itemsLB(i, j) + b.flow.coresFor(b.bestV-b.value) }
		}
	}
	if b.pruned(b.value+ub, lb) {
		return
	}
	cands := b.p.cands[i][j]
	if !b.p.Options.NoSharing {
		for _, c := range cands {
			if b.open[c.Model*b.nd+c.Host] > 0 {
				b.pl = append(b.pl, Placement{i, j, c.Model, 0, c.Host})
				b.item(pos, j+1)
				b.pl = b.pl[:len(b.pl)-1]
				return
			}
		}
	}
	for _, c := range cands {
		if !b.room(c) {
			continue
		}
		key, need := c.Model*b.nd+c.Host, b.p.Catalog.Models[c.Model].Cores
		b.pl = append(b.pl, Placement{i, j, c.Model, b.open[key], c.Host})
		b.open[key]++
		b.free[c.Host] -= need
		b.cores += need
		b.item(pos, j+1)
		b.cores -= need
		b.free[c.Host] += need
		b.open[key]--
		b.pl = b.pl[:len(b.pl)-1]
		if b.stopped {
			return
		}
	}
}

// room reports whether one more instance of the candidate's model fits on its host.
func (b *bb) room(c Candidate) bool {
	return b.open[c.Model*b.nd+c.Host] < b.p.exactInstances(c.Model, c.Host) &&
		b.free[c.Host]+1e-9 >= b.p.Catalog.Models[c.Model].Cores
}

// servable reports whether item j of intent i has an open (sharing) or openable candidate now.
func (b *bb) servable(i, j int) bool {
	for _, c := range b.p.cands[i][j] {
		if b.room(c) || (!b.p.Options.NoSharing && b.open[c.Model*b.nd+c.Host] > 0) {
			return true
		}
	}
	return false
}

// valueUB is the value of the intents from position pos on whose every item is servable in the
// current state: an upper bound on the value they can still add.
func (b *bb) valueUB(pos int) float64 {
	var ub float64
	for q := pos; q < len(b.order); q++ {
		if b.allServable(b.order[q], 0) {
			ub += b.p.Intents[b.order[q]].Value
		}
	}
	return ub
}

// allServable reports whether items j… of intent i are all servable.
func (b *bb) allServable(i, j int) bool {
	for jj := j; jj < len(b.p.Intents[i].Items); jj++ {
		if !b.servable(i, jj) {
			return false
		}
	}
	return true
}

// coresLB is a lower bound on the cores already deployed plus those needed to serve items j… of
// intent i (none when i < 0) and every item of the servable intents from position pos on: without
// sharing each item needs its own instance; with sharing, items with no open candidate and pairwise
// disjoint candidate sets each need their own.
//
// With sharing the packing is greedy over the items by increasing number of candidates (index order
// on ties): items with few candidates conflict with fewer others, so more of them are packed.
func (b *bb) coresLB(pos, i, j int) float64 {
	b.epoch++
	lb := b.cores
	items := b.lbItems[:0]
	if i >= 0 {
		for jj := j; jj < len(b.p.Intents[i].Items); jj++ {
			items = append(items, [2]int{i, jj})
		}
	}
	for q := pos; q < len(b.order); q++ {
		if k := b.order[q]; b.allServable(k, 0) {
			for jj := range b.p.Intents[k].Items {
				items = append(items, [2]int{k, jj})
			}
		}
	}
	if !b.p.Options.NoSharing {
		sort.SliceStable(items, func(x, y int) bool {
			return len(b.p.cands[items[x][0]][items[x][1]]) < len(b.p.cands[items[y][0]][items[y][1]])
		})
	}
	for _, it := range items {
		lb += b.itemLB(it[0], it[1])
	}
	b.lbItems = items
	return lb
}

// itemsLB is the part of coresLB for items j… of intent i alone.
func (b *bb) itemsLB(i, j int) float64 {
	var lb float64
	for jj := j; jj < len(b.p.Intents[i].Items); jj++ {
		lb += b.itemLB(i, jj)
	}
	return lb
}

// itemLB is the cores item j of intent i adds to the packing: the smallest ρ_m among its candidates
// with room when (with sharing) none of its candidates is open or already claimed in this epoch (it
// then claims them all), else 0.
func (b *bb) itemLB(i, j int) float64 {
	cands := b.p.cands[i][j]
	minC := math.Inf(1)
	for _, c := range cands {
		key := c.Model*b.nd + c.Host
		if !b.p.Options.NoSharing && (b.open[key] > 0 || b.stamp[key] == b.epoch) {
			return 0
		}
		if b.room(c) {
			minC = math.Min(minC, b.p.Catalog.Models[c.Model].Cores)
		}
	}
	if math.IsInf(minC, 1) {
		return 0
	}
	if !b.p.Options.NoSharing {
		for _, c := range cands {
			b.stamp[c.Model*b.nd+c.Host] = b.epoch
		}
	}
	return minC
}

// hallOK is Hall's condition for the items of intent i without sharing: for every item a, the items
// whose openable hosts all lie in a's openable hosts need no more cores than those hosts have free.
// With sharing it always holds (items may share an instance).
func (b *bb) hallOK(i int) bool {
	if !b.p.Options.NoSharing {
		return true
	}
	items := b.p.Intents[i].Items
	hosts := make([]map[int]bool, len(items))
	need := make([]float64, len(items))
	for j := range items {
		hosts[j], need[j] = map[int]bool{}, math.Inf(1)
		for _, c := range b.p.cands[i][j] {
			if b.room(c) {
				hosts[j][c.Host] = true
				need[j] = math.Min(need[j], b.p.Catalog.Models[c.Model].Cores)
			}
		}
	}
	for a := range items {
		var demand, free float64
		for h := range hosts[a] {
			free += b.free[h]
		}
		for c := range items {
			if subset(hosts[c], hosts[a]) {
				demand += need[c]
			}
		}
		if demand > free+1e-9 {
			return false
		}
	}
	return true
}

func subset(a, b map[int]bool) bool {
	if len(a) > len(b) {
		return false
	}
	for h := range a {
		if !b[h] {
			return false
		}
	}
	return true
}

// pruned reports whether a subtree whose value is at most ub cannot beat the incumbent
// lexicographically. When ub ties the incumbent, every servable intent must be accepted to reach it,
// so lb (evaluated only then) bounds the cores of any completion from below.
func (b *bb) pruned(ub float64, lb func() float64) bool {
	return ub < b.bestV-1e-9 || (ub < b.bestV+1e-9 && lb() > b.bestC-1e-9)
}
func (b *bb) record() {
	if b.value > b.bestV+1e-9 || (b.value > b.bestV-1e-9 && b.cores < b.bestC-1e-9) {
		b.bestV, b.bestC = b.value, b.cores
		b.bestAcc = append([]bool(nil), b.acc...)
		b.bestPl = append([]Placement(nil), b.pl...)
	}
}

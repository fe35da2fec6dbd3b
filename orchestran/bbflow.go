package orchestran

import (
	"math"
	"sort"
)

// flowBound is SolveBB's value bound without sharing. Each tuple then needs an instance of its own,
// so the tuples of any set of accepted intents must be matched at once to (model, host) slots: at
// most exactInstances(m, h) − open instances per pair and ⌊free cores / smallest ρ_m⌋ per host. The
// maximum flow F of that network over the committed tuples and those of every intent still servable
// bounds the tuples any completion serves; the intents that fit are then bounded by a fractional
// knapsack (weight: tuples, capacity: F minus the committed tuples) in decreasing value per tuple.
type flowBound struct {
	b       *bb
	tuples  [][2]int // (intent, item) per tuple node
	first   []int    // first tuple node of each intent
	pairs   []int    // model·nd + host per pair node
	hostOf  []int    // host of each pair node
	hosts   []int    // host per host node
	minCore []float64
	byRatio []int // intents by decreasing value per tuple, index order on ties
	// integral: every value is an integer, so a bound on the value added can be rounded down.
	integral bool
	in       []bool  // the intents counted by the last bound call
	minCores float64 // the smallest ρ_m in the catalogue
	// Dinic on a fixed graph; caps are reset per call.
	head, nxt, to []int
	cap, base     []float64
	level, it     []int
	src, sink     int
	srcEdge       []int // edge S → tuple node
	pairEdge      []int // edge pair → host, per pair node
	hostEdge      []int // edge host → sink, per host node
}

func newFlowBound(b *bb) *flowBound {
	p := b.p
	f := &flowBound{b: b}
	pairID, hostID := map[int]int{}, map[int]int{}
	type arc struct{ t, pr int }
	var arcs []arc
	for i, in := range p.Intents {
		f.first = append(f.first, len(f.tuples))
		for j := range in.Items {
			t := len(f.tuples)
			f.tuples = append(f.tuples, [2]int{i, j})
			for _, c := range p.cands[i][j] {
				key := c.Model*b.nd + c.Host
				pr, ok := pairID[key]
				if !ok {
					pr = len(f.pairs)
					pairID[key] = pr
					f.pairs, f.hostOf = append(f.pairs, key), append(f.hostOf, c.Host)
					if _, ok := hostID[c.Host]; !ok {
						hostID[c.Host] = len(f.hosts)
						f.hosts, f.minCore = append(f.hosts, c.Host), append(f.minCore, math.Inf(1))
					}
				}
				h := hostID[c.Host]
				f.minCore[h] = math.Min(f.minCore[h], p.Catalog.Models[c.Model].Cores)
				arcs = append(arcs, arc{t, pr})
			}
		}
	}
	nT, nP, nH := len(f.tuples), len(f.pairs), len(f.hosts)
	n := nT + nP + nH + 2
	f.src, f.sink = n-2, n-1
	f.head = make([]int, n)
	for k := range f.head {
		f.head[k] = -1
	}
	f.level, f.it = make([]int, n), make([]int, n)
	for t := 0; t < nT; t++ {
		f.srcEdge = append(f.srcEdge, f.addEdge(f.src, t, 0))
	}
	for _, a := range arcs {
		f.addEdge(a.t, nT+a.pr, 1)
	}
	for pr := 0; pr < nP; pr++ {
		f.pairEdge = append(f.pairEdge, f.addEdge(nT+pr, nT+nP+hostID[f.hostOf[pr]], 0))
	}
	for h := 0; h < nH; h++ {
		f.hostEdge = append(f.hostEdge, f.addEdge(nT+nP+h, f.sink, 0))
	}
	f.base = append([]float64(nil), f.cap...)
	f.minCores = math.Inf(1)
	for _, m := range p.Catalog.Models {
		f.minCores = math.Min(f.minCores, m.Cores)
	}
	f.integral = true
	for _, in := range p.Intents {
		if in.Value != math.Trunc(in.Value) {
			f.integral = false
		}
	}
	for i := range p.Intents {
		f.byRatio = append(f.byRatio, i)
	}
	w := func(i int) float64 { return p.Intents[i].Value / float64(len(p.Intents[i].Items)) }
	sort.SliceStable(f.byRatio, func(x, y int) bool { return w(f.byRatio[x]) > w(f.byRatio[y]) })
	return f
}

func (f *flowBound) addEdge(u, v int, c float64) int {
	e := len(f.to)
	f.to, f.cap, f.nxt = append(f.to, v, u), append(f.cap, c, 0), append(f.nxt, f.head[u], f.head[v])
	f.head[u], f.head[v] = e, e+1
	return e
}

// bound returns an upper bound on the value intents from position pos on can add when the items
// j… of intent i (none when i < 0) must be served too, or −1 when even those cannot be.
func (f *flowBound) bound(pos, i, j int) float64 {
	b := f.b
	copy(f.cap, f.base)
	committed := 0
	if i >= 0 {
		for jj := j; jj < len(b.p.Intents[i].Items); jj++ {
			f.cap[f.srcEdge[f.first[i]+jj]] = 1
			committed++
		}
	}
	in := make([]bool, len(b.p.Intents))
	for q := pos; q < len(b.order); q++ {
		k := b.order[q]
		if b.allServable(k, 0) {
			in[k] = true
			for jj := range b.p.Intents[k].Items {
				f.cap[f.srcEdge[f.first[k]+jj]] = 1
			}
		}
	}
	for pr, key := range f.pairs {
		m, h := key/b.nd, f.hostOf[pr]
		f.cap[f.pairEdge[pr]] = float64(max(0, b.p.exactInstances(m, h)-b.open[key]))
	}
	for k, h := range f.hosts {
		f.cap[f.hostEdge[k]] = math.Floor((b.free[h] + 1e-9) / f.minCore[k])
	}
	f.in = in
	flow := f.maxflow()
	if flow < float64(committed)-1e-9 {
		return -1
	}
	room := flow - float64(committed)
	var ub float64
	for _, k := range f.byRatio {
		if !in[k] {
			continue
		}
		wk := float64(len(b.p.Intents[k].Items))
		if wk <= room+1e-9 {
			ub += b.p.Intents[k].Value
			room -= wk
			continue
		}
		ub += b.p.Intents[k].Value * room / wk
		break
	}
	if f.integral {
		ub = math.Floor(ub + 1e-9)
	}
	return ub
}

// maxflow is Dinic's algorithm from src to sink on the current capacities.
func (f *flowBound) maxflow() float64 {
	var total float64
	queue := make([]int, 0, len(f.head))
	for {
		for k := range f.level {
			f.level[k] = -1
		}
		f.level[f.src] = 0
		queue = append(queue[:0], f.src)
		for q := 0; q < len(queue); q++ {
			u := queue[q]
			for e := f.head[u]; e >= 0; e = f.nxt[e] {
				if f.cap[e] > 1e-9 && f.level[f.to[e]] < 0 {
					f.level[f.to[e]] = f.level[u] + 1
					queue = append(queue, f.to[e])
				}
			}
		}
		if f.level[f.sink] < 0 {
			return total
		}
		copy(f.it, f.head)
		for {
			pushed := f.push(f.src, math.Inf(1))
			if pushed <= 1e-9 {
				break
			}
			total += pushed
		}
	}
}

func (f *flowBound) push(u int, limit float64) float64 {
	if u == f.sink {
		return limit
	}
	for ; f.it[u] >= 0; f.it[u] = f.nxt[f.it[u]] {
		e := f.it[u]
		v := f.to[e]
		if f.cap[e] <= 1e-9 || f.level[v] != f.level[u]+1 {
			continue
		}
		if d := f.push(v, math.Min(limit, f.cap[e])); d > 1e-9 {
			f.cap[e] -= d
			f.cap[e^1] += d
			return d
		}
	}
	return 0
}

// coresFor is a lower bound on the cores of the instances any completion needs to add value need
// with the intents of the last bound call: each tuple needs an instance of its own (≥ the smallest
// ρ_m), and the fewest tuples that reach need are those of the intents with the most value per
// tuple (a fractional knapsack, rounded up).
func (f *flowBound) coresFor(need float64) float64 {
	if need <= 1e-9 {
		return 0
	}
	var tuples float64
	for _, k := range f.byRatio {
		if !f.in[k] {
			continue
		}
		v, w := f.b.p.Intents[k].Value, float64(len(f.b.p.Intents[k].Items))
		if v >= need-1e-9 {
			tuples += w * need / v
			need = 0
			break
		}
		tuples += w
		need -= v
	}
	if need > 1e-9 {
		return math.Inf(1) // the value cannot be reached
	}
	return math.Ceil(tuples-1e-9) * f.minCores
}

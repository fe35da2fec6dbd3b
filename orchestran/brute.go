package orchestran

import "math"

// BruteOptions bounds the brute-force enumerator. The zero value allows 5,000,000 search nodes.
type BruteOptions struct {
	MaxNodes int // search nodes before giving up with ErrTooLarge (default 5,000,000)
}

// SolveBrute enumerates every acceptance vector and every assignment of the accepted tuples to
// (model, instance, host), checking constraints (1)–(9) and (14) from their definitions (its own path
// and latency code, none of the candidate filters), and returns the lexicographic optimum: the most
// value, then the fewest cores. It is the oracle for tiny instances; instances are opened in order
// k = 0, 1, … per (model, host), which loses no optimum because instances of a model are identical.
func SolveBrute(p *Problem, opt BruteOptions) (*Solution, error) {
	if opt.MaxNodes == 0 {
		opt.MaxNodes = 5_000_000
	}
	b := &brute{p: p, limit: opt.MaxNodes, load: map[instKey]int{}, open: map[[2]int]int{},
		used: make([]float64, len(p.Tree.Nodes)), acc: make([]bool, len(p.Intents)), bestV: -1}
	b.rest = make([]float64, len(p.Intents)+1)
	for i := len(p.Intents) - 1; i >= 0; i-- {
		b.rest[i] = b.rest[i+1] + p.Intents[i].Value
	}
	b.intent(0, 0, 0)
	if b.nodes > b.limit {
		return nil, ErrTooLarge
	}
	return newSolution(p, StatusOptimal, b.bestAcc, b.bestPl), nil
}

type brute struct {
	p            *Problem
	limit, nodes int
	load         map[instKey]int // tuples per open instance
	open         map[[2]int]int  // open instances per (model, host)
	used         []float64       // cores in use per node
	acc          []bool
	pl           []Placement
	rest         []float64 // rest[i] = Σ_{i' ≥ i} v_i'
	bestV, bestC float64
	bestAcc      []bool
	bestPl       []Placement
}

func (b *brute) intent(i int, value, cores float64) {
	if b.nodes++; b.nodes > b.limit || value+b.rest[i] < b.bestV-1e-9 {
		return
	}
	if i == len(b.p.Intents) {
		if value > b.bestV+1e-9 || (value > b.bestV-1e-9 && cores < b.bestC-1e-9) {
			b.bestV, b.bestC = value, cores
			b.bestAcc = append([]bool(nil), b.acc...)
			b.bestPl = append([]Placement(nil), b.pl...)
		}
		return
	}
	b.acc[i] = true
	b.item(i, 0, value+b.p.Intents[i].Value, cores)
	b.acc[i] = false
	b.intent(i+1, value, cores)
}

// item assigns item j of intent i to every feasible (model, instance, host) in turn.
func (b *brute) item(i, j int, value, cores float64) {
	if j == len(b.p.Intents[i].Items) {
		b.intent(i+1, value, cores)
		return
	}
	it := b.p.Intents[i].Items[j]
	for m, mod := range b.p.Catalog.Models {
		if !b.p.Catalog.Sigma(m, it.Func) || !bruteQuality(b.p, it, m) {
			continue
		}
		for h := range b.p.Tree.Nodes {
			if !bruteReach(b.p.Tree, it.Node, h) || bruteLatency(b.p, it, m, h) > it.DeltaMs {
				continue
			}
			n := b.open[[2]int{m, h}]
			for k := 0; k <= n && k < b.p.Options.MaxInstances; k++ {
				b.try(i, j, Placement{i, j, m, k, h}, k == n, mod.Cores, value, cores)
			}
		}
	}
}

func (b *brute) try(i, j int, x Placement, isNew bool, need, value, cores float64) {
	if b.nodes++; b.nodes > b.limit {
		return
	}
	key := instKey{x.Model, x.Instance, x.Host}
	if isNew {
		if b.used[x.Host]+need > b.p.Tree.Nodes[x.Host].Cores+1e-9 {
			return
		}
		b.used[x.Host] += need
		b.open[[2]int{x.Model, x.Host}]++
		cores += need
	} else if b.p.Options.NoSharing {
		return
	}
	b.load[key]++
	b.pl = append(b.pl, x)
	b.item(i, j+1, value, cores)
	b.pl = b.pl[:len(b.pl)-1]
	if b.load[key]--; b.load[key] == 0 {
		delete(b.load, key)
	}
	if isNew {
		b.used[x.Host] -= need
		b.open[[2]int{x.Model, x.Host}]--
	}
}

func bruteQuality(p *Problem, it Item, m int) bool {
	chi := 1.0
	if it.Chi < 0 {
		chi = -1
	}
	return chi*p.Catalog.Score(m, it.Func, p.Tree.Nodes[it.Node].Tier) >= chi*it.Pi
}

func bruteReach(t *Tree, a, b int) bool {
	up := func(x, y int) bool { // is y an ancestor-or-self of x?
		for ; x != -1; x = t.Nodes[x].Parent {
			if x == y {
				return true
			}
		}
		return false
	}
	return up(a, b) || up(b, a)
}

// bruteLatency is eqs. (3)–(4) summed hop by hop; +Inf when a source is out of the host's reach.
func bruteLatency(p *Problem, it Item, m, h int) float64 {
	mod := p.Catalog.Models[m]
	total := mod.ExecMs
	for _, s := range it.Sources {
		lo, hi := s, h
		if !bruteReach(p.Tree, s, h) {
			return math.Inf(1)
		}
		if !isAnc(p.Tree, hi, lo) {
			lo, hi = h, s
		}
		rate := math.Inf(1)
		for x := lo; x != hi; x = p.Tree.Nodes[x].Parent {
			rate = math.Min(rate, p.Tree.Nodes[x].UpGbps)
			total += p.Tree.Nodes[x].UpDelayMs
		}
		total += mod.InputBytes * 8 / (rate * 1e6 * float64(len(it.Sources)))
	}
	return total
}

func isAnc(t *Tree, a, b int) bool {
	for ; b != -1; b = t.Nodes[b].Parent {
		if a == b {
			return true
		}
	}
	return false
}

package orchestran

import "sort"

// SolveGreedy is the baseline for large instances: intents by decreasing value (index order on
// ties), all-or-nothing. Each tuple reuses an open instance of a candidate when sharing is on, else
// opens one on the candidate host with the most free cores (first candidate on ties); an intent that
// cannot be completed is rolled back. Its value is a lower bound on the optimum.
func SolveGreedy(p *Problem) *Solution {
	order := make([]int, len(p.Intents))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return p.Intents[order[a]].Value > p.Intents[order[b]].Value })
	g := &greedy{p: p, free: make([]float64, len(p.Tree.Nodes)), open: map[[2]int]int{}}
	for d, n := range p.Tree.Nodes {
		g.free[d] = n.Cores
	}
	acc := make([]bool, len(p.Intents))
	var pl []Placement
	for _, i := range order {
		if got, ok := g.place(i); ok {
			acc[i] = true
			pl = append(pl, got...)
		}
	}
	s := newSolution(p, StatusHeuristic, acc, pl)
	s.Gap = nanGap()
	return s
}

type greedy struct {
	p    *Problem
	free []float64
	open map[[2]int]int // open instances per (model, host)
}

// place serves every item of intent i or undoes what it opened.
func (g *greedy) place(i int) ([]Placement, bool) {
	var out []Placement
	var opened []Placement
	for j := range g.p.Intents[i].Items {
		x, isNew, ok := g.pick(i, j)
		if !ok {
			for _, o := range opened {
				g.free[o.Host] += g.p.Catalog.Models[o.Model].Cores
				g.open[[2]int{o.Model, o.Host}]--
			}
			return nil, false
		}
		if isNew {
			g.free[x.Host] -= g.p.Catalog.Models[x.Model].Cores
			g.open[[2]int{x.Model, x.Host}]++
			opened = append(opened, x)
		}
		out = append(out, x)
	}
	return out, true
}

func (g *greedy) pick(i, j int) (Placement, bool, bool) {
	cands := g.p.Candidates(i, j)
	if !g.p.Options.NoSharing {
		for _, c := range cands {
			if g.open[[2]int{c.Model, c.Host}] > 0 {
				return Placement{i, j, c.Model, 0, c.Host}, false, true
			}
		}
	}
	best := -1
	for n, c := range cands {
		need := g.p.Catalog.Models[c.Model].Cores
		if g.free[c.Host]+1e-9 < need || g.open[[2]int{c.Model, c.Host}] >= g.p.Usable(c.Model, c.Host) {
			continue
		}
		if best < 0 || g.free[c.Host] > g.free[cands[best].Host] {
			best = n
		}
	}
	if best < 0 {
		return Placement{}, false, false
	}
	c := cands[best]
	return Placement{i, j, c.Model, g.open[[2]int{c.Model, c.Host}], c.Host}, true, true
}

package orchestran

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// Pruning selects which x variables an LP model keeps. Every level has the same optimum.
type Pruning int

// Pruning levels, most pruned first (the zero value).
const (
	// PruneExact keeps the candidates only (FP, AP and the exact filters of docs/orchestran.md),
	// with one instance per model and node when sharing is on.
	PruneExact Pruning = iota
	// PruneFPAP keeps τ = 1, σ = 1 and c_{d,d'} = 1 (the paper's FP + AP); rows (2), (5) are written.
	PruneFPAP
	// PruneFP keeps τ = 1 and σ = 1 (the paper's FP); rows (2), (5) are written.
	PruneFP
)

// lpModel is problem (10) over the x variables of one pruning level.
type lpModel struct {
	p     *Problem
	level Pruning
	xs    []Placement
	insts []instKey
	index map[instKey]int
	w     float64 // weight of the value term: 1 + Σ_d ρ_d, so cores only break ties
}

func (p *Problem) buildLP(level Pruning) *lpModel {
	lm := &lpModel{p: p, level: level, index: map[instKey]int{}, w: 1}
	for _, n := range p.Tree.Nodes {
		lm.w += n.Cores
	}
	for i, in := range p.Intents {
		for j, it := range in.Items {
			if level == PruneExact {
				for _, c := range p.cands[i][j] {
					lm.addX(Placement{i, j, c.Model, 0, c.Host}, p.exactInstances(c.Model, c.Host))
				}
				continue
			}
			for m := range p.Catalog.Models {
				if !p.Catalog.Sigma(m, it.Func) {
					continue
				}
				for h := range p.Tree.Nodes {
					if level == PruneFP || p.Tree.Reachable(it.Node, h) {
						lm.addX(Placement{i, j, m, 0, h}, p.Options.MaxInstances)
					}
				}
			}
		}
	}
	return lm
}

// exactInstances is the instance count the exact level keeps: Usable, or 1 when sharing is on (an
// instance has no load limit, so a second copy of a model on a node never helps).
func (p *Problem) exactInstances(m, d int) int {
	if !p.Options.NoSharing {
		return min(1, p.Usable(m, d))
	}
	return p.Usable(m, d)
}

func (lm *lpModel) addX(x Placement, c int) {
	for k := 0; k < c; k++ {
		x.Instance = k
		key := instKey{x.Model, k, x.Host}
		if _, ok := lm.index[key]; !ok {
			lm.index[key] = len(lm.insts)
			lm.insts = append(lm.insts, key)
		}
		lm.xs = append(lm.xs, x)
	}
}

// lpWriter writes LP-format expressions, a few terms per line.
type lpWriter struct {
	w     *bufio.Writer
	terms int
}

func (lw *lpWriter) term(coef float64, name string) {
	if lw.terms > 0 && lw.terms%8 == 0 {
		lw.w.WriteString("\n   ")
	}
	lw.terms++
	fmt.Fprintf(lw.w, " %+.12g %s", coef, name)
}

func (lw *lpWriter) row(name string) {
	lw.terms = 0
	fmt.Fprintf(lw.w, " %s:", name)
}

func (lw *lpWriter) end(sense string, rhs float64) {
	fmt.Fprintf(lw.w, " %s %.12g\n", sense, rhs)
}

// write emits the model in CPLEX LP format: variables x<n>, y<i>, z<n>, n<n>.
func (lm *lpModel) write(out io.Writer) error {
	lw := &lpWriter{w: bufio.NewWriter(out)}
	p := lm.p
	lw.w.WriteString("\\ OrchestRAN problem (10), airansim/orchestran\nMaximize\n obj:")
	for i, in := range p.Intents {
		lw.term(lm.w*in.Value, fmt.Sprintf("y%d", i))
	}
	for n, k := range lm.insts {
		lw.term(-p.Catalog.Models[k.m].Cores, fmt.Sprintf("z%d", n))
	}
	lw.w.WriteString("\nSubject To\n")
	lm.writeItemRows(lw)
	lm.writeInstanceRows(lw)
	lw.w.WriteString("Binaries\n")
	for i := range p.Intents {
		fmt.Fprintf(lw.w, " y%d\n", i)
	}
	for n := range lm.xs {
		fmt.Fprintf(lw.w, " x%d\n", n)
	}
	for n := range lm.insts {
		fmt.Fprintf(lw.w, " z%d\n", n)
	}
	lw.w.WriteString("End\n")
	return lw.w.Flush()
}

// writeItemRows writes (1), and at the unfiltered levels (2), (5) and data availability, per tuple.
func (lm *lpModel) writeItemRows(lw *lpWriter) {
	p := lm.p
	byItem := map[[2]int][]int{}
	for n, x := range lm.xs {
		byItem[[2]int{x.Intent, x.Item}] = append(byItem[[2]int{x.Intent, x.Item}], n)
	}
	for i, in := range p.Intents {
		for j, it := range in.Items {
			xs := byItem[[2]int{i, j}]
			lw.row(fmt.Sprintf("c1_%d_%d", i, j))
			for _, n := range xs {
				if p.Tree.Reachable(it.Node, lm.xs[n].Host) {
					lw.term(1, fmt.Sprintf("x%d", n))
				}
			}
			lw.term(-1, fmt.Sprintf("y%d", i))
			lw.end("=", 0)
			if lm.level != PruneExact && len(xs) > 0 {
				lm.writeFilterRows(lw, i, j, it, xs)
			}
		}
	}
}

func (lm *lpModel) writeFilterRows(lw *lpWriter, i, j int, it Item, xs []int) {
	p := lm.p
	chi := 1.0
	if it.Chi < 0 {
		chi = -1
	}
	lw.row(fmt.Sprintf("c2_%d_%d", i, j))
	for _, n := range xs {
		if x := lm.xs[n]; p.Tree.Reachable(it.Node, x.Host) {
			lw.term(chi*p.Catalog.Score(x.Model, it.Func, p.Tree.Nodes[it.Node].Tier), fmt.Sprintf("x%d", n))
		}
	}
	lw.term(-chi*it.Pi, fmt.Sprintf("y%d", i))
	lw.end(">=", 0)
	lw.row(fmt.Sprintf("c5_%d_%d", i, j))
	var blind []int
	for _, n := range xs {
		lat, ok := p.Latency(it, lm.xs[n].Model, lm.xs[n].Host)
		if !ok {
			blind = append(blind, n)
			lat = p.literalLatency(it, lm.xs[n].Model, lm.xs[n].Host)
		}
		lw.term(lat, fmt.Sprintf("x%d", n))
	}
	lw.end("<=", it.DeltaMs)
	if len(blind) > 0 {
		lw.row(fmt.Sprintf("c3_%d_%d", i, j))
		for _, n := range blind {
			lw.term(1, fmt.Sprintf("x%d", n))
		}
		lw.end("=", 0)
	}
}

// literalLatency is eq. (3)+(4) as printed: sources the host does not reach count 0 (c_{d',d”} = 0).
func (p *Problem) literalLatency(it Item, m, h int) float64 {
	mod := p.Catalog.Models[m]
	ms := mod.ExecMs
	for _, s := range it.Sources {
		if gbps, delay, ok := p.Tree.Path(h, s); ok {
			ms += mod.InputBytes*8/(gbps*1e6*float64(len(it.Sources))) + delay
		}
	}
	return ms
}

// writeInstanceRows writes (6)–(9), (14) when sharing is off, x ≤ z, and z_{k+1} ≤ z_k.
func (lm *lpModel) writeInstanceRows(lw *lpWriter) {
	p := lm.p
	users := make([][]int, len(lm.insts))
	for n, x := range lm.xs {
		k := lm.index[instKey{x.Model, x.Instance, x.Host}]
		users[k] = append(users[k], n)
	}
	bigM := float64(len(p.Intents)*len(p.Catalog.Functions)*len(p.Tree.Nodes) + 1) // M > I·F·D
	byHost := map[int][]int{}
	for n, k := range lm.insts {
		byHost[k.h] = append(byHost[k.h], n)
		z, nv := fmt.Sprintf("z%d", n), fmt.Sprintf("n%d", n)
		lw.row(fmt.Sprintf("c7_%d", n))
		lw.term(1, nv)
		for _, x := range users[n] {
			lw.term(-1, fmt.Sprintf("x%d", x))
		}
		lw.end("=", 0)
		lw.row(fmt.Sprintf("c8_%d", n))
		lw.term(1, nv)
		lw.term(-bigM, z)
		lw.end(">=", 1-bigM)
		lw.row(fmt.Sprintf("c9_%d", n))
		lw.term(1, nv)
		lw.term(-bigM, z)
		lw.end("<=", 0)
		if p.Options.NoSharing {
			lw.row(fmt.Sprintf("c14_%d", n))
			for _, x := range users[n] {
				lw.term(1, fmt.Sprintf("x%d", x))
			}
			lw.end("<=", 1)
		}
		for _, x := range users[n] {
			lw.row(fmt.Sprintf("t_%d", x))
			lw.term(1, fmt.Sprintf("x%d", x))
			lw.term(-1, z)
			lw.end("<=", 0)
		}
		if k.k > 0 {
			lw.row(fmt.Sprintf("s_%d", n))
			lw.term(1, z)
			lw.term(-1, fmt.Sprintf("z%d", lm.index[instKey{k.m, k.k - 1, k.h}]))
			lw.end("<=", 0)
		}
	}
	lm.writeCapacity(lw, byHost)
}

func (lm *lpModel) writeCapacity(lw *lpWriter, byHost map[int][]int) {
	for d, n := range lm.p.Tree.Nodes {
		zs := byHost[d]
		if len(zs) == 0 {
			continue
		}
		lw.row(fmt.Sprintf("c6_%d", d))
		for _, z := range zs {
			lw.term(lm.p.Catalog.Models[lm.insts[z].m].Cores, fmt.Sprintf("z%d", z))
		}
		lw.end("<=", n.Cores)
	}
}

// LP returns problem (10) at the given pruning level in CPLEX LP format (for inspection or another
// solver). Variable x<n> is the n-th placement in model order.
func (p *Problem) LP(level Pruning) string {
	var b strings.Builder
	_ = p.buildLP(level).write(&b)
	return b.String()
}

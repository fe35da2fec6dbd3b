package orchestran

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"sort"
	"sync"
	"time"
)

// RootSplit is how graph-tree branching divides the root's (non-RT RIC's) cores between clusters.
type RootSplit int

// Root splits. Both give whole cores by largest remainder (ties to the lower cluster); a fraction of
// a core is left unused; a cluster with no tuple gets nothing.
const (
	// RootByDemand splits in proportion to the number of tuples each cluster must serve.
	RootByDemand RootSplit = iota
	// RootEqual splits equally between the clusters that have tuples.
	RootEqual
)

// BranchOptions configures SolveBranching. The zero value splits the root by demand and solves each
// cluster with SolveBB (default limits), GOMAXPROCS sub-problems at a time.
type BranchOptions struct {
	// Split is the root's capacity split (default RootByDemand).
	Split RootSplit
	// Solve solves one cluster's sub-problem (default SolveBB with zero BBOptions).
	Solve func(context.Context, *Problem) (*Solution, error)
	// Workers is the number of sub-problems solved at once (default GOMAXPROCS).
	Workers int
}

// Cluster is one sub-problem of graph-tree branching: a child of the root (a near-RT RIC) with its
// subtree, plus the root.
type Cluster struct {
	// Head is the near-RT RIC heading the cluster (-1 when the root has no children).
	Head int
	// Nodes maps the sub-problem's nodes to the full tree: Nodes[0] is the root, then the cluster's
	// nodes in index order, then the 0-core nodes on the paths to sources outside the cluster.
	Nodes []int
	// RootCores is the root's share of cores in this sub-problem; RootInstances its C_{m,root}.
	RootCores     float64
	RootInstances int
	// Intents maps the sub-problem's intents to the full problem's; Items[i][j] is item j of
	// sub-intent i in the full intent.
	Intents []int
	Items   [][]int
	// Problem and Solution are the sub-problem and its solution, in the sub-problem's indices.
	Problem  *Problem
	Solution *Solution
}

// BranchSolution is the merged result of graph-tree branching.
type BranchSolution struct {
	// Solution keeps only the intents accepted in every cluster they touch, with their placements:
	// it satisfies problem (10) (Problem.Check) and its Status is StatusHeuristic.
	Solution *Solution
	// Partial[i]: intent i is accepted in some but not all of the clusters it touches (the paper's
	// "partially satisfied", which violates constraint (1)).
	Partial []bool
	// Placements are all placements, the served parts of partial intents included, in the full
	// problem's indices (CheckBranch verifies them).
	Placements []Placement
	// Cores is the cores of the instances of Placements.
	Cores    float64
	Clusters []Cluster
	Elapsed  time.Duration
}

// Ratios returns the fractions of intents accepted in full, partially, and in at least one cluster
// (full + partial; the paper's Fig. 6 right counts "partially satisfied on one subtree or more").
func (b *BranchSolution) Ratios() (full, partial, any float64) {
	n := float64(len(b.Partial))
	if n == 0 {
		return 0, 0, 0
	}
	for i, p := range b.Partial {
		if b.Solution.Accepted[i] {
			full++
		}
		if p {
			partial++
		}
	}
	return full / n, partial / n, (full + partial) / n
}

// SolveBranching is the paper's graph-tree branching (section VI-B): one sub-problem per child of the
// root (a near-RT RIC cluster), with the cluster's nodes and the root, holding the tuples requested in
// the cluster. A tuple requested at the root goes to the cluster of its first source that is not the
// root (the first cluster when all are), and the nodes on the paths to its other sources join that
// sub-problem with 0 cores so that its latency is the full problem's. The root's cores are split by
// opt.Split; with sharing off its C_{m,root} instances are split the same way. The sub-problems are
// solved in parallel and merged in cluster order: with sharing on, instances of a model that several
// clusters open on the root merge into one.
func SolveBranching(ctx context.Context, p *Problem, opt BranchOptions) (*BranchSolution, error) {
	start := time.Now()
	if opt.Solve == nil {
		opt.Solve = func(ctx context.Context, q *Problem) (*Solution, error) { return SolveBB(ctx, q, BBOptions{}) }
	}
	if opt.Workers <= 0 {
		opt.Workers = runtime.GOMAXPROCS(0)
	}
	cl, err := p.clusters(opt.Split)
	if err != nil {
		return nil, err
	}
	errs := make([]error, len(cl))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < opt.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for c := range jobs {
				cl[c].Solution, errs[c] = opt.Solve(ctx, cl[c].Problem)
			}
		}()
	}
	for c := range cl {
		jobs <- c
	}
	close(jobs)
	wg.Wait()
	for c, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("%w: cluster %d: %v", ErrSolver, c, err)
		}
	}
	b := p.merge(cl)
	b.Elapsed = time.Since(start)
	return b, nil
}

// clusterHeads returns the root's children and, per node, the index of the child above it (-1 for
// the root).
func (p *Problem) clusterHeads() (heads []int, of []int) {
	root := p.Tree.Root()
	of = make([]int, len(p.Tree.Nodes))
	for d := range p.Tree.Nodes {
		if p.Tree.Nodes[d].Parent == root {
			heads = append(heads, d)
		}
	}
	pos := map[int]int{}
	for c, h := range heads {
		pos[h] = c
	}
	for d := range p.Tree.Nodes {
		of[d] = -1
		for cur := d; cur != root; cur = p.Tree.Nodes[cur].Parent {
			if c, ok := pos[cur]; ok {
				of[d] = c
			}
		}
	}
	return heads, of
}

// clusters builds the sub-problems that have at least one tuple.
func (p *Problem) clusters(split RootSplit) ([]Cluster, error) {
	heads, of := p.clusterHeads()
	if len(heads) == 0 {
		heads = []int{-1}
	}
	tupleCluster := func(it Item) int {
		if c := of[it.Node]; c >= 0 {
			return c
		}
		for _, s := range it.Sources {
			if of[s] >= 0 {
				return of[s]
			}
		}
		return 0
	}
	cl := make([]Cluster, len(heads))
	for c := range cl {
		cl[c].Head = heads[c]
	}
	weight := make([]float64, len(heads))
	for i, in := range p.Intents {
		for j, it := range in.Items {
			c := tupleCluster(it)
			if n := len(cl[c].Intents); n == 0 || cl[c].Intents[n-1] != i {
				cl[c].Intents = append(cl[c].Intents, i)
				cl[c].Items = append(cl[c].Items, nil)
			}
			cl[c].Items[len(cl[c].Items)-1] = append(cl[c].Items[len(cl[c].Items)-1], j)
			weight[c]++
		}
	}
	if split == RootEqual {
		for c := range weight {
			weight[c] = math.Min(weight[c], 1)
		}
	}
	root := p.Tree.Root()
	cores := largestRemainder(int(math.Floor(p.Tree.Nodes[root].Cores+1e-9)), weight)
	insts := largestRemainder(p.Options.MaxInstances, weight)
	var out []Cluster
	for c := range cl {
		if len(cl[c].Intents) == 0 {
			continue
		}
		cl[c].RootCores = float64(cores[c])
		cl[c].RootInstances = p.Options.MaxInstances
		if p.Options.NoSharing {
			cl[c].RootInstances = insts[c]
		}
		if err := p.subProblem(&cl[c], of, c); err != nil {
			return nil, err
		}
		out = append(out, cl[c])
	}
	return out, nil
}

// largestRemainder splits n whole units in proportion to w (ties to the lower index).
func largestRemainder(n int, w []float64) []int {
	out := make([]int, len(w))
	var sum float64
	for _, v := range w {
		sum += v
	}
	if sum == 0 || n <= 0 {
		return out
	}
	rem := make([]int, len(w))
	left := n
	for c, v := range w {
		q := float64(n) * v / sum
		out[c] = int(math.Floor(q + 1e-9))
		left -= out[c]
		rem[c] = c
	}
	sort.SliceStable(rem, func(a, b int) bool {
		fa := float64(n)*w[rem[a]]/sum - float64(out[rem[a]])
		fb := float64(n)*w[rem[b]]/sum - float64(out[rem[b]])
		return fa > fb+1e-12
	})
	for k := 0; k < left; k++ {
		out[rem[k]]++
	}
	return out
}

// subProblem builds cluster c's tree, intents and problem.
func (p *Problem) subProblem(cl *Cluster, of []int, c int) error {
	root := p.Tree.Root()
	in := map[int]bool{root: true}
	cl.Nodes = []int{root}
	for d := range p.Tree.Nodes {
		if of[d] == c && d != root {
			in[d] = true
			cl.Nodes = append(cl.Nodes, d)
		}
	}
	ghost := map[int]bool{}
	for k, i := range cl.Intents {
		for _, j := range cl.Items[k] {
			for _, s := range p.Intents[i].Items[j].Sources {
				for cur := s; !in[cur]; cur = p.Tree.Nodes[cur].Parent {
					ghost[cur] = true
				}
			}
		}
	}
	var gs []int
	for d := range ghost {
		gs = append(gs, d)
	}
	sort.Ints(gs)
	cl.Nodes = append(cl.Nodes, gs...)
	sub := make(map[int]int, len(cl.Nodes))
	for k, d := range cl.Nodes {
		sub[d] = k
	}
	t := &Tree{Nodes: make([]Node, len(cl.Nodes))}
	for k, d := range cl.Nodes {
		n := p.Tree.Nodes[d]
		if d == root {
			n.Cores = cl.RootCores
		} else {
			n.Parent = sub[n.Parent]
		}
		if ghost[d] {
			n.Cores = 0
		}
		t.Nodes[k] = n
	}
	intents := make([]Intent, len(cl.Intents))
	for k, i := range cl.Intents {
		intents[k].Value = p.Intents[i].Value
		for _, j := range cl.Items[k] {
			it := p.Intents[i].Items[j]
			it.Node = sub[it.Node]
			srcs := make([]int, len(it.Sources))
			for q, s := range it.Sources {
				srcs[q] = sub[s]
			}
			it.Sources = srcs
			intents[k].Items = append(intents[k].Items, it)
		}
	}
	q, err := newProblem(t, p.Catalog, intents, p.Options, map[int]int{0: cl.RootInstances})
	cl.Problem = q
	return err
}

// merge maps the clusters' solutions back to the full problem.
func (p *Problem) merge(cl []Cluster) *BranchSolution {
	touched := make([]int, len(p.Intents))
	accepted := make([]int, len(p.Intents))
	var pl []Placement
	rootOff := 0
	root := p.Tree.Root()
	for _, c := range cl {
		for k, i := range c.Intents {
			touched[i]++
			if c.Solution.Accepted[k] {
				accepted[i]++
			}
		}
		for _, x := range c.Solution.Placements {
			y := Placement{Intent: c.Intents[x.Intent], Item: c.Items[x.Intent][x.Item], Model: x.Model,
				Instance: x.Instance, Host: c.Nodes[x.Host]}
			if y.Host == root && p.Options.NoSharing {
				y.Instance += rootOff
			}
			pl = append(pl, y)
		}
		rootOff += c.RootInstances
	}
	b := &BranchSolution{Partial: make([]bool, len(p.Intents)), Clusters: cl}
	acc := make([]bool, len(p.Intents))
	var strict []Placement
	for i := range p.Intents {
		acc[i] = touched[i] > 0 && accepted[i] == touched[i]
		b.Partial[i] = accepted[i] > 0 && accepted[i] < touched[i]
	}
	for _, x := range pl {
		if acc[x.Intent] {
			strict = append(strict, x)
		}
	}
	b.Solution = newSolution(p, StatusHeuristic, acc, strict)
	b.Solution.Gap = nanGap()
	all := newSolution(p, StatusHeuristic, make([]bool, len(p.Intents)), pl)
	b.Placements, b.Cores = all.Placements, all.Cores
	return b
}

package sim

import "math"

// Tree is a tree topology, for O-RAN hierarchies (RIC, CU, DU and RU sites): every node but the one
// root has a link to its parent, with a one-way delay (s) and a rate (Gb/s). The path between two
// nodes is the unique one through their lowest common ancestor; its delay is the sum of its link
// delays and its rate the smallest of its link rates. Build one with NewTree.
type Tree struct {
	parent []int
	delay  []float64 // link to the parent, s (0 for the root)
	rate   []float64 // link to the parent, Gb/s (+Inf: not given, and for the root)
	depth  []int     // links between the node and the root
}

// NewTree returns the tree in which node i's parent is parents[i] (−1 for the root), with the link
// from i to its parent of delay delays[i] (s, finite, ≥ 0) and rate rates[i] (Gb/s, ≥ 0; 0 or +Inf:
// not given). rates may be nil (no rate given). Exactly one node is the root, its delay and rate are 0,
// and every node's parents lead to it (no cycles). Errors wrap ErrConfig and name the node and the rule.
func NewTree(parents []int, delays, rates []float64) (*Tree, error) {
	n := len(parents)
	if len(delays) != n || (rates != nil && len(rates) != n) {
		return nil, cfgErr("tree: %d parents, %d delays and %d rates: want one of each per node", n, len(delays), len(rates))
	}
	t := &Tree{parent: append([]int(nil), parents...), delay: append([]float64(nil), delays...),
		rate: make([]float64, n), depth: make([]int, n)}
	root := -1
	for i, p := range parents {
		r := 0.0
		if rates != nil {
			r = rates[i]
		}
		if err := checkLink(i, p, n, delays[i], r); err != nil {
			return nil, err
		}
		if p == -1 {
			if root >= 0 {
				return nil, cfgErr("tree: nodes %d and %d both have no parent: a tree has one root", root, i)
			}
			root = i
		}
		t.rate[i] = r
		if r == 0 {
			t.rate[i] = math.Inf(1)
		}
	}
	if n > 0 && root < 0 {
		return nil, cfgErr("tree: every node has a parent: a tree has one root (parent −1)")
	}
	return t, t.setDepths()
}

// checkLink validates node i's parent p and its link's delay d and rate r.
func checkLink(i, p, n int, d, r float64) error {
	switch {
	case p < -1 || p >= n:
		return cfgErr("tree: node %d: parent %d out of range [−1, %d)", i, p, n)
	case p == i:
		return cfgErr("tree: node %d is its own parent", i)
	case !finiteNonNeg(d):
		return cfgErr("tree: node %d: link delay %g s must be finite and ≥ 0", i, d)
	case !(r >= 0):
		return cfgErr("tree: node %d: link rate %g Gb/s must be ≥ 0 (0 or +Inf: not given)", i, r)
	case p == -1 && (d != 0 || r != 0):
		return cfgErr("tree: node %d is the root: it has no link, so its delay and rate must be 0", i)
	}
	return nil
}

// setDepths computes every node's depth, failing on a node whose parents never reach the root.
func (t *Tree) setDepths() error {
	n := len(t.parent)
	for i := range n {
		d := 0
		for j := i; t.parent[j] >= 0; j = t.parent[j] {
			if d++; d >= n {
				return cfgErr("tree: node %d: its parents form a cycle and never reach the root", i)
			}
		}
		t.depth[i] = d
	}
	return nil
}

// Len returns the number of nodes.
func (t *Tree) Len() int { return len(t.parent) }

// Delay returns the sum of the link delays on the path from a to b, s (0 for a == b).
func (t *Tree) Delay(a, b int) float64 {
	da, db := 0.0, 0.0
	t.walk(a, b, func(x int, fromA bool) {
		if fromA {
			da += t.delay[x]
		} else {
			db += t.delay[x]
		}
	})
	return da + db
}

// Rate returns the smallest link rate on the path from a to b, Gb/s (+Inf for a == b or when no
// link on the path has a rate).
func (t *Tree) Rate(a, b int) float64 {
	r := math.Inf(1)
	t.walk(a, b, func(x int, _ bool) { r = min(r, t.rate[x]) })
	return r
}

// walk calls link for every node x whose link to its parent is on the path from a to b, with fromA
// true for the links on a's side of the lowest common ancestor.
func (t *Tree) walk(a, b int, link func(x int, fromA bool)) {
	for a != b {
		if t.depth[a] >= t.depth[b] {
			link(a, true)
			a = t.parent[a]
		} else {
			link(b, false)
			b = t.parent[b]
		}
	}
}

package orchestran

import (
	"errors"
	"fmt"
	"math"
)

// Tier is a node's level in the O-RAN hierarchy, from the root (NonRTRIC) to the leaves (RU).
type Tier int

// The five tiers of the paper's Fig. 1, root first.
const (
	NonRTRIC Tier = iota
	NearRTRIC
	CU
	DU
	RU
	NumTiers = 5
)

var tierNames = [NumTiers]string{"non-RT RIC", "near-RT RIC", "CU", "DU", "RU"}

// String returns the tier's name as the paper writes it ("near-RT RIC").
func (t Tier) String() string {
	if t < 0 || t >= NumTiers {
		return fmt.Sprintf("Tier(%d)", int(t))
	}
	return tierNames[t]
}

// Node is one node d of the tree with the link to its parent.
type Node struct {
	Name   string // optional; scenario files name nodes, and parents and sources refer to them by name
	Tier   Tier   // the node's tier; a child's tier is strictly greater than its parent's
	Parent int    // index of the parent in Tree.Nodes; -1 for the root (exactly one)
	// Cores is ρ_d, the cores the node reserves for models (≥ 0).
	Cores float64
	// UpGbps is b, the rate of the link to the parent in Gb/s (> 0; ignored on the root).
	UpGbps float64
	// UpDelayMs is T, the propagation delay of the link to the parent in ms (≥ 0; ignored on the root).
	UpDelayMs float64
}

// Tree is the infrastructure abstraction: the nodes of one non-RT RIC domain as a rooted tree.
// Node d reaches node d' (c_{d,d'} = 1) iff one is an ancestor of the other or d = d'.
type Tree struct {
	Nodes []Node
}

// Validate reports the first malformed node: a root count other than one, a parent out of range, a
// cycle, tiers out of order, or a negative or NaN capacity, rate or delay.
func (t *Tree) Validate() error {
	roots := 0
	for d, n := range t.Nodes {
		if n.Tier < 0 || n.Tier >= NumTiers {
			return fmt.Errorf("%w: node %d: tier %d", ErrTopology, d, n.Tier)
		}
		if !(n.Cores >= 0) || math.IsInf(n.Cores, 0) {
			return fmt.Errorf("%w: node %d: cores %v (want ≥ 0)", ErrNegative, d, n.Cores)
		}
		if n.Parent == -1 {
			roots++
			continue
		}
		if n.Parent < 0 || n.Parent >= len(t.Nodes) || n.Parent == d {
			return fmt.Errorf("%w: node %d: parent %d out of range", ErrTopology, d, n.Parent)
		}
		if !(n.UpGbps > 0) || !(n.UpDelayMs >= 0) || math.IsInf(n.UpDelayMs, 0) {
			return fmt.Errorf("%w: node %d: link rate %v Gb/s, delay %v ms (want > 0, ≥ 0)",
				ErrNegative, d, n.UpGbps, n.UpDelayMs)
		}
	}
	if roots != 1 {
		return fmt.Errorf("%w: %d roots (want 1)", ErrTopology, roots)
	}
	for d := range t.Nodes { // all cycles first: a cycle also breaks the tier order
		if err := t.checkChain(d); err != nil && errors.Is(err, ErrCycle) {
			return err
		}
	}
	for d := range t.Nodes {
		if err := t.checkChain(d); err != nil {
			return err
		}
	}
	return nil
}

// checkChain walks d's parents to the root, failing on a cycle, then on a tier that does not
// decrease upwards.
func (t *Tree) checkChain(d int) error {
	cur := d
	for steps := 0; t.Nodes[cur].Parent != -1; steps++ {
		if steps > len(t.Nodes) {
			return fmt.Errorf("%w: through node %d", ErrCycle, d)
		}
		cur = t.Nodes[cur].Parent
	}
	if p := t.Nodes[d].Parent; p != -1 && t.Nodes[p].Tier >= t.Nodes[d].Tier {
		return fmt.Errorf("%w: node %d (%v) under node %d (%v): tiers must increase downwards",
			ErrTopology, d, t.Nodes[d].Tier, p, t.Nodes[p].Tier)
	}
	return nil
}

// Root returns the index of the root, or -1 if there is none.
func (t *Tree) Root() int {
	for d, n := range t.Nodes {
		if n.Parent == -1 {
			return d
		}
	}
	return -1
}

// IsAncestor reports whether a is an ancestor of b or a = b. The tree must be valid.
func (t *Tree) IsAncestor(a, b int) bool {
	for cur := b; cur != -1; cur = t.Nodes[cur].Parent {
		if cur == a {
			return true
		}
	}
	return false
}

// Reachable is c_{a,b}: a = b, or one of them is an ancestor of the other.
func (t *Tree) Reachable(a, b int) bool {
	return t.IsAncestor(a, b) || t.IsAncestor(b, a)
}

// Path returns the bottleneck rate b_{a,b} (Gb/s) and the summed propagation delay T_{a,b} (ms) of the
// tree path between a and b; ok is false when they are not reachable. Path(d, d) is (+Inf, 0, true):
// data already on the host costs no transfer and no delay.
func (t *Tree) Path(a, b int) (gbps, delayMs float64, ok bool) {
	lo, hi := a, b
	if !t.IsAncestor(hi, lo) {
		lo, hi = b, a
		if !t.IsAncestor(hi, lo) {
			return 0, 0, false
		}
	}
	gbps = math.Inf(1)
	for cur := lo; cur != hi; cur = t.Nodes[cur].Parent {
		gbps = math.Min(gbps, t.Nodes[cur].UpGbps)
		delayMs += t.Nodes[cur].UpDelayMs
	}
	return gbps, delayMs, true
}

// Subtree returns d and its descendants in index order.
func (t *Tree) Subtree(d int) []int {
	var out []int
	for v := range t.Nodes {
		if t.IsAncestor(d, v) {
			out = append(out, v)
		}
	}
	return out
}

package orchestran

import (
	"errors"
	"math"
	"testing"
)

// chain is root(0) → near-RT(1) → CU(2) → DU(3) → RU(4), plus a second DU(5) under the CU.
func chain() *Tree {
	return &Tree{Nodes: []Node{
		{Tier: NonRTRIC, Parent: -1, Cores: 10},
		{Tier: NearRTRIC, Parent: 0, Cores: 4, UpGbps: 100, UpDelayMs: 10},
		{Tier: CU, Parent: 1, Cores: 2, UpGbps: 50, UpDelayMs: 10},
		{Tier: DU, Parent: 2, Cores: 1, UpGbps: 25, UpDelayMs: 5},
		{Tier: RU, Parent: 3, Cores: 1, UpGbps: 20, UpDelayMs: 1},
		{Tier: DU, Parent: 2, Cores: 1, UpGbps: 25, UpDelayMs: 5},
	}}
}

func TestTreeValidate(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Tree)
		want error
	}{
		{"valid", func(*Tree) {}, nil},
		{"cycle", func(tr *Tree) { tr.Nodes[1].Parent = 2 }, ErrCycle},
		{"two roots", func(tr *Tree) { tr.Nodes[1].Parent = -1 }, ErrTopology},
		{"parent out of range", func(tr *Tree) { tr.Nodes[4].Parent = 9 }, ErrTopology},
		{"self parent", func(tr *Tree) { tr.Nodes[4].Parent = 4 }, ErrTopology},
		{"tier order", func(tr *Tree) { tr.Nodes[5].Parent = 4 }, ErrTopology},
		{"negative capacity", func(tr *Tree) { tr.Nodes[3].Cores = -1 }, ErrNegative},
		{"NaN capacity", func(tr *Tree) { tr.Nodes[3].Cores = math.NaN() }, ErrNegative},
		{"zero rate", func(tr *Tree) { tr.Nodes[3].UpGbps = 0 }, ErrNegative},
		{"negative delay", func(tr *Tree) { tr.Nodes[3].UpDelayMs = -1 }, ErrNegative},
	}
	for _, tc := range tests {
		tr := chain()
		tc.edit(tr)
		err := tr.Validate()
		if (tc.want == nil) != (err == nil) || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
}

func TestTreePath(t *testing.T) {
	tr := chain()
	tests := []struct {
		a, b      int
		gbps, ms  float64
		reachable bool
	}{
		{4, 4, math.Inf(1), 0, true},
		{4, 3, 20, 1, true},
		{3, 4, 20, 1, true},
		{4, 0, 20, 26, true},
		{0, 2, 50, 20, true},
		{4, 5, 0, 0, false}, // RU under DU 3, DU 5 on another branch
		{3, 5, 0, 0, false},
	}
	for _, tc := range tests {
		g, ms, ok := tr.Path(tc.a, tc.b)
		if ok != tc.reachable || g != tc.gbps || ms != tc.ms || tr.Reachable(tc.a, tc.b) != tc.reachable {
			t.Errorf("Path(%d,%d) = %v, %v, %v; want %v, %v, %v", tc.a, tc.b, g, ms, ok, tc.gbps, tc.ms, tc.reachable)
		}
	}
}

func TestGenerateTree(t *testing.T) {
	spec := DefaultTreeSpec()
	tr, err := TreeSpec{}.Generate(7)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := TreeSpec{}.Generate(7)
	other, _ := TreeSpec{}.Generate(8)
	count := make([]int, NumTiers)
	children := make([]int, len(tr.Nodes))
	same, differs := true, false
	for d, n := range tr.Nodes {
		count[n.Tier]++
		if n.Parent >= 0 {
			children[n.Parent]++
			up := n.Tier - 1
			if n.UpGbps != spec.Gbps[up] || n.UpDelayMs != spec.DelayMs[up] {
				t.Errorf("node %d: link %v Gb/s %v ms", d, n.UpGbps, n.UpDelayMs)
			}
		}
		if n.Cores != spec.Cores[n.Tier] {
			t.Errorf("node %d (%v): %v cores", d, n.Tier, n.Cores)
		}
		same = same && n == again.Nodes[d]
		differs = differs || n != other.Nodes[d]
	}
	for tier, c := range count {
		if c != spec.Counts[tier] {
			t.Errorf("%v: %d nodes, want %d", Tier(tier), c, spec.Counts[tier])
		}
	}
	for d, n := range tr.Nodes {
		if n.Tier != RU && children[d] == 0 {
			t.Errorf("node %d (%v) has no child", d, n.Tier)
		}
	}
	if !same || !differs {
		t.Errorf("same seed same tree: %v; other seed differs: %v", same, differs)
	}
}

func TestScaledTreeSpec(t *testing.T) {
	if got, want := ScaledTreeSpec(135), DefaultTreeSpec(); got != want {
		t.Errorf("ScaledTreeSpec(135) = %+v, want the default %+v", got, want)
	}
	for _, n := range []int{5, 50, 200, 500, 2000} {
		s := ScaledTreeSpec(n)
		sum := 0
		for _, c := range s.Counts {
			sum += c
		}
		if sum != n {
			t.Errorf("ScaledTreeSpec(%d): counts %v sum to %d", n, s.Counts, sum)
		}
		if _, err := s.Generate(1); err != nil {
			t.Errorf("ScaledTreeSpec(%d).Generate: %v", n, err)
		}
	}
}

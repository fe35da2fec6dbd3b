package orchestran

import (
	"context"
	"fmt"
	"math"
	"reflect"
	"testing"
)

func TestLargestRemainder(t *testing.T) {
	tests := []struct {
		n    int
		w    []float64
		want []int
	}{
		{10, []float64{1, 1, 1}, []int{4, 3, 3}},
		{128, []float64{5, 3, 0}, []int{80, 48, 0}},
		{3, []float64{1, 1, 1, 1}, []int{1, 1, 1, 0}},
		{7, []float64{1, 2, 4}, []int{1, 2, 4}},
		{5, []float64{0, 0}, []int{0, 0}},
		{0, []float64{1, 2}, []int{0, 0}},
		{100, []float64{1, 1, 1}, []int{34, 33, 33}},
	}
	for _, tc := range tests {
		if got := largestRemainder(tc.n, tc.w); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("largestRemainder(%d, %v) = %v, want %v", tc.n, tc.w, got, tc.want)
		}
	}
}

// TestBranchingRootSplit: the root's shares sum to at most its cores, follow the tuples per cluster
// (by demand) or are equal, and with sharing off the root's instances are split the same way.
func TestBranchingRootSplit(t *testing.T) {
	for _, split := range []RootSplit{RootByDemand, RootEqual} {
		for _, ns := range []bool{false, true} {
			p := defaultProblem(t, 2, IntentSpec{}, Options{NoSharing: ns})
			cl, err := p.clusters(split)
			if err != nil {
				t.Fatal(err)
			}
			var cores float64
			insts, tuples := 0, 0
			for _, c := range cl {
				cores += c.RootCores
				insts += c.RootInstances
				n := 0
				for _, it := range c.Items {
					n += len(it)
				}
				tuples += n
				want := 128 / float64(len(cl))
				if split == RootByDemand {
					want = 128 * float64(n) / float64(countItems(p))
				}
				if math.Abs(c.RootCores-want) > 1 {
					t.Errorf("split %d: cluster %d (%d tuples) got %v root cores, want ≈ %v", split, c.Head, n, c.RootCores, want)
				}
			}
			if cores != 128 || tuples != countItems(p) || (ns && insts != 3) || (!ns && insts != 3*len(cl)) {
				t.Errorf("split %d noshare %v: %v root cores, %d root instances, %d tuples", split, ns, cores, insts, tuples)
			}
		}
	}
}

// TestBranchingFeasibleBelowOptimum: the merged result passes the relaxed check, its strict part
// passes Problem.Check and never beats the exact optimum; partial intents touch two clusters or more;
// the result does not depend on the number of workers.
func TestBranchingFeasibleBelowOptimum(t *testing.T) {
	ctx := context.Background()
	partials := 0
	for seed := uint64(1); seed <= 3; seed++ {
		for _, ns := range []bool{false, true} {
			p := defaultProblem(t, seed, IntentSpec{Mix: Mix(seed % 3), Case: Case(seed % 3)}, Options{NoSharing: ns})
			opt, err := SolveBB(ctx, p, BBOptions{MaxNodes: 200_000})
			if err != nil {
				t.Fatal(err)
			}
			for _, split := range []RootSplit{RootByDemand, RootEqual} {
				b, err := SolveBranching(ctx, p, BranchOptions{Split: split})
				if err != nil {
					t.Fatal(err)
				}
				if err := p.CheckBranch(b); err != nil {
					t.Fatalf("seed %d noshare %v split %d: %v", seed, ns, split, err)
				}
				if b.Solution.Value > opt.Value+1e-9 && opt.Status == StatusOptimal {
					t.Errorf("seed %d: branching %v > optimum %v", seed, b.Solution.Value, opt.Value)
				}
				_, of := p.clusterHeads()
				for i, part := range b.Partial {
					if part && len(clustersOf(p, i, of)) < 2 {
						t.Errorf("seed %d: intent %d partial within one cluster", seed, i)
					}
					if part {
						partials++
					}
				}
				one, err := SolveBranching(ctx, p, BranchOptions{Split: split, Workers: 1})
				if err != nil || !reflect.DeepEqual(one.Placements, b.Placements) || !reflect.DeepEqual(one.Partial, b.Partial) {
					t.Errorf("seed %d: 1 worker differs from %d (%v)", seed, 2, err)
				}
			}
		}
	}
	t.Logf("%d partial acceptances", partials)
}

// TestBranchingExactWhenLocal: when every intent stays within one cluster and the root has cores and
// instances to spare, branching loses nothing: its value is the exact optimum (CBC's).
func TestBranchingExactWhenLocal(t *testing.T) {
	needCBC(t)
	ctx := context.Background()
	for seed := uint64(1); seed <= 2; seed++ {
		for _, ns := range []bool{false, true} {
			tr, err := TreeSpec{Cores: [NumTiers]float64{1000, 2, 1, 1, 1}}.Generate(seed)
			if err != nil {
				t.Fatal(err)
			}
			in, err := IntentSpec{Mix: Mix(seed % 3), Case: CaseER}.Generate(seed, tr, DefaultCatalog())
			if err != nil {
				t.Fatal(err)
			}
			p0, _ := NewProblem(tr, DefaultCatalog(), in, Options{})
			_, of := p0.clusterHeads()
			for i := range in { // keep the items in the cluster of the first
				var keep []Item
				for _, it := range in[i].Items {
					if of[it.Node] == of[in[i].Items[0].Node] {
						keep = append(keep, it)
					}
				}
				in[i].Items = keep
			}
			p, err := NewProblem(tr, DefaultCatalog(), in, Options{NoSharing: ns, MaxInstances: 12})
			if err != nil {
				t.Fatal(err)
			}
			want, err := SolveCBC(ctx, p, CBCOptions{})
			if err != nil {
				t.Fatal(err)
			}
			b, err := SolveBranching(ctx, p, BranchOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := p.CheckBranch(b); err != nil {
				t.Fatal(err)
			}
			full, partial, _ := b.Ratios()
			if b.Solution.Value != want.Value || partial != 0 {
				t.Errorf("seed %d noshare %v: branching %v (full %v partial %v), optimum %v", seed, ns, b.Solution.Value, full, partial, want.Value)
			}
		}
	}
}

func clustersOf(p *Problem, i int, of []int) map[int]bool {
	out := map[int]bool{}
	for _, it := range p.Intents[i].Items {
		c := of[it.Node]
		if c < 0 {
			c = 1000 // the root's tuples: any cluster
		}
		out[c] = true
	}
	return out
}

func countItems(p *Problem) int {
	n := 0
	for _, in := range p.Intents {
		n += len(in.Items)
	}
	return n
}

// scaledTree has n nodes: one root and the other tiers in the paper's 4:10:30:90 proportions.
func scaledTree(b testing.TB, n int, seed uint64) *Tree {
	b.Helper()
	tr, err := ScaledTreeSpec(n).Generate(seed)
	if err != nil {
		b.Fatal(err)
	}
	return tr
}

// BenchmarkBranching: graph-tree branching on 500 and 2,000 nodes (the paper: < 0.1 s at 2,000),
// 20 intents, sharing on, problem construction excluded.
func BenchmarkBranching(b *testing.B) {
	for _, n := range []int{135, 500, 2000} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			tr := scaledTree(b, n, 1)
			in, err := IntentSpec{}.Generate(1, tr, DefaultCatalog())
			if err != nil {
				b.Fatal(err)
			}
			p, err := NewProblem(tr, DefaultCatalog(), in, Options{})
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := SolveBranching(context.Background(), p, BranchOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkNewProblem: building the problem and its candidate lists (the exact filters) on the
// paper's tier proportions, 20 DT intents; with -benchmem, the memory it takes.
func BenchmarkNewProblem(b *testing.B) {
	for _, n := range []int{135, 500, 2000} {
		b.Run(fmt.Sprintf("nodes=%d", n), func(b *testing.B) {
			tr := scaledTree(b, n, 1)
			in, err := IntentSpec{}.Generate(1, tr, DefaultCatalog())
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := NewProblem(tr, DefaultCatalog(), in, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

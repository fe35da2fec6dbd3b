package orchestran

import "fmt"

// CheckBranch is the relaxed check of a branching result: its strict Solution satisfies problem (10)
// (Problem.Check); every placement, partial parts included, meets (1)'s candidate conditions, (2) and
// (5); a tuple is served exactly once when its cluster accepted its intent and never otherwise; and
// all placements together respect (6), (14) and C_{m,d}. Errors wrap ErrInfeasibleSolution.
func (p *Problem) CheckBranch(b *BranchSolution) error {
	if err := p.Check(b.Solution); err != nil {
		return err
	}
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: branching: "+format, append([]any{ErrInfeasibleSolution}, a...)...)
	}
	want := map[[2]int]int{}
	for _, c := range b.Clusters {
		for k, i := range c.Intents {
			if c.Solution.Accepted[k] {
				for _, j := range c.Items[k] {
					want[[2]int{i, j}] = 1
				}
			}
		}
	}
	served := map[[2]int]int{}
	load := map[instKey]int{}
	for _, x := range b.Placements {
		if x.Intent < 0 || x.Intent >= len(p.Intents) || x.Item < 0 || x.Item >= len(p.Intents[x.Intent].Items) {
			return bad("placement %+v: no such item", x)
		}
		if err := p.checkPlacement(x); err != nil {
			return bad("placement %+v: %v", x, err)
		}
		served[[2]int{x.Intent, x.Item}]++
		load[instKey{x.Model, x.Instance, x.Host}]++
	}
	for i, in := range p.Intents {
		for j := range in.Items {
			if k := [2]int{i, j}; served[k] != want[k] {
				return bad("intent %d item %d served %d times, want %d", i, j, served[k], want[k])
			}
		}
	}
	all := &Solution{Accepted: make([]bool, len(p.Intents)), Cores: b.Cores}
	return p.checkInstances(all, load, bad)
}

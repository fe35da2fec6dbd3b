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
	want := map[[2]int]bool{}
	for _, c := range b.Clusters {
		for k, i := range c.Intents {
			if c.Solution.Accepted[k] {
				for _, j := range c.Items[k] {
					want[[2]int{i, j}] = true
				}
			}
		}
	}
	load, err := p.checkServed(b.Placements, func(i, j int) bool { return want[[2]int{i, j}] }, bad)
	if err != nil {
		return err
	}
	all := &Solution{Accepted: make([]bool, len(p.Intents)), Cores: b.Cores}
	return p.checkInstances(all, load, bad)
}

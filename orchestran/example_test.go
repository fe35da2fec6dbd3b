package orchestran_test

import (
	"fmt"

	"github.com/airansim/airansim/orchestran"
)

// The paper's 135-node scenario with 20 delay-tolerant intents, solved by the greedy baseline
// (SolveCBC gives the optimum when cbc is installed).
func ExampleSolveGreedy() {
	tree, _ := orchestran.TreeSpec{}.Generate(1)
	cat := orchestran.DefaultCatalog()
	intents, _ := orchestran.IntentSpec{Mix: orchestran.MixDT}.Generate(1, tree, cat)
	p, err := orchestran.NewProblem(tree, cat, intents, orchestran.Options{})
	if err != nil {
		panic(err)
	}
	c := p.Count()
	fmt.Printf("x variables: %d full, %d after FP, %d after FP+AP, %d after the exact filters\n",
		c.Full, c.FP, c.FPAP, c.Exact)
	s := orchestran.SolveGreedy(p)
	fmt.Printf("greedy: %v of %d intents, %v cores, feasible: %v\n", s.Value, len(intents), s.Cores, p.Check(s) == nil)
	// Output:
	// x variables: 99508500 full, 79785 after FP, 21270 after FP+AP, 728 after the exact filters
	// greedy: 16 of 20 intents, 12 cores, feasible: true
}

package main

import (
	"context"
	"time"

	"github.com/airansim/airansim/orchestran"
)

// solveOut is one solver's answer on one problem.
type solveOut struct {
	Solver   string  `json:"solver"`   // who gave the answer: bb, cbc, greedy, branching
	Status   string  `json:"status"`   // optimal, feasible (a limit stopped it; Gap bounds it), heuristic
	Accepted int     `json:"accepted"` // intents accepted in full
	Cores    float64 `json:"cores"`    // cores of the deployed instances
	Gap      float64 `json:"gap"`      // relative gap on W·value − cores; −1: unknown (heuristics)
	TimeS    float64 `json:"time_s"`   // wall time of the answer (with auto: SolveBB's try plus cbc's)
	BBTimeS  float64 `json:"bb_time_s"`
	CBCTimeS float64 `json:"cbc_time_s"`
	Vars     int     `json:"vars"`    // x variables after the exact filters
	Tiers    [5]int  `json:"tiers"`   // deployed instances per tier, root first
	Partial  int     `json:"partial"` // branching: intents accepted in some but not all of their clusters
	// CBCError is why cbc gave no answer when auto kept SolveBB's unproven one ("": none).
	CBCError string `json:"cbc_error,omitempty"`
}

// exact solves p with the configured exact solver.
func exact(ctx context.Context, p *orchestran.Problem, solver string, bbNodes int, limit time.Duration) (solveOut, error) {
	var out solveOut
	var bb time.Duration
	var inc *orchestran.Solution // SolveBB's unproven answer, kept if cbc fails
	if solver != solverCBC {
		s, err := orchestran.SolveBB(ctx, p, orchestran.BBOptions{MaxNodes: bbNodes, TimeLimit: limit})
		if err != nil {
			return out, err
		}
		bb = s.Elapsed
		if solver == solverBB || s.Status == orchestran.StatusOptimal {
			out = describe(p, s, solverBB)
			out.BBTimeS = bb.Seconds()
			return out, nil
		}
		inc = s
	}
	t0 := time.Now()
	s, err := orchestran.SolveCBC(ctx, p, orchestran.CBCOptions{TimeLimit: limit})
	if err != nil && inc != nil && ctx.Err() == nil {
		// cbc failed or found no integer solution in time: SolveBB's incumbent stands, unproven
		out = describe(p, inc, solverBB)
		out.BBTimeS, out.CBCTimeS = bb.Seconds(), time.Since(t0).Seconds()
		out.TimeS = out.BBTimeS + out.CBCTimeS
		out.CBCError = err.Error()
		return out, nil
	}
	if err != nil {
		return out, err
	}
	out = describe(p, s, solverCBC)
	out.BBTimeS, out.CBCTimeS = bb.Seconds(), s.Elapsed.Seconds()
	out.TimeS = out.BBTimeS + out.CBCTimeS
	return out, nil
}

// exactSolution is exact's solution itself (SolveBB's unproven one when cbc fails after it).
func exactSolution(ctx context.Context, p *orchestran.Problem, solver string, bbNodes int, limit time.Duration) (*orchestran.Solution, error) {
	var inc *orchestran.Solution
	if solver != solverCBC {
		s, err := orchestran.SolveBB(ctx, p, orchestran.BBOptions{MaxNodes: bbNodes, TimeLimit: limit})
		if err != nil || solver == solverBB || s.Status == orchestran.StatusOptimal {
			return s, err
		}
		inc = s
	}
	s, err := orchestran.SolveCBC(ctx, p, orchestran.CBCOptions{TimeLimit: limit})
	if err != nil && inc != nil && ctx.Err() == nil {
		return inc, nil
	}
	return s, err
}

// describe summarises a solution.
func describe(p *orchestran.Problem, s *orchestran.Solution, solver string) solveOut {
	o := solveOut{Solver: solver, Status: s.Status.String(), Cores: s.Cores, Gap: s.Gap, TimeS: s.Elapsed.Seconds(), Vars: s.Vars}
	if s.Gap != s.Gap { // NaN: unknown
		o.Gap = -1
	}
	for _, a := range s.Accepted {
		if a {
			o.Accepted++
		}
	}
	o.Tiers = tiersOf(p, s.Placements)
	return o
}

// tiersOf counts the deployed instances (distinct model, instance, host) per tier of their host.
func tiersOf(p *orchestran.Problem, pl []orchestran.Placement) [5]int {
	var t [5]int
	seen := map[[3]int]bool{}
	for _, x := range pl {
		k := [3]int{x.Model, x.Instance, x.Host}
		if !seen[k] {
			seen[k] = true
			t[p.Tree.Nodes[x.Host].Tier]++
		}
	}
	return t
}

// greedy runs SolveGreedy.
func greedy(p *orchestran.Problem) solveOut {
	t0 := time.Now()
	s := orchestran.SolveGreedy(p)
	o := describe(p, s, "greedy")
	o.TimeS = time.Since(t0).Seconds()
	return o
}

// branching runs SolveBranching with SolveBB per cluster (limits as the exact solves).
func branching(ctx context.Context, p *orchestran.Problem, bbNodes int, limit time.Duration) (solveOut, error) {
	t0 := time.Now()
	b, err := orchestran.SolveBranching(ctx, p, orchestran.BranchOptions{
		Solve: func(ctx context.Context, q *orchestran.Problem) (*orchestran.Solution, error) {
			return orchestran.SolveBB(ctx, q, orchestran.BBOptions{MaxNodes: bbNodes, TimeLimit: limit})
		}})
	if err != nil {
		return solveOut{}, err
	}
	o := describe(p, b.Solution, "branching")
	o.TimeS = time.Since(t0).Seconds()
	o.Cores = b.Cores
	o.Tiers = tiersOf(p, b.Placements)
	for _, part := range b.Partial {
		if part {
			o.Partial++
		}
	}
	return o, nil
}

// servable counts the intents whose every tuple has a candidate (model and host passing the exact
// filters): the most any solver can accept, capacities aside.
func servable(p *orchestran.Problem) int {
	n := 0
	for i, in := range p.Intents {
		ok := true
		for j := range in.Items {
			if len(p.Candidates(i, j)) == 0 {
				ok = false
				break
			}
		}
		if ok {
			n++
		}
	}
	return n
}

package orchestran

import (
	"fmt"
	"math"
	"sort"
	"time"
)

// Status is how a solver ended.
type Status int

// Solver outcomes.
const (
	// StatusOptimal: the solution is proven optimal (Gap 0).
	StatusOptimal Status = iota
	// StatusFeasible: stopped (time limit) with a feasible solution; Gap bounds its distance to the optimum.
	StatusFeasible
	// StatusHeuristic: a heuristic's solution, with no bound.
	StatusHeuristic
)

func (s Status) String() string {
	return [...]string{"optimal", "feasible", "heuristic"}[s]
}

// Placement says that item Item of intent Intent is served by instance Instance (0-based k) of model
// Model on node Host: x^{i,f,d}_{m,k,d'} = 1.
type Placement struct {
	Intent, Item, Model, Instance, Host int
}

// Solution is an orchestration policy with its objective.
type Solution struct {
	Status     Status
	Accepted   []bool      // y_i
	Placements []Placement // sorted by intent, then item
	Value      float64     // Σ v_i y_i
	Cores      float64     // the tie-break: cores of the deployed instances, Σ ρ_m z_{m,k,d}
	// Gap is the solver's relative gap on the scaled objective W·Value − Cores (0 when optimal; NaN
	// when unknown).
	Gap float64
	// Vars is the number of x variables the solver saw (0 for brute force and greedy).
	Vars int
	// Elapsed is the wall time of the solve, including writing and reading files.
	Elapsed time.Duration
}

type instKey struct{ m, k, h int }

// newSolution sorts the placements and fills Value and Cores.
func newSolution(p *Problem, st Status, acc []bool, pl []Placement) *Solution {
	sort.Slice(pl, func(a, b int) bool {
		if pl[a].Intent != pl[b].Intent {
			return pl[a].Intent < pl[b].Intent
		}
		return pl[a].Item < pl[b].Item
	})
	s := &Solution{Status: st, Accepted: acc, Placements: pl}
	for i, ok := range acc {
		if ok {
			s.Value += p.Intents[i].Value
		}
	}
	seen := map[instKey]bool{}
	for _, x := range pl {
		k := instKey{x.Model, x.Instance, x.Host}
		if !seen[k] {
			seen[k] = true
			s.Cores += p.Catalog.Models[x.Model].Cores
		}
	}
	return s
}

// Check verifies s against every constraint of problem (10) (and (14) when sharing is off) and the
// reported Value and Cores; it returns an error wrapping ErrInfeasibleSolution on the first violation.
func (p *Problem) Check(s *Solution) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInfeasibleSolution}, a...)...)
	}
	if len(s.Accepted) != len(p.Intents) {
		return bad("%d acceptances for %d intents", len(s.Accepted), len(p.Intents))
	}
	load, err := p.checkServed(s.Placements, func(i, _ int) bool { return s.Accepted[i] }, bad)
	if err != nil {
		return err
	}
	return p.checkInstances(s, load, bad)
}

// checkServed checks every placement of ps (an existing item; (1)'s candidate conditions, (2), (5))
// and that each tuple (intent i, item j) is served once if accepted(i, j) and never otherwise. It
// returns the tuples served by each instance, for checkInstances.
func (p *Problem) checkServed(ps []Placement, accepted func(i, j int) bool, bad func(string, ...any) error) (map[instKey]int, error) {
	served := map[[2]int]int{}
	load := map[instKey]int{}
	for _, x := range ps {
		if x.Intent < 0 || x.Intent >= len(p.Intents) || x.Item < 0 || x.Item >= len(p.Intents[x.Intent].Items) {
			return nil, bad("placement %+v: no such item", x)
		}
		if err := p.checkPlacement(x); err != nil {
			return nil, bad("placement %+v: %v", x, err)
		}
		served[[2]int{x.Intent, x.Item}]++
		load[instKey{x.Model, x.Instance, x.Host}]++
	}
	for i, in := range p.Intents {
		for j := range in.Items {
			want := 0
			if accepted(i, j) {
				want = 1
			}
			if n := served[[2]int{i, j}]; n != want {
				return nil, bad("(1): intent %d item %d served %d times, want %d", i, j, n, want)
			}
		}
	}
	return load, nil
}

func (p *Problem) checkPlacement(x Placement) error {
	it := p.Intents[x.Intent].Items[x.Item]
	switch {
	case x.Model < 0 || x.Model >= len(p.Catalog.Models) || x.Host < 0 || x.Host >= len(p.Tree.Nodes):
		return fmt.Errorf("model or host out of range")
	case x.Instance < 0 || x.Instance >= p.maxInstances(x.Host):
		return fmt.Errorf("instance %d ≥ C = %d", x.Instance, p.maxInstances(x.Host))
	case !p.Catalog.Sigma(x.Model, it.Func):
		return fmt.Errorf("(1): σ = 0")
	case !p.Tree.Reachable(it.Node, x.Host):
		return fmt.Errorf("(1): c_{d,d'} = 0")
	case !p.qualityOK(it, x.Model):
		return fmt.Errorf("(2): quality")
	}
	lat, ok := p.Latency(it, x.Model, x.Host)
	if !ok || lat > it.DeltaMs {
		return fmt.Errorf("(5): latency %v ms > δ %v ms (sources reached: %v)", lat, it.DeltaMs, ok)
	}
	return nil
}

func (p *Problem) checkInstances(s *Solution, load map[instKey]int, bad func(string, ...any) error) error {
	used := make([]float64, len(p.Tree.Nodes))
	var cores float64
	for k, n := range load {
		if p.Options.NoSharing && n > 1 {
			return bad("(14): instance %+v serves %d tuples", k, n)
		}
		used[k.h] += p.Catalog.Models[k.m].Cores
		cores += p.Catalog.Models[k.m].Cores
	}
	for d, u := range used {
		if u > p.Tree.Nodes[d].Cores+1e-9 {
			return bad("(6): node %d uses %v of %v cores", d, u, p.Tree.Nodes[d].Cores)
		}
	}
	var value float64
	for i, ok := range s.Accepted {
		if ok {
			value += p.Intents[i].Value
		}
	}
	if math.Abs(value-s.Value) > 1e-6 || math.Abs(cores-s.Cores) > 1e-6 {
		return bad("reported value %v cores %v, recomputed %v and %v", s.Value, s.Cores, value, cores)
	}
	return nil
}

func nanGap() float64 { return math.NaN() }

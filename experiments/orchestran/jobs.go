package main

import (
	"context"
	"fmt"
	"time"

	"github.com/airansim/airansim/orchestran"
)

// pointSpec is one run of Figs. 6–9: a mix, a case and a seed on the default network. It is the
// run's stored inputs (with the code revision and the catalogue's hash).
type pointSpec struct {
	Mix        string  `json:"mix"`
	Case       string  `json:"case"`
	Seed       uint64  `json:"seed"`
	Requests   int     `json:"requests"`
	Sources    int     `json:"max_sources"`
	Solver     string  `json:"solver"`
	BBNodes    int     `json:"bb_nodes"`
	TimeLimitS float64 `json:"time_limit_s"`
	Catalog    string  `json:"catalog_sha256"` // "": the default catalogue
	Revision   string  `json:"revision"`
}

func (s pointSpec) key() string { return fmt.Sprintf("point_%s_%s_seed%d", s.Mix, s.Case, s.Seed) }

// pointResult is the outcome of one pointSpec, stored as runs/<key>.json.
type pointResult struct {
	Spec     pointSpec `json:"spec"`
	Intents  int       `json:"intents"`
	Servable int       `json:"servable"` // intents whose every tuple has a candidate
	Share    solveOut  `json:"share"`    // exact, sharing on (Figs. 6 left, 7, 9)
	NoShare  solveOut  `json:"noshare"`  // exact, constraint (14) (Figs. 7, 8)
	Greedy   solveOut  `json:"greedy"`   // sharing on
	Branch   solveOut  `json:"branch"`   // graph-tree branching, sharing on (Fig. 6 right)
}

// sizeSpec is one run of the Fig. 5 sweep: DT, ALL, sharing on, on a network of Nodes nodes.
type sizeSpec struct {
	Nodes      int     `json:"nodes"`
	Seed       uint64  `json:"seed"`
	Requests   int     `json:"requests"`
	Sources    int     `json:"max_sources"`
	Exact      bool    `json:"exact"` // run cbc and SolveBB (Nodes ≤ --exact-up-to)
	BBNodes    int     `json:"bb_nodes"`
	TimeLimitS float64 `json:"time_limit_s"`
	Catalog    string  `json:"catalog_sha256"`
	Revision   string  `json:"revision"`
}

func (s sizeSpec) key() string { return fmt.Sprintf("size_n%d_seed%d", s.Nodes, s.Seed) }

// sizeResult is the outcome of one sizeSpec.
type sizeResult struct {
	Spec   sizeSpec            `json:"spec"`
	Count  orchestran.VarCount `json:"count"`
	BuildS float64             `json:"build_s"` // building the problem and its candidate lists
	BB     *solveOut           `json:"bb"`      // nil when not run
	CBC    *solveOut           `json:"cbc"`     // nil when not run
	Greedy solveOut            `json:"greedy"`
	Branch solveOut            `json:"branch"`
}

// result is the stored result of either kind of run.
type result struct {
	Point *pointResult `json:"point,omitempty"`
	Size  *sizeResult  `json:"size,omitempty"`
	Sim   *simResult   `json:"sim,omitempty"`
}

// build draws the tree and intents of a run and builds the problem.
func build(spec orchestran.TreeSpec, is orchestran.IntentSpec, seed uint64, cat *orchestran.Catalog, noShare bool) (*orchestran.Problem, error) {
	tr, err := spec.Generate(seed)
	if err != nil {
		return nil, err
	}
	in, err := is.Generate(seed, tr, cat)
	if err != nil {
		return nil, err
	}
	return orchestran.NewProblem(tr, cat, in, orchestran.Options{NoSharing: noShare})
}

func (s pointSpec) run(ctx context.Context, cat *orchestran.Catalog) (result, error) {
	is := orchestran.IntentSpec{Requests: s.Requests, MaxSources: s.Sources, Mix: mixOf(s.Mix), Case: caseOf(s.Case)}
	limit := time.Duration(s.TimeLimitS * float64(time.Second))
	r := &pointResult{Spec: s, Intents: s.Requests}
	p, err := build(orchestran.DefaultTreeSpec(), is, s.Seed, cat, false)
	if err != nil {
		return result{}, err
	}
	r.Servable = servable(p)
	if r.Share, err = exact(ctx, p, s.Solver, s.BBNodes, limit); err != nil {
		return result{}, fmt.Errorf("%s: sharing on: %w", s.key(), err)
	}
	r.Greedy = greedy(p)
	if r.Branch, err = branching(ctx, p, s.BBNodes, limit); err != nil {
		return result{}, fmt.Errorf("%s: branching: %w", s.key(), err)
	}
	q, err := build(orchestran.DefaultTreeSpec(), is, s.Seed, cat, true)
	if err != nil {
		return result{}, err
	}
	if r.NoShare, err = exact(ctx, q, s.Solver, s.BBNodes, limit); err != nil {
		return result{}, fmt.Errorf("%s: sharing off: %w", s.key(), err)
	}
	return result{Point: r}, nil
}

func (s sizeSpec) run(ctx context.Context, cat *orchestran.Catalog) (result, error) {
	limit := time.Duration(s.TimeLimitS * float64(time.Second))
	t0 := time.Now()
	p, err := build(orchestran.ScaledTreeSpec(s.Nodes), orchestran.IntentSpec{Requests: s.Requests, MaxSources: s.Sources}, s.Seed, cat, false)
	if err != nil {
		return result{}, err
	}
	r := &sizeResult{Spec: s, BuildS: time.Since(t0).Seconds(), Count: p.Count()}
	if s.Exact {
		bb, err := exact(ctx, p, solverBB, s.BBNodes, limit)
		if err != nil {
			return result{}, fmt.Errorf("%s: SolveBB: %w", s.key(), err)
		}
		cbc, err := exact(ctx, p, solverCBC, s.BBNodes, limit)
		if err != nil {
			return result{}, fmt.Errorf("%s: cbc: %w", s.key(), err)
		}
		r.BB, r.CBC = &bb, &cbc
	}
	r.Greedy = greedy(p)
	if r.Branch, err = branching(ctx, p, s.BBNodes, limit); err != nil {
		return result{}, fmt.Errorf("%s: branching: %w", s.key(), err)
	}
	return result{Size: r}, nil
}

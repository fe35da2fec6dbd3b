package orchestranctl

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/orchestran"
	"github.com/airansim/airansim/rng"
)

// Name is the controller's name (sim.Controller.Name) and the method name in results.
const Name = "orchestran"

// DefaultPeriod is the re-solve period, s: the prototype generates new requests every 4 minutes.
const DefaultPeriod = 240

// Options configures a schedule. Tree and Catalog are required; the zero value of the rest selects
// the defaults written in each field's comment.
type Options struct {
	Tree    *orchestran.Tree
	Catalog *orchestran.Catalog
	// Intents draws each epoch's batch (default: its zero value, the paper's 20 DT intents on ALL).
	Intents orchestran.IntentSpec
	// Problem selects the variant of problem (10) (default: sharing on, C = 3).
	Problem orchestran.Options
	// Solve solves one epoch's problem (default SolveBB with its default limits).
	Solve func(context.Context, *orchestran.Problem) (*orchestran.Solution, error)
	Seed  uint64 // seed of the batches and of the loops' phases
	// Period is the time between re-solves, s (default DefaultPeriod).
	Period float64
	// Horizon is the end of the run, s (> 0, required).
	Horizon float64
}

// Epoch is one re-solve: from At (s) to the next epoch, the intents of Problem are served as
// Solution places them.
type Epoch struct {
	At       float64
	Problem  *orchestran.Problem
	Solution *orchestran.Solution
}

// Schedule is the sequence of OrchestRAN decisions of a run. OrchestRAN's model is static (it reads
// no engine state), so every epoch is solved before the run, deterministically; the controller then
// applies each one on the engine's actual state.
type Schedule struct {
	Tree    *orchestran.Tree
	Catalog *orchestran.Catalog
	Epochs  []Epoch
	Period  float64
	Horizon float64
	Seed    uint64
}

// NewSchedule draws a batch of intents for each period in [0, Horizon) and solves it.
func NewSchedule(ctx context.Context, o Options) (*Schedule, error) {
	if o.Tree == nil || o.Catalog == nil {
		return nil, fmt.Errorf("orchestranctl: Tree and Catalog are required")
	}
	if o.Period == 0 {
		o.Period = DefaultPeriod
	}
	if !(o.Period > 0) || math.IsInf(o.Period, 0) || !(o.Horizon > 0) || math.IsInf(o.Horizon, 0) {
		return nil, fmt.Errorf("orchestranctl: period %g s and horizon %g s must be finite and > 0", o.Period, o.Horizon)
	}
	if o.Solve == nil {
		o.Solve = func(ctx context.Context, p *orchestran.Problem) (*orchestran.Solution, error) {
			return orchestran.SolveBB(ctx, p, orchestran.BBOptions{})
		}
	}
	s := &Schedule{Tree: o.Tree, Catalog: o.Catalog, Period: o.Period, Horizon: o.Horizon, Seed: o.Seed}
	for e := 0; float64(e)*o.Period < o.Horizon; e++ {
		seed := rng.New(o.Seed, fmt.Sprintf("orchestranctl/epoch%d", e)).Uint64()
		in, err := o.Intents.Generate(seed, o.Tree, o.Catalog)
		if err != nil {
			return nil, err
		}
		p, err := orchestran.NewProblem(o.Tree, o.Catalog, in, o.Problem)
		if err != nil {
			return nil, err
		}
		sol, err := o.Solve(ctx, p)
		if err != nil {
			return nil, fmt.Errorf("orchestranctl: epoch %d: %w", e, err)
		}
		s.Epochs = append(s.Epochs, Epoch{At: float64(e) * o.Period, Problem: p, Solution: sol})
	}
	return s, nil
}

// host is a deployed instance: model and node.
type host struct{ model, node int }

// deployed returns the instances of epoch e's solution, counted per (model, node).
func (s *Schedule) deployed(e int) map[host]int {
	seen := map[[3]int]bool{}
	out := map[host]int{}
	for _, x := range s.Epochs[e].Solution.Placements {
		k := [3]int{x.Model, x.Instance, x.Host}
		if !seen[k] {
			seen[k] = true
			out[host{x.Model, x.Host}]++
		}
	}
	return out
}

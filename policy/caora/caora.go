package caora

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Options configures a Policy. The zero value runs the embedded actor with its deterministic mean
// action.
type Options struct {
	// Reward selects the variant: the embedded actor trained on that reward (EmbeddedActor) when
	// Actor is nil, and the name reported (NameOf). The zero value, RewardFulfilment, is CAORA.
	Reward     Reward
	Actor      *Actor // trained actor; nil: the one embedded for Reward (EmbeddedActor)
	Stochastic bool   // sample α from the policy's squashed Gaussian instead of taking its mean
	Seed       uint64 // seeds the sampling when Stochastic
}

// Policy is CAORA applied per node: static placement, and at every epoch one RAN share α_n per node
// where RAN and AI instances both reside, computed by one actor shared by all nodes from the node's
// state vector. It is a sim.Controller returning sim.SetShare actions; pair it with an allocator (HAF's, as in the paper's
// comparison) that divides each class's part among its instances. Not safe for concurrent use.
type Policy struct {
	name   string
	actor  *Actor
	pcg    *rand.PCG  // nil unless Stochastic
	rng    *rand.Rand // draws from pcg
	shares []float64
	x, u   []float64
}

var (
	_ sim.Controller = (*Policy)(nil)
	_ sim.Forker     = (*Policy)(nil)
)

// New returns a policy; it fails only for an unknown Reward or if the embedded actor cannot be loaded.
func New(o Options) (*Policy, error) {
	if !o.Reward.valid() {
		return nil, fmt.Errorf("caora: unknown reward %v", o.Reward)
	}
	a := o.Actor
	if a == nil {
		var err error
		if a, err = EmbeddedActor(o.Reward); err != nil {
			return nil, err
		}
	}
	p := &Policy{actor: a, name: NameOf(o.Reward)}
	if o.Stochastic {
		p.pcg = rng.PCG(o.Seed, "policy/caora")
		p.rng = rand.New(p.pcg)
	}
	return p, nil
}

// Names the policy reports (sim.Controller.Name) and is registered under: Name for CAORA's
// fulfilment reward, CompletionsName for the variant trained with RewardCompletions.
const (
	Name            = "caora"
	CompletionsName = "caora-completions"
)

// NameOf returns the name of the policy trained with reward r: CompletionsName for
// RewardCompletions, Name otherwise.
func NameOf(r Reward) string {
	if r == RewardCompletions {
		return CompletionsName
	}
	return Name
}

// Name returns NameOf(Options.Reward).
func (p *Policy) Name() string { return p.name }

// Decide computes the shares that RANShares returns next and returns them as one SetShare per node; it
// never migrates (CAORA allocates only).
func (p *Policy) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("caora: %w", err)
	}
	p.shares = p.shares[:0]
	for n := range s.Nodes {
		if !Mixed(s, n) {
			p.shares = append(p.shares, math.NaN())
			continue
		}
		p.x = Features(s, n, p.x)
		if p.pcg == nil {
			p.shares = append(p.shares, p.actor.Share(p.x))
			continue
		}
		p.u, _ = p.actor.pi.Sample(p.x, p.rng, p.u)
		p.shares = append(p.shares, toShare(p.u[0]))
	}
	return SharePlan(p.shares), nil
}

// SharePlan returns one sim.SetShare per node, node n getting shares[n] (NaN: unpartitioned), in
// node order; nil for nil shares (the engine's shares are then left unchanged).
func SharePlan(shares []float64) sim.Plan {
	if shares == nil {
		return nil
	}
	p := make(sim.Plan, len(shares))
	for n, a := range shares {
		p[n] = sim.SetShare{Node: n, RAN: a}
	}
	return p
}

// RANShares returns α_n ∈ [0, 1] per node from the last Decide, NaN for nodes where only one class
// resides (that class then gets the whole node), and nil before the first Decide. The slice is
// reused by the next Decide.
func (p *Policy) RANShares() []float64 {
	if p.shares == nil {
		return nil
	}
	return p.shares
}

// Fork returns an independent copy in the same state (for sim.Fork).
func (p *Policy) Fork() any {
	c := &Policy{name: p.name, actor: p.actor, shares: append([]float64(nil), p.shares...)}
	if p.shares == nil {
		c.shares = nil
	}
	if p.pcg != nil {
		pcg := *p.pcg
		c.pcg = &pcg
		c.rng = rand.New(c.pcg)
	}
	return c
}

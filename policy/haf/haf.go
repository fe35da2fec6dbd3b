package haf

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/sim"
)

// Critic predicts the class-resolved fulfillment (r̂^L, r̂^S, r̂^R) ∈ [0,1]^3 over the next interval
// of applying candidate c in state s (eq. 9). Index with sim.GroupLarge, GroupSmall, GroupRAN.
type Critic interface {
	Predict(s *sim.Snapshot, c agent.Candidate, interval float64) [sim.Groups]float64
}

// Options configures HAF's placement layer. The zero value selects every default except Agent.
type Options struct {
	Agent         agent.Agent         // shortlisting agent (required)
	Critic        Critic              // nil: HAF-NoCritic, the agent's first choice is committed
	K             int                 // shortlist size; default 3
	Eligible      []sim.Category      // categories eligible for migration (S^M); nil: all four
	Weights       [sim.Groups]float64 // weights of r̄ in eq. (11) by group; all zero: equal weights
	ChargeLatency bool                // apply the chosen migration only after the agent's measured latency (simulated time)
	// MaxCandidates caps M_k on large clusters (CappedCandidates); 0: DefaultMaxCandidates; < 0: never
	// cap (every feasible move, as in the paper, at a cost that grows as nodes × instances).
	MaxCandidates int
	Destinations  int // destinations per source instance when capped; 0: DefaultDestinations
	// Notes, if set, returns extra prompt lines for the epoch (agent.Query.Notes), e.g. the cluster
	// scores of a scoring hub (policy's haf+scores); an error ends the run. nil: none (the paper's prompt).
	Notes func(ctx context.Context, s *sim.Snapshot) (string, error)
}

// Names the policies report (sim.Controller.Name) and are registered under.
const (
	Name          = "haf"          // HAF: agent shortlist and critic
	NoCriticName  = "haf-nocritic" // HAF without critic: the agent's first choice
	LookaheadName = "lookahead"    // greedy one-interval lookahead over exact rollouts of every candidate
)

// ErrOptions is wrapped by the errors New and NewLookahead return for invalid arguments.
var ErrOptions = errors.New("haf: invalid options")

// check reports the first invalid argument: interval Δ must be finite and > 0, K ≥ 0, the weights
// finite and ≥ 0.
func (o Options) check(interval float64) error {
	if !(interval > 0) || math.IsInf(interval, 0) {
		return fmt.Errorf("%w: placement interval %g s must be finite and > 0", ErrOptions, interval)
	}
	if o.K < 0 {
		return fmt.Errorf("%w: K %d must be ≥ 0", ErrOptions, o.K)
	}
	if o.Destinations < 0 {
		return fmt.Errorf("%w: Destinations %d must be ≥ 0", ErrOptions, o.Destinations)
	}
	for g, w := range o.Weights {
		if !(w >= 0) || math.IsInf(w, 0) {
			return fmt.Errorf("%w: weight %d is %g, must be finite and ≥ 0", ErrOptions, g, w)
		}
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.K <= 0 {
		o.K = 3
	}
	if o.Weights == [sim.Groups]float64{} {
		o.Weights = [sim.Groups]float64{1, 1, 1}
	}
	return o
}

// Policy is HAF's placement layer: every epoch the agent shortlists up to K candidates and the
// critic picks the best by r̄ among them and the no-op (which wins ties); without a critic the first
// shortlisted candidate is committed.
type Policy struct {
	o        Options
	interval float64
	report   Report
}

// New returns a HAF placement policy for placement interval Δ (s). It returns an error wrapping
// ErrOptions if Agent is nil or an argument is out of range (see Options).
func New(interval float64, o Options) (*Policy, error) {
	if o.Agent == nil {
		return nil, fmt.Errorf("%w: no agent", ErrOptions)
	}
	if err := o.check(interval); err != nil {
		return nil, err
	}
	return &Policy{o: o.withDefaults(), interval: interval}, nil
}

// Name returns NoCriticName without a critic, Name with one.
func (p *Policy) Name() string {
	if p.o.Critic == nil {
		return NoCriticName
	}
	return Name
}

// Decide runs one placement epoch.
func (p *Policy) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	q := &agent.Query{Snapshot: s, Candidates: p.candidates(s), K: p.o.K, Interval: p.interval}
	if p.o.Notes != nil {
		notes, err := p.o.Notes(ctx, s)
		if err != nil {
			return nil, err
		}
		q.Notes = notes
	}
	reply, err := p.o.Agent.Shortlist(ctx, q)
	if err != nil {
		return nil, err
	}
	if err := agent.Validate(reply.Shortlist, q); err != nil {
		return nil, err // a Fallback-wrapped agent never gets here; a bare one is a programming error
	}
	if reply.PromptTokens == 0 { // in-process agents: estimate what the prompt would cost an LLM
		sys, user := agent.Prompt(q)
		reply.PromptTokens = agent.EstimateTokens(sys + user)
	}
	p.report.add(reply)
	c := p.choose(s, q, reply.Shortlist)
	if c.NoOp() {
		return nil, nil
	}
	m, _ := c.Migration()
	if p.o.ChargeLatency {
		m.Delay = reply.Latency.Seconds()
	}
	return sim.Plan{m}, nil
}

// candidates returns M_k, capped unless MaxCandidates < 0.
func (p *Policy) candidates(s *sim.Snapshot) []agent.Candidate {
	if p.o.MaxCandidates < 0 {
		return Candidates(s, p.o.Eligible)
	}
	return CappedCandidates(s, p.o.Eligible, p.o.MaxCandidates, p.o.Destinations, p.interval)
}

// choose applies eq. (11) over the shortlist and the no-op.
func (p *Policy) choose(s *sim.Snapshot, q *agent.Query, shortlist []string) agent.Candidate {
	first := q.Candidates[agent.Index(q.Candidates, shortlist[0])]
	if p.o.Critic == nil {
		return first
	}
	best := q.Candidates[0]
	bestV := p.value(p.o.Critic.Predict(s, best, p.interval))
	for _, id := range shortlist {
		c := q.Candidates[agent.Index(q.Candidates, id)]
		if v := p.value(p.o.Critic.Predict(s, c, p.interval)); v > bestV {
			best, bestV = c, v
		}
	}
	if best.NoOp() && !first.NoOp() {
		p.report.Vetoed++
	}
	return best
}

// value is r̄ of a prediction with the policy's weights.
func (p *Policy) value(r [sim.Groups]float64) float64 { return Mean(r, p.o.Weights) }

// Mean is r̄ of eq. (11): Σ w_g r_g / Σ w_g over the three groups (weights ≥ 0, not all zero).
func Mean(r, w [sim.Groups]float64) float64 {
	v, sw := 0.0, 0.0
	for g := range r {
		v += w[g] * r[g]
		sw += w[g]
	}
	return v / sw
}

// Report is what a HAF policy observed over a run, beyond the engine's counters.
type Report struct {
	Epochs          int           // agent calls
	Vetoed          int           // epochs where the critic chose the no-op over the agent's first (migrating) choice
	DecisionLatency time.Duration // Σ agent latency
	PromptTokens    int           // Σ prompt tokens reported by the agent (estimated at 4 characters per token for in-process agents)
	OutputTokens    int           // Σ generated tokens
}

func (r *Report) add(reply agent.Reply) {
	r.Epochs++
	r.DecisionLatency += reply.Latency
	r.PromptTokens += reply.PromptTokens
	r.OutputTokens += reply.OutputTokens
}

// Report returns the counters so far, with the agent's fallbacks when it counts them.
func (p *Policy) Report() (Report, []agent.Count) {
	var fb []agent.Count
	if f, ok := p.o.Agent.(interface{ Fallbacks() []agent.Count }); ok {
		fb = f.Fallbacks()
	}
	return p.report, fb
}

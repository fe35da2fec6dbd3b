package policy

import (
	"fmt"
	"sort"
	"strings"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/policy/lyapunov"
	"github.com/airansim/airansim/sim"
)

// Method is a method's controllers with their periods and its allocator, ready for one run.
type Method struct {
	Name        string
	Controllers []sim.ControllerSpec // in call order at equal times; none: the initial placement is kept
	Allocator   sim.Allocator        // divides each node's GPU and CPU after every event
}

// every schedules one controller every Δ of the options.
func (o Options) every(c sim.Controller) []sim.ControllerSpec {
	return []sim.ControllerSpec{{Controller: c, Period: o.interval()}}
}

// Options configures a method's construction. The zero value selects every default.
type Options struct {
	Seed                  uint64      // seed for methods with randomness
	Interval              float64     // placement interval Δ, s; 0: 5
	Agent                 agent.Agent // shortlisting agent of haf and haf-nocritic; nil: the heuristic
	Critic                haf.Critic  // critic of haf; nil: the embedded default (critic.Default)
	ChargeDecisionLatency bool        // haf: apply a placement only after the agent's measured latency
}

func (o Options) interval() float64 {
	if o.Interval <= 0 {
		return 5
	}
	return o.Interval
}

func (o Options) agent() agent.Agent {
	if o.Agent == nil {
		return agent.NewHeuristic(agent.HeuristicOptions{})
	}
	return o.Agent
}

// Factory builds a fresh, independent method for one run.
type Factory func(o Options) (Method, error)

// Entry is a registered method: its factory and a one-line summary for command-line help.
type Entry struct {
	New     Factory
	Summary string
}

// Registry maps method names to their entries.
type Registry map[string]Entry

// Default returns the registry of every built-in method, one line each.
func Default() Registry {
	return Registry{
		"caora":               {newCAORA, "static placement; per-node RAN/AI split α from a SAC actor (ref. [13])"},
		"game-theory":         {newGameTheory, "best-response placement, proportional market clearing"},
		"game-theory-backlog": {newGameTheoryBacklog, "game-theory whose players also count their backlog (variant)"},
		"haf":                 {newHAF, "agent shortlist + critic (eq. 11), closed-form allocation (HAF)"},
		"haf-nocritic":        {newHAFNoCritic, "HAF committing the agent's first choice (critic ablation)"},
		"haf-static":          {newHAFStatic, "initial placement, HAF's closed-form allocation"},
		"lyapunov":            {newLyapunov, "drift-plus-penalty placement, MaxWeight allocation"},
		"oracle":              {newOracle, "exact-rollout best single migration per epoch (bound: sees the future)"},
		"round-robin":         {newRoundRobin, "initial placement, round-robin dispatch, equal shares"},
	}
}

// Help returns one line per registered method, "name  summary", sorted by name.
func (r Registry) Help() string {
	var b strings.Builder
	for _, n := range r.Names() {
		fmt.Fprintf(&b, "  %-20s %s\n", n, r[n].Summary)
	}
	return b.String()
}

// PaperMethods returns the paper's comparison (section IV-2): the five baselines, HAF and its critic
// ablation, in Table III's order. It is the load sweep's default. The other registered methods are
// bounds (oracle: it sees the future workload) and variants for sensitivity studies.
func PaperMethods() []string {
	return []string{"haf-static", "round-robin", "lyapunov", "game-theory", "caora", "haf", "haf-nocritic"}
}

// Names returns the registered names in sorted order.
func (r Registry) Names() []string {
	names := make([]string, 0, len(r))
	for n := range r {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// New builds the method called name.
func (r Registry) New(name string, o Options) (Method, error) {
	e, ok := r[name]
	if !ok {
		return Method{}, fmt.Errorf("policy: unknown method %q (known: %s)", name, strings.Join(r.Names(), ", "))
	}
	return e.New(o)
}

// newHAFStatic is HAF-Static: the fixed initial placement with HAF's closed-form allocator.
func newHAFStatic(Options) (Method, error) {
	return Method{Name: "haf-static", Allocator: allocator.HAF{}}, nil
}

// newRoundRobin is Round-Robin: fixed placement, round-robin dispatch across replicas, and
// equal-share allocation of the residual capacity after the RAN floors.
func newRoundRobin(o Options) (Method, error) {
	return Method{Name: "round-robin", Controllers: o.every(&RoundRobin{}), Allocator: allocator.EqualShare{}}, nil
}

// newHAF is HAF: agent shortlist, critic selection (eq. 11), HAF's closed-form allocator.
func newHAF(o Options) (Method, error) {
	c := o.Critic
	if c == nil {
		d, err := critic.Default()
		if err != nil {
			return Method{}, fmt.Errorf("policy: haf: %w", err)
		}
		c = d
	}
	p := haf.New(o.interval(), haf.Options{Agent: o.agent(), Critic: c, ChargeLatency: o.ChargeDecisionLatency})
	return Method{Name: "haf", Controllers: o.every(p), Allocator: allocator.HAF{}}, nil
}

// newHAFNoCritic is HAF-NoCritic: the agent's first choice is committed.
func newHAFNoCritic(o Options) (Method, error) {
	p := haf.New(o.interval(), haf.Options{Agent: o.agent(), ChargeLatency: o.ChargeDecisionLatency})
	return Method{Name: "haf-nocritic", Controllers: o.every(p), Allocator: allocator.HAF{}}, nil
}

// newOracle is the exact-rollout upper bound of single-migration placement with HAF's allocator.
func newOracle(o Options) (Method, error) {
	return Method{Name: "oracle", Controllers: o.every(haf.NewOracle(o.interval(), nil, [sim.Groups]float64{})),
		Allocator: allocator.HAF{}}, nil
}

// newLyapunov is Lyapunov: drift-plus-penalty placement with MaxWeight allocation of the residual
// capacity after the RAN floors. The slot is the placement interval when one is set.
func newLyapunov(o Options) (Method, error) {
	var lo lyapunov.Options
	if o.Interval > 0 {
		lo.Slot = o.interval()
	}
	return Method{Name: "lyapunov", Controllers: o.every(lyapunov.New(lo)), Allocator: allocator.MaxWeight{}}, nil
}

// newGameTheory is Game Theory: best-response placement with proportional market clearing of the
// residual capacity after the RAN floors. The slot is the placement interval when one is set.
func newGameTheory(o Options) (Method, error) {
	var g gametheory.Options
	if o.Interval > 0 {
		g.Slot = o.interval()
	}
	return Method{Name: "game-theory", Controllers: o.every(gametheory.New(g)), Allocator: allocator.Proportional{}}, nil
}

// newGameTheoryBacklog is the Game Theory baseline whose players also count their backlog, spread over
// one slot, as demand (gametheory.Options.Horizon = slot): a variant for sensitivity studies.
func newGameTheoryBacklog(o Options) (Method, error) {
	g := gametheory.Options{Slot: o.interval(), Horizon: o.interval()}
	return Method{Name: "game-theory-backlog", Controllers: o.every(gametheory.New(g)), Allocator: allocator.Proportional{}}, nil
}

// newCAORA is CAORA: static placement and a per-node RAN/AI split α from the frozen SAC actor, with
// HAF's allocator inside each class.
func newCAORA(o Options) (Method, error) {
	p, err := caora.New(caora.Options{Seed: o.Seed})
	if err != nil {
		return Method{}, fmt.Errorf("policy: caora: %w", err)
	}
	return Method{Name: "caora", Controllers: o.every(p), Allocator: allocator.HAF{}}, nil
}

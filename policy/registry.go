package policy

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/bnb"
	"github.com/airansim/airansim/policy/caora"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/policy/gametheory"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/policy/hpa"
	"github.com/airansim/airansim/policy/lyapunov"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// Names of the built-in methods, as registered in Default and written in the "method" column. A
// method whose controller reports its own name (sim.Controller.Name) uses the same constant.
const (
	MethodHAFStatic           = "haf-static"
	MethodRoundRobin          = "round-robin"
	MethodLyapunov            = lyapunov.Name
	MethodLyapunovHorizon     = lyapunov.HorizonName
	MethodGameTheory          = gametheory.Name
	MethodGameTheoryBacklog   = gametheory.BacklogName
	MethodGameTheoryAmortised = gametheory.AmortisedName
	MethodCAORA               = caora.Name
	MethodCAORACompletions    = caora.CompletionsName
	MethodHAF                 = haf.Name
	MethodHAFNoCritic         = haf.NoCriticName
	MethodLookahead           = haf.LookaheadName
	// MethodHAFHPA is HAF with replica autoscaling of the AI services: two controllers, HAF's
	// (named MethodHAF) and the Kubernetes HPA's (named hpa.Name).
	MethodHAFHPA = "haf+hpa"
	// MethodHAFStaticHPA is HAF-Static with replica autoscaling: the HPA controller only, no migration.
	MethodHAFStaticHPA = "haf-static+hpa"
	// MethodHAutoscale is ORAN-HAutoscaling on the HAF scenario: its rules on every AI service (GPU
	// utilisation) and the Bull-and-Bear router (named MethodBnB), with HAF's allocator.
	MethodHAutoscale = hautoscale.Name
	// MethodBnB is the Bull-and-Bear router alone over the initial replicas, with HAF's allocator.
	MethodBnB = bnb.Name
	// MethodDynamicScoring is AITRAS dynamic scoring (policy/dynscore): scoring agents on the run's
	// telemetry, OCM Placement rounds over the nodes, HAF's allocator.
	MethodDynamicScoring = dynscore.Name
)

// HPAMaxReplicas is the replica bound per AI service of haf+hpa and haf-static+hpa: the initial
// replica and at most two more, ORAN-HAutoscaling's 1 ≤ c ≤ 3 (docs/autoscale.md). Kubernetes
// requires a bound and gives no default.
const HPAMaxReplicas = 3

// Method is a method's controllers with their periods and its allocator, ready for one run.
type Method struct {
	Name        string
	Controllers []sim.ControllerSpec // in call order at equal times; none: the initial placement is kept
	Allocator   sim.Allocator        // divides each node's GPU and CPU after every event
}

// method returns the method called name that schedules controller c every Δ of the options with
// allocator a, or err, prefixed with the method's name, when c could not be built.
func (o Options) method(name string, c sim.Controller, err error, a sim.Allocator) (Method, error) {
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", name, err)
	}
	return Method{Name: name, Controllers: []sim.ControllerSpec{{Controller: c, Period: o.interval()}}, Allocator: a}, nil
}

// Options configures a method's construction. The zero value selects every default.
type Options struct {
	Seed                  uint64      // seed for methods with randomness
	Interval              float64     // placement interval Δ, s; 0: 5
	Agent                 agent.Agent // shortlisting agent of haf and haf-nocritic; nil: the heuristic
	Critic                haf.Critic  // critic of haf; nil: the embedded default (critic.Default)
	ChargeDecisionLatency bool        // haf: apply a placement only after the agent's measured latency
	// Telemetry is the run's node telemetry (docs/telemetry.md) when the study records it
	// (study.Spec.Telemetry), for methods that score clusters on metric windows; nil: none recorded.
	Telemetry *telemetry.Recorder
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
		MethodCAORA:               {newCAORA, "static placement; per-node RAN/AI split α from a SAC actor (ref. [13])"},
		MethodCAORACompletions:    {newCAORACompletions, "CAORA with a reward that counts large-AI completions (variant in its favour)"},
		MethodGameTheory:          {newGameTheory, "best-response placement, proportional market clearing"},
		MethodGameTheoryBacklog:   {newGameTheoryBacklog, "game-theory whose players also count their backlog (variant)"},
		MethodGameTheoryAmortised: {newGameTheoryAmortised, "game-theory with a move's R_s amortised over 4 slots, not 1 (variant)"},
		MethodHAF:                 {newHAF, "agent shortlist + critic (eq. 11), closed-form allocation (HAF)"},
		MethodHAFScores:           {newHAFScores, "HAF whose agent prompt also carries the dynamic-scoring framework's cluster scores (with telemetry; else haf)"},
		MethodHAFNoCritic:         {newHAFNoCritic, "HAF committing the agent's first choice (critic ablation)"},
		MethodHAFStatic:           {newHAFStatic, "initial placement, HAF's closed-form allocation"},
		MethodHAFHPA:              {newHAFHPA, "HAF plus Kubernetes-HPA replica autoscaling of the AI services (GPU, ≤ 3 replicas, 15 s)"},
		MethodHAFStaticHPA:        {newHAFStaticHPA, "HAF-Static plus Kubernetes-HPA replica autoscaling (replicas without migrations)"},
		MethodHAutoscale:          {newHAutoscale, "ORAN-HAutoscaling rules (≥ 80 % up, ≤ 10 % for 180 s down, ≤ 3 replicas; GPU, 15 s) + Bull-and-Bear routing"},
		MethodBnB:                 {newBnB, "initial placement, Bull-and-Bear routing (least loaded, newest replica first), HAF's allocation"},
		MethodDynamicScoring:      {newDynamicScoring, "AITRAS dynamic scoring: scorers on telemetry, OCM Placement (Balance, Steady, spare capacity), HAF's allocation"},
		MethodLyapunov:            {newLyapunov, "drift-plus-penalty placement, MaxWeight allocation"},
		MethodLyapunovHorizon:     {newLyapunovHorizon, "lyapunov with the drift estimated over 4 slots, not 1 (variant)"},
		MethodLookahead:           {newLookahead, "greedy one-interval lookahead: exact rollouts of every move (sees the future; not a bound)"},
		MethodRoundRobin:          {newRoundRobin, "initial placement, round-robin dispatch, equal shares"},
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
// references (lookahead: a greedy one-interval lookahead that sees the future workload, not a bound)
// and variants for sensitivity studies.
func PaperMethods() []string {
	return []string{MethodHAFStatic, MethodRoundRobin, MethodLyapunov, MethodGameTheory, MethodCAORA, MethodHAF,
		MethodHAFNoCritic}
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

// New builds the method called name. It returns an error for an unknown name, an interval that is
// negative, NaN or infinite, or options the method's constructor rejects.
func (r Registry) New(name string, o Options) (Method, error) {
	e, ok := r[name]
	if !ok {
		return Method{}, fmt.Errorf("policy: unknown method %q (known: %s)", name, strings.Join(r.Names(), ", "))
	}
	if !(o.Interval >= 0) || math.IsInf(o.Interval, 0) {
		return Method{}, fmt.Errorf("policy: %s: placement interval %g s must be finite and ≥ 0 (0: 5 s)", name, o.Interval)
	}
	return e.New(o)
}

// newHAFStatic is HAF-Static: the fixed initial placement with HAF's closed-form allocator.
func newHAFStatic(Options) (Method, error) {
	return Method{Name: MethodHAFStatic, Allocator: allocator.HAF{}}, nil
}

// newRoundRobin is Round-Robin: fixed placement, round-robin dispatch across replicas, and
// equal-share allocation of the residual capacity after the RAN floors.
func newRoundRobin(o Options) (Method, error) {
	return o.method(MethodRoundRobin, &RoundRobin{}, nil, allocator.EqualShare{})
}

// newHAF is HAF: agent shortlist, critic selection (eq. 11), HAF's closed-form allocator.
func newHAF(o Options) (Method, error) {
	c := o.Critic
	if c == nil {
		d, err := critic.Default()
		if err != nil {
			return Method{}, fmt.Errorf("policy: %s: %w", MethodHAF, err)
		}
		c = d
	}
	p, err := haf.New(o.interval(), haf.Options{Agent: o.agent(), Critic: c, ChargeLatency: o.ChargeDecisionLatency})
	return o.method(MethodHAF, p, err, allocator.HAF{})
}

// newHPA returns the HPA controller of the +hpa methods: every AI service of the run (discovered at
// its first call), GPU utilisation over a request of the node's G_n, Kubernetes' defaults (target
// 80 %, tolerance 10 %, 300 s downscale window), at most HPAMaxReplicas replicas, new replicas on the
// GPU node with the most free VRAM after a start-up of the service's R_s (weights load), every 15 s.
func newHPA() (sim.ControllerSpec, error) {
	c, err := hpa.NewController(hpa.ControllerOptions{HPA: hpa.Options{MaxReplicas: HPAMaxReplicas}})
	if err != nil {
		return sim.ControllerSpec{}, err
	}
	return c.Spec(), nil
}

// newHAFHPA is HAF with replica autoscaling: HAF's controller every Δ and the HPA controller (newHPA)
// every 15 s, with HAF's allocator. At equal times HAF decides first and the HPA second, so the
// autoscaler counts and places replicas on the placement HAF has just committed.
func newHAFHPA(o Options) (Method, error) {
	m, err := newHAF(o)
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodHAFHPA, err)
	}
	h, err := newHPA()
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodHAFHPA, err)
	}
	m.Name, m.Controllers = MethodHAFHPA, append(m.Controllers, h)
	return m, nil
}

// newHAFStaticHPA is HAF-Static with replica autoscaling: the HPA controller (newHPA) only, with HAF's
// allocator; against haf+hpa it isolates the effect of replicas from that of migrations.
func newHAFStaticHPA(Options) (Method, error) {
	h, err := newHPA()
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodHAFStaticHPA, err)
	}
	return Method{Name: MethodHAFStaticHPA, Controllers: []sim.ControllerSpec{h}, Allocator: allocator.HAF{}}, nil
}

// newHAFNoCritic is HAF-NoCritic: the agent's first choice is committed.
func newHAFNoCritic(o Options) (Method, error) {
	p, err := haf.New(o.interval(), haf.Options{Agent: o.agent(), ChargeLatency: o.ChargeDecisionLatency})
	return o.method(MethodHAFNoCritic, p, err, allocator.HAF{})
}

// newLookahead is the greedy one-interval lookahead (exact rollouts of every single migration, the
// best realised committed) with HAF's allocator.
func newLookahead(o Options) (Method, error) {
	p, err := haf.NewLookahead(o.interval(), nil, [sim.Groups]float64{})
	return o.method(MethodLookahead, p, err, allocator.HAF{})
}

// newLyapunov is Lyapunov: drift-plus-penalty placement with MaxWeight allocation of the residual
// capacity after the RAN floors. The slot is the placement interval when one is set.
func newLyapunov(o Options) (Method, error) {
	var lo lyapunov.Options
	if o.Interval > 0 {
		lo.Slot = o.interval()
	}
	p, err := lyapunov.New(lo)
	return o.method(MethodLyapunov, p, err, allocator.MaxWeight{})
}

// newLyapunovHorizon is the Lyapunov baseline whose drift is estimated over lyapunov.HorizonSlots
// slots against one penalty (lyapunov.Options.Horizon): a variant whose open choice, the horizon,
// is made in the baseline's favour.
func newLyapunovHorizon(o Options) (Method, error) {
	p, err := lyapunov.New(lyapunov.Options{Slot: o.interval(), Horizon: lyapunov.HorizonSlots})
	return o.method(MethodLyapunovHorizon, p, err, allocator.MaxWeight{})
}

// newGameTheory is Game Theory: best-response placement with proportional market clearing of the
// residual capacity after the RAN floors. The slot is the placement interval when one is set.
func newGameTheory(o Options) (Method, error) {
	var g gametheory.Options
	if o.Interval > 0 {
		g.Slot = o.interval()
	}
	p, err := gametheory.New(g)
	return o.method(MethodGameTheory, p, err, allocator.Proportional{})
}

// newGameTheoryBacklog is the Game Theory baseline whose players also count their backlog, spread over
// one slot, as demand (gametheory.Options.Horizon = slot): a variant for sensitivity studies.
func newGameTheoryBacklog(o Options) (Method, error) {
	p, err := gametheory.New(gametheory.Options{Slot: o.interval(), Horizon: o.interval()})
	return o.method(MethodGameTheoryBacklog, p, err, allocator.Proportional{})
}

// newGameTheoryAmortised is the Game Theory baseline whose move cost R_s is amortised over
// gametheory.AmortisedSlots slots (gametheory.Options.MoveSlots): a variant whose open choice, the
// amortisation, is made in the baseline's favour.
func newGameTheoryAmortised(o Options) (Method, error) {
	p, err := gametheory.New(gametheory.Options{Slot: o.interval(), MoveSlots: gametheory.AmortisedSlots})
	return o.method(MethodGameTheoryAmortised, p, err, allocator.Proportional{})
}

// newCAORA is CAORA: static placement and a per-node RAN/AI split α from the frozen SAC actor, with
// HAF's allocator inside each class.
func newCAORA(o Options) (Method, error) {
	p, err := caora.New(caora.Options{Seed: o.Seed})
	return o.method(MethodCAORA, p, err, allocator.HAF{})
}

// newCAORACompletions is the CAORA baseline whose actor was trained with caora.RewardCompletions, a
// reward that also credits the requests completed, met or not: a variant whose open choice, the
// reward, is made in the baseline's favour.
func newCAORACompletions(o Options) (Method, error) {
	p, err := caora.New(caora.Options{Reward: caora.RewardCompletions, Seed: o.Seed})
	return o.method(MethodCAORACompletions, p, err, allocator.HAF{})
}

// newHAutoscale is ORAN-HAutoscaling on an AI scenario: the paper's rules (hautoscale.Options
// defaults: +1 at utilisation ≥ 80 %, −1 after ≤ 10 % for 180 s, 1 ≤ replicas ≤ 3, every 15 s) on
// every AI service, on GPU utilisation over the node's G_n (the AI services are GPU-bound; the
// paper's RIC pods are CPU-bound, experiments/autoscale), new replicas after the service's R_s, and
// the Bull-and-Bear router (bnb.Options defaults) with HAF's allocator. The controller runs first at
// equal times, so the router probes the replicas it has just added.
func newHAutoscale(Options) (Method, error) {
	c, err := hautoscale.NewController(hautoscale.ControllerOptions{AllAI: true, GPU: true})
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodHAutoscale, err)
	}
	r, err := bnb.New(bnb.Options{})
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodHAutoscale, err)
	}
	return Method{Name: MethodHAutoscale, Controllers: []sim.ControllerSpec{c.Spec(), r.Spec()}, Allocator: allocator.HAF{}}, nil
}

// newBnB is the Bull-and-Bear router over the initial placement (no scaling, no migration) with HAF's
// allocator: against haf-static it isolates the routing.
func newBnB(Options) (Method, error) {
	r, err := bnb.New(bnb.Options{})
	if err != nil {
		return Method{}, fmt.Errorf("policy: %s: %w", MethodBnB, err)
	}
	return Method{Name: MethodBnB, Controllers: []sim.ControllerSpec{r.Spec()}, Allocator: allocator.HAF{}}, nil
}

// newDynamicScoring is the dynamic-scoring method with its defaults (dynscore.DefaultSpec, the default
// scorers on the run's telemetry when the study records it, no MIG deployment, no cap) and HAF's
// allocator. Experiments that deploy on MIG GPUs or cap power build dynscore.New with the scenario's
// section (scenario.DynamicScoring) instead.
func newDynamicScoring(o Options) (Method, error) {
	c, err := dynscore.New(dynscore.Options{Interval: o.interval(), Telemetry: o.Telemetry})
	return o.method(MethodDynamicScoring, c, err, allocator.HAF{})
}

// DynamicScoringFactory returns a factory of the dynamic-scoring method with the options base (for
// instance a scenario's, scenario.Scenario.DynamicScoringOptions), each run's Interval and Telemetry
// filling those base leaves unset, with HAF's allocator: register it under MethodDynamicScoring in a
// study's registry to run a scenario's sections. Each call builds a fresh controller.
func DynamicScoringFactory(base dynscore.Options) Factory {
	return func(o Options) (Method, error) {
		d := base
		if d.Interval == 0 {
			d.Interval = o.interval()
		}
		if d.Telemetry == nil {
			d.Telemetry = o.Telemetry
		}
		c, err := dynscore.New(d)
		return o.method(MethodDynamicScoring, c, err, allocator.HAF{})
	}
}

// DynamicScoringController returns the dynamic-scoring controller of method m (nil if it has none),
// for reading its epochs, scorer counters and overhead after a run: wrap DynamicScoringFactory in a
// factory that keeps it.
func DynamicScoringController(m Method) *dynscore.Controller {
	for _, c := range m.Controllers {
		if d, ok := c.Controller.(*dynscore.Controller); ok {
			return d
		}
	}
	return nil
}

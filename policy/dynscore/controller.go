package dynscore

import (
	"context"
	"fmt"
	"math"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
)

// Epoch is what the method did at one call.
type Epoch struct {
	Time      float64 // s
	Mode      Mode    // ModePerformance or ModePowerCap
	ForecastW float64 // the power forecast the mode switch read (Σ over clusters), W; NaN: no valid forecast score
	PeakW     float64 // peak power of the configuration after the epoch's plan, W (see Controller)
	CapW      float64 // Options.PowerCapW, W
	Moves     int     // migrations emitted by placement rounds
	Started   int     // deployments started (a mig.Sequence created)
	Deployed  int     // deployments whose replicas were emitted (layout compliant and stable)
	Refused   int     // deployments refused in ModePowerCap: no layout keeps PeakW ≤ CapW
	Warnings  int     // placement warnings (expired scores)
}

// Controller is the dynamic-scoring method as a sim.Controller. At each call, in this order:
//
//  1. the scoring hub makes every scorer call due by now, on telemetry sampled before now;
//  2. the MIG watchers observe the snapshot (the layout claims);
//  3. the mode is chosen from the power headroom;
//  4. running MIG sequences step (evacuate → reconfigure → wait compliant and stable → deploy);
//  5. pending deployments pick a GPU by a placement round and a layout by the mode, and start;
//  6. each movable AI instance (in index order, at most MaxMoves moves) gets a placement round over
//     the nodes that can take it; a top candidate other than its node is a Migrate.
//
// Placement rounds read the store through Scores at the call's time. The peak power of a
// configuration is Σ over nodes of their power models at full utilisation of the capacities in force
// (a GPU under a sequence at the larger of its current and target layouts): an upper bound on the
// power the cluster can draw until the next change. In ModePowerCap no deployment raises it above the
// cap. Not safe for concurrent use.
type Controller struct {
	o       Options
	started bool
	hub     *scoring.Hub
	models  []power.Model
	watch   []mig.Watcher
	seqs    []*mig.Sequence // by GPU: the running sequence, or nil
	seqDep  []int           // by GPU: the deployment its sequence serves
	state   []depState      // by deployment
	mode    Mode
	log     []Epoch
}

type depState uint8

const (
	depPending depState = iota
	depRunning
	depDone
)

// New returns the method's controller, or an error for invalid options or a Placement spec OCM would
// refuse.
func New(o Options) (*Controller, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	for _, sp := range []*placement.Spec{o.Placement, o.Clusters} {
		if sp == nil {
			continue
		}
		if _, err := placement.Schedule(*sp, placement.Input{}); err != nil {
			return nil, fmt.Errorf("dynscore: placement spec: %w", err)
		}
	}
	if err := o.Scoring.Validate(); err != nil {
		return nil, err
	}
	c := &Controller{o: o, watch: make([]mig.Watcher, len(o.GPUs)), seqs: make([]*mig.Sequence, len(o.GPUs)),
		seqDep: make([]int, len(o.GPUs)), state: make([]depState, len(o.Deployments)), mode: ModePerformance}
	for i, g := range o.GPUs {
		c.watch[i].GPU = g
	}
	if o.Mode != ModeAuto {
		c.mode = o.Mode
	}
	return c, nil
}

// Spec returns the controller scheduled every Options.Interval.
func (c *Controller) Spec() sim.ControllerSpec {
	return sim.ControllerSpec{Controller: c, Period: c.o.Interval}
}

// Name returns Name.
func (*Controller) Name() string { return Name }

// Epochs returns the record of every call so far.
func (c *Controller) Epochs() []Epoch { return append([]Epoch(nil), c.log...) }

// Hub returns the scoring hub (nil without telemetry or before the first call).
func (c *Controller) Hub() *scoring.Hub { return c.hub }

// Sequences returns the running MIG sequence of each GPU (nil: none), by Options.GPUs index.
func (c *Controller) Sequences() []*mig.Sequence { return append([]*mig.Sequence(nil), c.seqs...) }

// Decide runs one epoch on s (see Controller).
func (c *Controller) Decide(ctx context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	if !c.started {
		if err := c.start(s); err != nil {
			return nil, err
		}
	}
	if c.hub != nil {
		if err := c.hub.Advance(ctx, s.Time); err != nil {
			return nil, err
		}
	}
	for i := range c.watch {
		c.watch[i].Observe(s)
	}
	ep := Epoch{Time: s.Time, CapW: c.o.PowerCapW, ForecastW: c.forecastW(s)}
	c.switchMode(s, ep.ForecastW)
	ep.Mode = c.mode

	pl := newPlanner(c, s)
	c.stepSequences(s, pl, &ep)
	c.deploy(s, pl, &ep)
	if err := c.migrate(s, pl, &ep); err != nil {
		return nil, err
	}
	ep.PeakW = c.configPeakW(s)
	c.log = append(c.log, ep)
	return pl.plan, nil
}

// start builds the power models and the scoring hub on the first snapshot (its clusters).
func (c *Controller) start(s *sim.Snapshot) error {
	c.started = true
	c.initModels(s)
	if c.o.Telemetry == nil {
		return nil
	}
	scorers := c.o.Scorers
	if scorers == nil {
		scorers = DefaultScorers(c.o.PowerCapW, c.o.Interval)
	}
	sec := c.o.Scoring
	sec.Scorers = append([]scoring.Override(nil), sec.Scorers...)
	for _, sc := range scorers {
		name := sc.Config().Name
		if i := indexOverride(sec.Scorers, name); i >= 0 {
			if sec.Scorers[i].DimensionFormat == "" {
				sec.Scorers[i].DimensionFormat = DefaultOverride(name).DimensionFormat
			}
			continue
		}
		sec.Scorers = append(sec.Scorers, DefaultOverride(name))
	}
	specs, err := sec.Specs(scorers)
	if err != nil {
		return fmt.Errorf("dynscore: %w", err)
	}
	clusters := make([]scoring.Cluster, len(s.Clusters))
	for i, cl := range s.Clusters {
		clusters[i] = scoring.Cluster{Name: cl.Name, Labels: cl.Labels}
	}
	if len(clusters) == 0 {
		clusters = []scoring.Cluster{{Name: sim.DefaultCluster}}
	}
	as, err := scoring.Distribute(clusters, specs, sec.Masks, sec.Rules)
	if err != nil {
		return fmt.Errorf("dynscore: %w", err)
	}
	c.hub, err = scoring.NewHub(c.o.Telemetry, as, scoring.AgentOptions{Clock: c.o.Clock})
	if err != nil {
		return fmt.Errorf("dynscore: %w", err)
	}
	return nil
}

func indexOverride(os []scoring.Override, name string) int {
	for i, o := range os {
		if o.Name == name {
			return i
		}
	}
	return -1
}

// forecastW returns Σ over clusters of the power forecast the store holds for the current
// configuration (score power_forecast, dimension CurrentCandidate, valid now), converted back to W
// with the cap (score = 100·(cap − P̂)/cap), or NaN if no cluster has one or there is no cap.
func (c *Controller) forecastW(s *sim.Snapshot) float64 {
	if c.hub == nil || c.o.PowerCapW == 0 {
		return math.NaN()
	}
	total, found := 0.0, false
	for _, cl := range s.Clusters {
		if v, ok := c.hub.Store().Value(cl.Name, scoring.PowerForecastScore, CurrentCandidate, s.Time); ok {
			total += c.o.PowerCapW * (1 - v/100)
			found = true
		}
	}
	if !found {
		return math.NaN()
	}
	return total
}

// switchMode applies the mode switch: in ModeAuto with a cap, power-cap once the forecast (or, with
// none, the peak power of the configuration) passes (1 − Headroom)·cap, performance again below
// (1 − 2·Headroom)·cap.
func (c *Controller) switchMode(s *sim.Snapshot, forecast float64) {
	if c.o.Mode != ModeAuto || c.o.PowerCapW == 0 {
		return
	}
	p := forecast
	if math.IsNaN(p) {
		p = c.configPeakW(s)
	}
	switch {
	case p > (1-c.o.Headroom)*c.o.PowerCapW:
		c.mode = ModePowerCap
	case p < (1-2*c.o.Headroom)*c.o.PowerCapW:
		c.mode = ModePerformance
	}
}

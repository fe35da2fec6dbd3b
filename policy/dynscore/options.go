package dynscore

import (
	"fmt"
	"math"
	"time"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/telemetry"
)

// Name is the method's registry name and its controller's name.
const Name = "dynamic-scoring"

// Mode is the method's objective in an epoch.
type Mode string

// Modes. The empty mode (ModeAuto) switches between the other two by power headroom.
const (
	// ModeAuto switches to ModePowerCap when the forecast power passes (1 − Headroom)·PowerCapW and
	// back to ModePerformance when it falls below (1 − 2·Headroom)·PowerCapW; without a cap it is
	// always ModePerformance.
	ModeAuto Mode = ""
	// ModePerformance maximises the capacity given to deployments; the cap is not enforced.
	ModePerformance Mode = "performance"
	// ModePowerCap keeps the peak power of the configuration after every plan at or under
	// PowerCapW: deployments take the lowest-power layout that serves them and are refused when
	// none fits under the cap.
	ModePowerCap Mode = "power-cap"
)

// CapPolicy is how power-cap mode chooses among the layouts whose peak fits under the cap.
type CapPolicy string

// Cap policies. The empty policy is CapMinPower.
const (
	// CapMinPower takes the lowest-peak layout that holds the replicas (ties: more compute): the
	// most headroom, whatever the cap.
	CapMinPower CapPolicy = "min-power"
	// CapMaxCompute takes the layout giving the replicas the most compute among those under the cap
	// (ties: lower peak): performance mode's choice, restricted to the cap.
	CapMaxCompute CapPolicy = "max-compute"
)

// Deployment asks for Replicas new replicas of an AI service on MIG instances of one GPU (the blog's
// LLM endpoint needing two MIG instances). The method picks the GPU by a placement round and the
// layout by its mode, then runs a mig.Sequence: move off → reconfigure → wait compliant and stable
// for StableS → AddReplica on the chosen partitions.
type Deployment struct {
	Service  int          // index of an AI service (sim.Config.Services)
	Replicas int          // MIG instances needed, ≥ 1
	At       float64      // earliest time to start, s (≥ 0)
	Layouts  []mig.Layout // candidate layouts; nil: every layout of the GPU's model (mig.Model.Layouts)
}

// Options configure the method. The zero value works: scoring off without Telemetry, DefaultSpec,
// no MIG GPUs, no deployments, no cap.
type Options struct {
	// Interval is the placement epoch Δ, s; 0: 5.
	Interval float64
	// Telemetry is the run's recorder, the scoring agents' source; nil: no scores (the add-on
	// prioritizers then score 0 and placement rests on the built-ins).
	Telemetry *telemetry.Recorder
	// Scorers are the scorers the agents run; nil: DefaultScorers(PowerCapW, Interval).
	Scorers []scoring.Scorer
	// Scoring is the scenario's scoring section (overrides, masks, rules). A scorer it does not
	// override gets DefaultOverride's dimension format.
	Scoring scoring.Section
	// Placement is the node-level Placement spec of every round; nil: DefaultSpec(). Its
	// NumberOfClusters is not used: a migration round takes the top node, a deployment round ranks
	// every GPU that passes the filters.
	Placement *placement.Spec
	// Clusters is a cluster-level spec run first (candidates: the clusters, labels from the
	// scenario); the node round then sees only the selected clusters' nodes. nil: no cluster round.
	Clusters *placement.Spec
	// GPUs are the run's MIG GPUs (scenario.Built.MIG); nil: none.
	GPUs []*mig.GPU
	// Deployments are served in order, one sequence per GPU at a time.
	Deployments []Deployment
	// StableS is T, how long a layout must be compliant and unchanged before a deployment on it
	// and before a partition is a migration candidate, s; 0: Interval.
	StableS float64
	// PowerCapW is the power cap of the whole run (all clusters), W; 0: none.
	PowerCapW float64
	// Headroom is the fraction of the cap at which ModeAuto switches, in (0, 0.5); 0: 0.1.
	Headroom float64
	// Mode fixes the mode; ModeAuto (default) switches by headroom.
	Mode Mode
	// CapPolicy is power-cap mode's choice among the layouts under the cap; "": CapMinPower.
	CapPolicy CapPolicy
	// Power is every node's power model by node index (scenario.Built.Power); nil: power.Default's
	// model of each node's capacities at the first epoch, a MIG partition carrying its GPU's.
	Power []power.Model
	// MaxMoves is the most migrations per epoch; 0: 1; negative: none.
	MaxMoves int
	// Clock is the wall clock of the scorers' latency counters and of Overhead; nil: time.Now.
	Clock func() time.Time
}

// withDefaults validates o and fills its defaults.
func (o Options) withDefaults() (Options, error) {
	fin := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case !fin(o.Interval) || o.Interval < 0:
		return o, fmt.Errorf("dynscore: interval %g s: must be finite and ≥ 0", o.Interval)
	case !fin(o.StableS) || o.StableS < 0:
		return o, fmt.Errorf("dynscore: stable time %g s: must be finite and ≥ 0", o.StableS)
	case !fin(o.PowerCapW) || o.PowerCapW < 0:
		return o, fmt.Errorf("dynscore: power cap %g W: must be finite and ≥ 0", o.PowerCapW)
	case !fin(o.Headroom) || o.Headroom < 0 || o.Headroom >= 0.5:
		return o, fmt.Errorf("dynscore: headroom %g: must be in [0, 0.5)", o.Headroom)
	}
	switch o.Mode {
	case ModeAuto, ModePerformance, ModePowerCap:
	default:
		return o, fmt.Errorf("dynscore: mode %q: must be %q, %q or empty (auto)", o.Mode, ModePerformance, ModePowerCap)
	}
	switch o.CapPolicy {
	case "", CapMinPower, CapMaxCompute:
	default:
		return o, fmt.Errorf("dynscore: cap policy %q: must be %q, %q or empty", o.CapPolicy, CapMinPower, CapMaxCompute)
	}
	if o.Mode == ModePowerCap && o.PowerCapW == 0 {
		return o, fmt.Errorf("dynscore: mode %q needs a power cap", ModePowerCap)
	}
	if o.Interval == 0 {
		o.Interval = 5
	}
	if o.StableS == 0 {
		o.StableS = o.Interval
	}
	if o.Headroom == 0 {
		o.Headroom = 0.1
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.MaxMoves == 0 {
		o.MaxMoves = 1
	}
	if o.Placement == nil {
		sp := DefaultSpec()
		o.Placement = &sp
	}
	for i, d := range o.Deployments {
		if d.Replicas < 1 || d.Service < 0 || !fin(d.At) || d.At < 0 {
			return o, fmt.Errorf("dynscore: deployments[%d]: service %d, %d replicas at %g s: want a service index ≥ 0, ≥ 1 replica, a finite time ≥ 0", i, d.Service, d.Replicas, d.At)
		}
		for k, l := range d.Layouts {
			for _, g := range o.GPUs {
				if err := g.Model.Validate(g.Name, l); err != nil {
					return o, fmt.Errorf("dynscore: deployments[%d].layouts[%d]: %w", i, k, err)
				}
			}
		}
	}
	if len(o.Deployments) > 0 && len(o.GPUs) == 0 {
		return o, fmt.Errorf("dynscore: %d deployments but no MIG GPU", len(o.Deployments))
	}
	return o, nil
}

// Score names and dimensions the defaults use.
const (
	// NodeDimension is the dimension template of per-node scores in a Placement coordinate's
	// ScoreName: the adapter replaces it with the candidate node's name (see Scores).
	NodeDimension = "${node}"
	// CurrentCandidate is the power forecast's candidate configuration "as now" (its ${meta}).
	CurrentCandidate = "current"
)

// DefaultSpec is the node-level Placement spec when Options.Placement is nil: Additive (Balance and
// Steady ×1) plus the spare-capacity score of the node ×1, over the nodes that have a GPU and, for a
// MIG partition, whose GPU's layout is compliant and stable (claim "mig.stable" = "true"):
//
//	predicates: {labels gpu=true, mig DoesNotExist} OR {labels gpu=true, mig=true; claims mig.stable In [true]}
func DefaultSpec() placement.Spec {
	return placement.Spec{
		Predicates: []placement.Predicate{
			{Labels: placement.LabelSelector{MatchLabels: map[string]string{LabelGPU: "true"},
				MatchExpressions: []placement.Requirement{{Key: LabelMIG, Operator: placement.DoesNotExist}}}},
			{Labels: placement.LabelSelector{MatchLabels: map[string]string{LabelGPU: "true", LabelMIG: "true"}},
				Claims: placement.ClaimSelector{MatchExpressions: []placement.Requirement{{Key: ClaimStable, Operator: placement.In, Values: []string{"true"}}}}},
		},
		Prioritizers: placement.PrioritizerPolicy{Mode: placement.Additive, Configurations: []placement.PrioritizerConfig{
			{Coordinate: placement.Coordinate{Type: placement.CoordinateAddOn, Resource: scoring.SpareCapacityScore, ScoreName: NodeDimension}, Weight: 1},
		}},
	}
}

// DefaultScorers are the scorers when Options.Scorers is nil: spare capacity (DefaultSpec's add-on
// score) and, with a cap (capW > 0), the cluster power forecast against capW one interval ahead (the
// mode switch's; without a cap nothing reads it), each called every interval s (0: 5) over a 60 s
// window at a 5 s step. Add others (e.g. scoring.NewUtilisation) through Options.Scorers.
func DefaultScorers(capW, interval float64) []scoring.Scorer {
	if interval <= 0 {
		interval = 5
	}
	w := scoring.Window{Interval: interval}
	out := []scoring.Scorer{scoring.NewSpareCapacity(scoring.SpareCapacityOptions{Window: w})}
	if capW > 0 {
		pf, err := scoring.NewPowerForecast(scoring.PowerForecastOptions{Window: w, CapW: capW, Horizon: interval,
			Candidates: []scoring.Candidate{{Name: CurrentCandidate}}})
		if err == nil { // NewPowerForecast refuses only a non-finite cap or horizon
			out = append(out, pf)
		}
	}
	return out
}

// DefaultOverride returns the override the method applies to a scorer the scoring section does not
// override (and the dimension format it fills into one that sets none): "${meta}" for the power
// forecast (one dimension per candidate configuration), "${node}" for the others.
func DefaultOverride(name string) scoring.Override {
	if name == scoring.PowerForecastName {
		return scoring.Override{Name: name, DimensionFormat: "${meta}"}
	}
	return scoring.Override{Name: name, DimensionFormat: "${node}"}
}

package sim

import (
	"errors"
	"fmt"
	"math"
)

// ErrConfig is wrapped by every configuration error returned by New.
var ErrConfig = errors.New("sim: invalid configuration")

// Config describes one simulation run. The zero values of the optional fields select the defaults
// written in their comments.
type Config struct {
	Nodes     []NodeSpec     // Required, at least one.
	Services  []ServiceSpec  // Required.
	Instances []InstanceSpec // Initial placement; each AI service needs at least one replica.
	Cells     []CellSpec     // Each cell names its DU and CU-UP instances.

	// Topology gives the inter-node delays (and link rates); nil: FullMesh{HopDelay}. It is read
	// once, in New (see Paths).
	Topology Topology

	HopDelay    float64 // δ, one-way per inter-node hop of the default FullMesh, s. 0: 200e-6.
	RANDelay    float64 // Fixed RAN packet-processing delay in an AI request's δ_q, s. 0: none.
	Horizon     float64 // End of the run, s. 0: last arrival + Drain.
	Drain       float64 // Time after the last arrival before the run ends, s. 0: 30.
	Epsilon     float64 // ε in the urgency ω of eq. (14), s. 0: 1e-6. (RAN floors use a fixed 1e-6 s minimum slack.)
	NoEarlyStop bool    // Run to the horizon even when every request has ended.

	// RANMargin is the safety margin of the RAN floors (eq. 15): a floor is sized to finish its work in
	// (1 − RANMargin) of the slack less RANGuard, so RAN requests finish early instead of exactly at
	// their deadlines. RANMargin is a fraction in [0, 1), RANGuard s ≥ 0; both 0: no margin (eq. 15 as
	// printed).
	RANMargin float64
	RANGuard  float64

	// ReallocPeriod, when > 0, adds a reallocation of every node with requests every ReallocPeriod
	// seconds, so that the urgency ω and the RAN floors follow the slack between events (which
	// otherwise change rates only at events); s, finite, ≥ 0. 0: reallocation at events only.
	ReallocPeriod float64

	Source    Source    // Required.
	Allocator Allocator // Required: divides each node's GPU and CPU.
	Sink      Sink      // nil: records are discarded.

	// Controllers decide on their own periods (see ControllerSpec), in this order at equal times;
	// none: static placement. The first that is also a Router routes the AI requests.
	Controllers []ControllerSpec

	// Changes are scheduled node changes (failures, recoveries, capacity changes), applied at their
	// times after the delayed actions and before the controllers of the same instant.
	Changes []Change

	// AfterEvent, when non-nil, is called after every processed event (tests check invariants here).
	AfterEvent func(*Sim)
}

func (c *Config) defaults() {
	if c.HopDelay == 0 {
		c.HopDelay = 200e-6
	}
	if c.Drain == 0 {
		c.Drain = 30
	}
	if c.Epsilon == 0 {
		c.Epsilon = 1e-6
	}
}

// topology returns the configured topology, or the full mesh of HopDelay.
func (c *Config) topology() Topology {
	if c.Topology == nil {
		return FullMesh{HopDelay: c.HopDelay}
	}
	return c.Topology
}

func cfgErr(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrConfig}, args...)...)
}

// finiteNonNeg reports whether 0 ≤ v < +Inf (false for NaN, whose comparisons are all false).
func finiteNonNeg(v float64) bool { return v >= 0 && v <= math.MaxFloat64 }

func (c *Config) validate() error {
	if len(c.Nodes) == 0 {
		return cfgErr("no nodes")
	}
	for i, n := range c.Nodes {
		if !finiteNonNeg(n.GPU) || !finiteNonNeg(n.CPU) || !finiteNonNeg(n.VRAMGB) {
			return cfgErr("node %d (%s): capacities must be finite and ≥ 0", i, n.Name)
		}
		if hasNoCompute(n) && !isEmpty(n) {
			return cfgErr("node %d (%s): GPU and CPU capacity both 0 with %g GB of VRAM (an unused partition has none)", i, n.Name, n.VRAMGB)
		}
	}
	for i, s := range c.Services {
		if !finiteNonNeg(s.WeightsGB) || !finiteNonNeg(s.ReconfigS) || s.Category > SmallAI {
			return cfgErr("service %d (%s): invalid category, weights or reconfiguration time", i, s.Name)
		}
	}
	if err := c.validatePlacement(); err != nil {
		return err
	}
	for i, cell := range c.Cells {
		if !c.instanceIs(cell.DU, DU) || !c.instanceIs(cell.CU, CUUP) {
			return cfgErr("cell %d (%s): DU must be a du instance and CU a cu-up instance", i, cell.Name)
		}
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"HopDelay", c.HopDelay}, {"RANDelay", c.RANDelay}, {"Horizon", c.Horizon}, {"Drain", c.Drain}, {"Epsilon", c.Epsilon}, {"RANGuard", c.RANGuard}, {"ReallocPeriod", c.ReallocPeriod}} {
		if !finiteNonNeg(f.v) {
			return cfgErr("%s = %g s: must be finite and ≥ 0", f.name, f.v)
		}
	}
	if !(c.RANMargin >= 0 && c.RANMargin < 1) {
		return cfgErr("RANMargin = %g: must be in [0, 1)", c.RANMargin)
	}
	if err := validateControllers(c.Controllers); err != nil {
		return err
	}
	if err := c.validateChanges(); err != nil {
		return err
	}
	if c.Source == nil {
		return cfgErr("Source is required")
	}
	if c.Allocator == nil {
		return cfgErr("Allocator is required")
	}
	return nil
}

func (c *Config) instanceIs(i int, cat Category) bool {
	return i >= 0 && i < len(c.Instances) && c.Services[c.Instances[i].Service].Category == cat
}

func (c *Config) validatePlacement() error {
	weights := make([]float64, len(c.Nodes))
	replicas := make([]int, len(c.Services))
	for i, in := range c.Instances {
		if in.Service < 0 || in.Service >= len(c.Services) || in.Node < 0 || in.Node >= len(c.Nodes) {
			return cfgErr("instance %d: service or node index out of range", i)
		}
		weights[in.Node] += c.Services[in.Service].WeightsGB
		replicas[in.Service]++
	}
	for i, in := range c.Instances {
		if n := c.Nodes[in.Node]; hasNoCompute(n) {
			return cfgErr("node %d (%s): GPU and CPU capacity both 0 (an unused partition) but instance %d resides there", in.Node, n.Name, i)
		}
	}
	for n, w := range weights {
		if !FitsVRAM(w, c.Nodes[n].VRAMGB) {
			return cfgErr("node %d (%s): resident weights %.3g GB exceed VRAM %.3g GB", n, c.Nodes[n].Name, w, c.Nodes[n].VRAMGB)
		}
	}
	for s, k := range replicas {
		if k == 0 && c.Services[s].Category.IsAI() {
			return cfgErr("service %d (%s): no replica placed", s, c.Services[s].Name)
		}
	}
	return nil
}

package scenario

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: "+format, append([]any{ErrInvalid}, args...)...)
}

func positive(v float64) bool { return v > 0 && !math.IsInf(v, 0) }

func nonNeg(v float64) bool { return v >= 0 && !math.IsInf(v, 0) && !math.IsNaN(v) }

func (s *Scenario) validate() error {
	s.Workload.defaults()
	for _, f := range []struct {
		name string
		v    float64
	}{{"hop_delay_s", s.HopDelayS}, {"ran_delay_s", s.RANDelayS}, {"epoch_s", s.EpochS}, {"drain_s", s.DrainS}, {"urgency_epsilon_s", s.EpsilonS}, {"realloc_period_s", s.ReallocS}} {
		if !nonNeg(f.v) {
			return invalid("%s = %v: must be finite and ≥ 0", f.name, f.v)
		}
	}
	nodes, err := s.validateNodes()
	if err != nil {
		return err
	}
	places, err := s.validateMIG(nodes)
	if err != nil {
		return err
	}
	svcs, err := s.validateServices(places)
	if err != nil {
		return err
	}
	if err := s.validateCells(svcs); err != nil {
		return err
	}
	if err := s.validateTopology(nodes); err != nil {
		return err
	}
	if err := s.validateClusters(nodes); err != nil {
		return err
	}
	if err := s.validatePower(); err != nil {
		return err
	}
	if err := s.validateEvents(nodes); err != nil {
		return err
	}
	if err := s.validateAutoscaling(nodes); err != nil {
		return err
	}
	if err := s.validateDynamicScoring(); err != nil {
		return err
	}
	if err := s.RANFloors.validate(); err != nil {
		return err
	}
	if err := s.Cost.validate(); err != nil {
		return err
	}
	return s.validateWorkload()
}

func (s *Scenario) validateNodes() (map[string]bool, error) {
	if len(s.Nodes) == 0 {
		return nil, invalid("nodes: at least one node is required")
	}
	names := map[string]bool{}
	for i, n := range s.Nodes {
		switch {
		case n.Name == "" || names[n.Name]:
			return nil, invalid("nodes[%d]: name %q empty or duplicate", i, n.Name)
		case !positive(n.GPU) || !positive(n.CPUCores) || !positive(n.VRAMGB):
			return nil, invalid("nodes[%d] (%s): gpu_tflops, cpu_cores and vram_gb must be > 0 and finite", i, n.Name)
		}
		names[n.Name] = true
	}
	return names, nil
}

func (s *Scenario) validateServices(nodes map[string]bool) (map[string]sim.Category, error) {
	svcs := map[string]sim.Category{}
	for i, sv := range s.Services {
		cat, ok := sim.ParseCategory(sv.Category)
		switch {
		case sv.Name == "" || hasName(s.Services[:i], sv.Name):
			return nil, invalid("services[%d]: name %q empty or duplicate", i, sv.Name)
		case !ok:
			return nil, invalid("services[%d] (%s): category %q is not one of du, cu-up, large-ai, small-ai", i, sv.Name, sv.Category)
		case !nonNeg(sv.WeightsGB) || (sv.ReconfigS != nil && !nonNeg(*sv.ReconfigS)):
			return nil, invalid("services[%d] (%s): weights_gb and reconfig_s must be finite and ≥ 0", i, sv.Name)
		case len(sv.Nodes) == 0:
			return nil, invalid("services[%d] (%s): nodes: at least one replica is required", i, sv.Name)
		case (cat == sim.DU || cat == sim.CUUP) && len(sv.Nodes) != 1:
			return nil, invalid("services[%d] (%s): a %s has exactly one instance", i, sv.Name, cat)
		}
		for _, n := range sv.Nodes {
			if !nodes[n] {
				return nil, invalid("services[%d] (%s): unknown node %q", i, sv.Name, n)
			}
		}
		svcs[sv.Name] = cat
	}
	return svcs, nil
}

func hasName(svcs []Service, name string) bool {
	for _, s := range svcs {
		if s.Name == name {
			return true
		}
	}
	return false
}

func (s *Scenario) validateCells(svcs map[string]sim.Category) error {
	if len(s.Cells) == 0 {
		return invalid("cells: at least one cell is required")
	}
	seen := map[string]bool{}
	for i, c := range s.Cells {
		du, okDU := svcs[c.DU]
		cu, okCU := svcs[c.CUUP]
		switch {
		case c.Name == "" || seen[c.Name]:
			return invalid("cells[%d]: name %q empty or duplicate", i, c.Name)
		case !okDU || du != sim.DU:
			return invalid("cells[%d] (%s): du %q is not a du service", i, c.Name, c.DU)
		case !okCU || cu != sim.CUUP:
			return invalid("cells[%d] (%s): cu_up %q is not a cu-up service", i, c.Name, c.CUUP)
		}
		seen[c.Name] = true
	}
	return nil
}

func (s *Scenario) validateWorkload() error {
	w := &s.Workload
	switch {
	case w.RequestsAtLoad1 < 0:
		return invalid("workload.requests_at_load_1 = %d: must be ≥ 0", w.RequestsAtLoad1)
	case !(w.SmallAIFraction >= 0 && w.SmallAIFraction <= 1):
		return invalid("workload.small_ai_fraction = %v: must be in [0,1]", w.SmallAIFraction)
	case !(w.URLLCFraction >= 0 && w.URLLCFraction <= 1):
		return invalid("workload.urllc_fraction = %v: must be in [0,1]", w.URLLCFraction)
	case !nonNeg(w.RANPerAI):
		return invalid("workload.ran_per_ai = %v: must be finite and ≥ 0", w.RANPerAI)
	case !(w.RANJitter >= 0 && w.RANJitter < 1):
		return invalid("workload.ran_work_jitter = %v: must be in [0,1)", w.RANJitter)
	case !nonNeg(w.DUReserve):
		return invalid("workload.du_reserve_tflops = %v: must be finite and ≥ 0", w.DUReserve)
	}
	for _, m := range []struct{ key, v string }{{"large_ai_model", w.LargeModel}, {"small_ai_model", w.SmallModel}} {
		if m.v != "" && m.v != "conv" && m.v != "code" {
			return invalid("workload.%s = %q: must be \"conv\" or \"code\"", m.key, m.v)
		}
	}
	for _, d := range []struct {
		key string
		r   *DeadlineRule
	}{{"large_ai_deadline", w.LargeDeadline}, {"small_ai_deadline", w.SmallDeadline}} {
		if err := d.r.validate(d.key); err != nil {
			return err
		}
	}
	for _, c := range []struct {
		key string
		c   *RANClass
	}{{"urllc", w.URLLC}, {"embb", w.EMBB}} {
		if err := c.c.validate(c.key); err != nil {
			return err
		}
	}
	return nil
}

// validate checks a deadline rule: every term finite and ≥ 0, and max (when set) ≥ min.
func (r *DeadlineRule) validate(key string) error {
	if r == nil {
		return nil
	}
	for _, v := range []float64{r.Base, r.PerPromptToken, r.PerOutputToken, r.Min, r.Max} {
		if !nonNeg(v) {
			return invalid("workload.%s: %v: every term must be finite and ≥ 0", key, v)
		}
	}
	if r.Max > 0 && r.Max < r.Min {
		return invalid("workload.%s: max_s %v < min_s %v", key, r.Max, r.Min)
	}
	if r.Base == 0 && r.Min == 0 && r.PerPromptToken == 0 && r.PerOutputToken == 0 {
		return invalid("workload.%s: the rule gives a zero deadline (set base_s or min_s > 0)", key)
	}
	return nil
}

// validate checks a RAN class: deadline and work finite and ≥ 0.
func (c *RANClass) validate(key string) error {
	if c == nil {
		return nil
	}
	for _, v := range []float64{c.DeadlineS, c.DUGPUTFLOP, c.DUCPUCoreS, c.CUGPUTFLOP, c.CUCPUCoreS} {
		if !nonNeg(v) {
			return invalid("workload.%s: %v: deadline and work must be finite and ≥ 0", key, v)
		}
	}
	return nil
}

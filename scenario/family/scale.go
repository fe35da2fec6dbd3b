package family

import (
	"fmt"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/traces"
)

// ScaleCapacity returns the transform that multiplies every node's GPU (TFLOP/s) and CPU (cores)
// capacity by k > 0, and the workload's DU reserve (du_reserve_tflops) with them. The reserve
// scales because it enters ρ's denominator, G − max(RAN demand, reserve) (docs/model.md §12): kept
// fixed, ρ = 1 at k = 0.5 would offer 5× less AI work on the paper's scenario (483 → 93 TFLOP/s of
// AI capacity) and leave no hotspot; scaled, a load point offers k times the AI and RAN arrival rate,
// so every node's utilisation is as in the base scenario and what changes is each request's
// service time against its deadline (and RAN work's share of a node).
func ScaleCapacity(k float64) Transform {
	return func(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
		return derive(s, fmt.Sprintf("capacity-x%g", k), func(c *scenario.Scenario) error {
			if !(k > 0) {
				return fmt.Errorf("capacity factor %g must be > 0", k)
			}
			for i := range c.Nodes {
				c.Nodes[i].GPU *= k
				c.Nodes[i].CPUCores *= k
			}
			c.Workload.DUReserve *= k
			return nil
		})
	}
}

// ScaleVRAM returns the transform that multiplies every node's VRAM (GB) by k > 0.
func ScaleVRAM(k float64) Transform {
	return func(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
		return derive(s, fmt.Sprintf("vram-x%g", k), func(c *scenario.Scenario) error {
			if !(k > 0) {
				return fmt.Errorf("VRAM factor %g must be > 0", k)
			}
			for i := range c.Nodes {
				c.Nodes[i].VRAMGB *= k
			}
			return checkVRAM(c)
		})
	}
}

// ScaleDeadlines returns the transform that multiplies every term of the large-AI and small-AI
// deadline rules (base, per-token terms, min and max, s) by k > 0, so every AI deadline is k times
// the base scenario's. A rule the scenario leaves out (the traces default) is written out first.
// RAN deadlines are unchanged.
func ScaleDeadlines(k float64) Transform {
	return func(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
		return derive(s, fmt.Sprintf("deadlines-x%g", k), func(c *scenario.Scenario) error {
			if !(k > 0) {
				return fmt.Errorf("deadline factor %g must be > 0", k)
			}
			def := traces.DefaultDeadlines()
			c.Workload.LargeDeadline = scaleRule(c.Workload.LargeDeadline, def.Large, k)
			c.Workload.SmallDeadline = scaleRule(c.Workload.SmallDeadline, def.Small, k)
			return nil
		})
	}
}

// scaleRule returns r (def if nil) with every term × k.
func scaleRule(r *scenario.DeadlineRule, def traces.DeadlineRule, k float64) *scenario.DeadlineRule {
	if r == nil {
		r = &scenario.DeadlineRule{Base: def.Base, PerPromptToken: def.PerPromptToken, PerOutputToken: def.PerOutputToken,
			Min: def.Min, Max: def.Max}
	}
	return &scenario.DeadlineRule{Base: k * r.Base, PerPromptToken: k * r.PerPromptToken,
		PerOutputToken: k * r.PerOutputToken, Min: k * r.Min, Max: k * r.Max}
}

// SmallAIShare returns the transform that sets the small-AI share of AI requests
// (small_ai_fraction) to f in (0, 1]; the large-AI share is 1 − f. A load point's ρ accounts for
// the mix (its mean AI work changes with it).
func SmallAIShare(f float64) Transform {
	return func(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
		return derive(s, fmt.Sprintf("small-ai-share-%g", f), func(c *scenario.Scenario) error {
			if !(f > 0 && f <= 1) {
				return fmt.Errorf("small-AI share %g must be in (0, 1]", f)
			}
			c.Workload.SmallAIFraction = f
			return nil
		})
	}
}

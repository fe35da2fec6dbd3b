package family

import (
	"fmt"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// randomStream is the rng component of RandomAIPlacement's draws under the seed.
const randomStream = "family/random-placement"

// SplitLargeAI places the large-AI replicas, in service then replica order, round-robin over the
// nodes of the largest GPU capacity (in node order); on the paper's scenario llm-a stays on
// gpu-heavy-0 and llm-b starts on gpu-heavy-1. It fails if fewer than two nodes share the largest
// capacity or a node's weights would exceed its VRAM.
func SplitLargeAI(s *scenario.Scenario, _ uint64) (*scenario.Scenario, error) {
	return derive(s, LLMsSplit, func(c *scenario.Scenario) error {
		var heavy []string
		top := 0.0
		for _, n := range c.Nodes {
			top = max(top, n.GPU)
		}
		for _, n := range c.Nodes {
			if n.GPU == top {
				heavy = append(heavy, n.Name)
			}
		}
		if len(heavy) < 2 {
			return fmt.Errorf("only %d node(s) of the largest GPU capacity %g TFLOP/s", len(heavy), top)
		}
		k := 0
		for i := range c.Services {
			if category(c.Services[i]) != sim.LargeAI {
				continue
			}
			for r := range c.Services[i].Nodes {
				c.Services[i].Nodes[r] = heavy[k%len(heavy)]
				k++
			}
		}
		return checkVRAM(c)
	})
}

// RandomAIPlacement places every AI replica on a node drawn uniformly, with the seed's stream,
// among the nodes whose VRAM left by the replicas placed so far fits its weights (sim.FitsVRAM):
// RAN functions first (kept where they are), then the large-AI replicas, then the small-AI ones, each
// in service then replica order. It fails if some replica fits nowhere.
func RandomAIPlacement(s *scenario.Scenario, seed uint64) (*scenario.Scenario, error) {
	return derive(s, RandomPlacement, func(c *scenario.Scenario) error {
		free := map[string]float64{}
		for _, n := range c.Nodes {
			free[n.Name] = n.VRAMGB
		}
		for _, sv := range c.Services {
			if !category(sv).IsAI() {
				for _, n := range sv.Nodes {
					free[n] -= sv.WeightsGB
				}
			}
		}
		r := rng.New(seed, randomStream)
		for _, cat := range []sim.Category{sim.LargeAI, sim.SmallAI} {
			for i := range c.Services {
				sv := &c.Services[i]
				if category(*sv) != cat {
					continue
				}
				for k := range sv.Nodes {
					var fit []string
					for _, n := range c.Nodes {
						if sim.FitsVRAM(sv.WeightsGB, free[n.Name]) {
							fit = append(fit, n.Name)
						}
					}
					if len(fit) == 0 {
						return fmt.Errorf("service %s: no node has %g GB of VRAM left", sv.Name, sv.WeightsGB)
					}
					sv.Nodes[k] = fit[r.IntN(len(fit))]
					free[sv.Nodes[k]] -= sv.WeightsGB
				}
			}
		}
		return nil
	})
}

// category returns the category of sv (validated scenarios only).
func category(sv scenario.Service) sim.Category {
	c, _ := sim.ParseCategory(sv.Category)
	return c
}

// checkVRAM fails if the weights of the replicas on some node exceed its VRAM (sim.FitsVRAM).
func checkVRAM(c *scenario.Scenario) error {
	used := map[string]float64{}
	for _, sv := range c.Services {
		for _, n := range sv.Nodes {
			used[n] += sv.WeightsGB
		}
	}
	for _, n := range c.Nodes {
		if !sim.FitsVRAM(used[n.Name], n.VRAMGB) {
			return fmt.Errorf("node %s: %g GB of weights exceed its %g GB of VRAM", n.Name, used[n.Name], n.VRAMGB)
		}
	}
	return nil
}

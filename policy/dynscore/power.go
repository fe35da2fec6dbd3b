package dynscore

import (
	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/power"
	"github.com/airansim/airansim/sim"
)

// peakW returns the power of a node of capacities spec at full utilisation under model m, W: its
// model's figures scaled by the capacities in force (docs/power.md §1), an upper bound on what the
// node can draw with those capacities.
func peakW(m power.Model, spec sim.NodeSpec) float64 {
	p := 0.0
	if m.GPUTFLOPS > 0 {
		p += spec.GPU / m.GPUTFLOPS * m.GPUMaxW
	}
	if m.CPUCores > 0 {
		p += spec.CPU / m.CPUCores * m.CPUMaxW
	}
	return p
}

// initModels sets every node's power model: Options.Power, or power.Default's model of the node's
// capacities in s, a MIG partition carrying its GPU's whole model (it scales with the capacities
// in force, so an empty slot that a reconfiguration fills draws its share).
func (c *Controller) initModels(s *sim.Snapshot) {
	if len(c.o.Power) == len(s.Nodes) {
		c.models = append([]power.Model(nil), c.o.Power...)
		return
	}
	c.models = make([]power.Model, len(s.Nodes))
	for n, v := range s.Nodes {
		c.models[n] = power.Default.For(v.Spec)
	}
	for _, g := range c.o.GPUs {
		m := power.Default.For(sim.NodeSpec{GPU: g.TFLOPS, CPU: g.Cores})
		for k := range mig.Slots {
			if n := g.Node(k); n >= 0 && n < len(c.models) {
				c.models[n] = m
			}
		}
	}
}

// configPeakW returns the peak power of the configuration in force in s, W: Σ over nodes of peakW at
// their current capacities (down nodes included: they may recover), with each GPU under an
// unfinished sequence counted at the larger of its current and target layouts.
func (c *Controller) configPeakW(s *sim.Snapshot) float64 {
	total := 0.0
	for n, v := range s.Nodes {
		total += peakW(c.models[n], v.Spec)
	}
	for gi, q := range c.seqs {
		if q == nil {
			continue
		}
		now, target := c.gpuPeakNow(s, gi), c.layoutPeak(gi, q.Target)
		if target > now {
			total += target - now
		}
	}
	return total
}

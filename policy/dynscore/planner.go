package dynscore

import (
	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/sim"
)

// planner accumulates one epoch's plan and what it changes: free VRAM per node, the instances moved,
// and the nodes no other action may touch (partitions of a GPU under a sequence).
type planner struct {
	plan  sim.Plan
	free  []float64 // GB, after the plan's actions
	moved map[int]bool
	busy  []bool // by node
	world *world
}

func newPlanner(c *Controller, s *sim.Snapshot) *planner {
	p := &planner{free: make([]float64, len(s.Nodes)), moved: map[int]bool{}, busy: make([]bool, len(s.Nodes)),
		world: c.newWorld(s)}
	for n, v := range s.Nodes {
		p.free[n] = v.VRAMFree()
	}
	return p
}

// add appends actions of the plan and books their VRAM.
func (p *planner) add(s *sim.Snapshot, acts ...sim.Action) {
	for _, a := range acts {
		switch a := a.(type) {
		case sim.Migrate:
			if a.Instance >= 0 && a.Instance < len(s.Instances) {
				w := s.Services[s.Instances[a.Instance].Service].WeightsGB
				from := s.Instances[a.Instance].Node
				p.free[from] += w
				p.free[a.To] -= w
				p.moved[a.Instance] = true
			}
		case sim.AddReplica:
			if a.Service >= 0 && a.Service < len(s.Services) && a.Node >= 0 && a.Node < len(p.free) {
				p.free[a.Node] -= s.Services[a.Service].WeightsGB
			}
		}
		p.plan = append(p.plan, a)
	}
}

// markGPU marks GPU g's partitions busy.
func (p *planner) markGPU(g *mig.GPU) {
	for k := range mig.Slots {
		if n := g.Node(k); n >= 0 && n < len(p.busy) {
			p.busy[n] = true
		}
	}
}

// stepSequences steps every running sequence; a finished one frees its GPU.
func (c *Controller) stepSequences(s *sim.Snapshot, p *planner, ep *Epoch) {
	for gi, q := range c.seqs {
		if q == nil {
			continue
		}
		p.add(s, q.Step(s)...)
		if q.Phase() == mig.Deployed {
			c.seqs[gi] = nil
			c.state[c.seqDep[gi]] = depDone
			ep.Deployed++
			continue
		}
		p.markGPU(q.GPU)
	}
}

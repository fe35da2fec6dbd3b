package dynscore

import (
	"cmp"
	"slices"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/sim"
)

// gpuPeakNow returns the peak power of GPU gi's partitions at their capacities in s, W.
func (c *Controller) gpuPeakNow(s *sim.Snapshot, gi int) float64 {
	g, total := c.o.GPUs[gi], 0.0
	for k := range mig.Slots {
		if n := g.Node(k); n >= 0 && n < len(s.Nodes) {
			total += peakW(c.models[n], s.Nodes[n].Spec)
		}
	}
	return total
}

// layoutPeak returns the peak power of GPU gi's partitions in layout l, W (+Inf for an invalid l).
func (c *Controller) layoutPeak(gi int, l mig.Layout) float64 {
	g := c.o.GPUs[gi]
	specs, err := g.Specs(l)
	if err != nil {
		return inf
	}
	total := 0.0
	for k, sp := range specs {
		if n := g.Node(k); n >= 0 && n < len(c.models) {
			total += peakW(c.models[n], sp)
		}
	}
	return total
}

// choice is one candidate layout of a deployment on one GPU.
type choice struct {
	layout mig.Layout
	slots  []int   // the partitions (start slices) the replicas go to
	perf   int     // compute slices given to the replicas
	peak   float64 // peak power of the GPU in the layout, W
	index  int     // position among the candidate layouts
}

// choices returns the layouts of GPU gi that can take d's replicas: at least Replicas instances each
// fitting the service's weights, on partitions that are changed by the layout (emptied first) or
// have the VRAM free now.
func (c *Controller) choices(s *sim.Snapshot, gi int, d Deployment, free []float64) []choice {
	g := c.o.GPUs[gi]
	layouts := d.Layouts
	if layouts == nil {
		layouts = g.Model.Layouts()
	}
	w := s.Services[d.Service].WeightsGB
	var out []choice
	for i, l := range layouts {
		specs, err := g.Specs(l)
		if err != nil {
			continue
		}
		type slot struct{ k, compute int }
		var fit []slot
		for _, pl := range l {
			p, _ := g.Model.Profile(pl.Profile)
			n := g.Node(pl.Start)
			if n < 0 || n >= len(s.Nodes) || !sim.FitsVRAM(w, p.MemoryGB) {
				continue
			}
			cur, want := s.Nodes[n].Spec, specs[pl.Start]
			unchanged := cur.GPU == want.GPU && cur.CPU == want.CPU && cur.VRAMGB == want.VRAMGB
			if unchanged && !sim.FitsVRAM(w, free[n]) {
				continue
			}
			fit = append(fit, slot{pl.Start, p.Compute})
		}
		if len(fit) < d.Replicas {
			continue
		}
		slices.SortStableFunc(fit, func(a, b slot) int {
			if a.compute != b.compute {
				return cmp.Compare(b.compute, a.compute)
			}
			return cmp.Compare(a.k, b.k)
		})
		ch := choice{layout: l, index: i, peak: c.layoutPeak(gi, l)}
		for _, f := range fit[:d.Replicas] {
			ch.slots = append(ch.slots, f.k)
			ch.perf += f.compute
		}
		out = append(out, ch)
	}
	return out
}

// pick returns the best choice under the mode: performance maximises the replicas' compute, then
// minimises peak power; power-cap keeps only choices whose configuration peak (base + the GPU's
// layout peak) is ≤ the cap and, by CapPolicy, minimises peak power then maximises compute
// (CapMinPower) or the reverse (CapMaxCompute). Ties: the earlier layout. ok false: no choice.
func (c *Controller) pick(cs []choice, base float64) (choice, bool) {
	var best choice
	found := false
	for _, ch := range cs {
		if c.mode == ModePowerCap && base+ch.peak > c.o.PowerCapW {
			continue
		}
		if !found || c.better(ch, best) {
			best, found = ch, true
		}
	}
	return best, found
}

func (c *Controller) better(a, b choice) bool {
	if c.mode == ModePowerCap && c.o.CapPolicy != CapMaxCompute {
		if a.peak != b.peak {
			return a.peak < b.peak
		}
		if a.perf != b.perf {
			return a.perf > b.perf
		}
		return a.index < b.index
	}
	if a.perf != b.perf {
		return a.perf > b.perf
	}
	if a.peak != b.peak {
		return a.peak < b.peak
	}
	return a.index < b.index
}

// deploy starts the pending deployments due now: the GPUs without a running sequence are ranked by
// a placement round (candidates named after the GPUs, with their partitions' labels and claims; a
// GPU hosting the service is the placement's own decision), and the first GPU with a layout the
// mode accepts gets a sequence, which steps at once.
func (c *Controller) deploy(s *sim.Snapshot, p *planner, ep *Epoch) {
	for di, d := range c.o.Deployments {
		if c.state[di] != depPending || s.Time < d.At || d.Service >= len(s.Services) || !isAI(s.Services[d.Service].Category) {
			continue // a deployment of a service the run does not have, or not an AI one, never starts
		}
		gis := c.rankGPUs(s, p, d.Service, ep)
		refused := false
		for _, gi := range gis {
			base := c.configPeakW(s) - c.gpuPeakNow(s, gi)
			ch, ok := c.pick(c.choices(s, gi, d, p.free), base)
			if !ok {
				refused = refused || c.mode == ModePowerCap
				continue
			}
			g := c.o.GPUs[gi]
			var dep sim.Plan
			for _, k := range ch.slots {
				dep = append(dep, sim.AddReplica{Service: d.Service, Node: g.Node(k)})
			}
			q, err := mig.NewSequence(g, ch.layout, c.o.StableS, dep)
			if err != nil {
				continue
			}
			q.Dest = c.destination
			c.seqs[gi], c.seqDep[gi], c.state[di] = q, di, depRunning
			ep.Started++
			p.add(s, q.Step(s)...)
			if q.Phase() == mig.Deployed {
				c.seqs[gi], c.state[di] = nil, depDone
				ep.Deployed++
			} else {
				p.markGPU(g)
			}
			refused = false
			break
		}
		if refused {
			ep.Refused++
		}
	}
}

// destination is the sequences' evacuation rule: mig.MostFreeVRAM, avoiding the nodes busy in the
// current epoch's plan.
func (c *Controller) destination(s *sim.Snapshot, inst int, free []float64, avoid func(n int) bool) (int, bool) {
	busy := func(n int) bool { return c.cur != nil && n < len(c.cur.busy) && c.cur.busy[n] }
	return mig.MostFreeVRAM(s, inst, free, func(n int) bool { return avoid(n) || busy(n) })
}

// rankGPUs returns the indices of the GPUs without a running sequence in the order of a placement
// round over them; GPUs the round filters out are not ranked.
func (c *Controller) rankGPUs(s *sim.Snapshot, p *planner, svc int, ep *Epoch) []int {
	var cands []placement.Candidate
	var own []string
	var others []placement.PlacementDecisions
	byName := map[string]int{}
	for gi, g := range c.o.GPUs {
		if c.seqs[gi] != nil || g.First < 0 || g.First >= len(s.Nodes) {
			continue
		}
		n0 := g.First
		cand := p.world.cands[n0]
		cand.Name = g.Name
		cand.Labels = map[string]string{LabelGPU: "true", LabelMIG: "true", LabelCluster: cand.Cluster}
		for k, v := range p.world.cands[n0].Labels {
			if k != LabelGPU && k != LabelMIG {
				cand.Labels[k] = v
			}
		}
		cands = append(cands, cand)
		byName[g.Name] = gi
		for k := range mig.Slots {
			n := g.Node(k)
			if n >= len(s.Nodes) {
				continue
			}
			for _, i := range s.Nodes[n].Inst {
				v := s.Instances[i]
				if v.State == sim.StateRetired {
					continue
				}
				if v.Service == svc {
					own = append(own, g.Name)
				} else {
					others = append(others, placement.PlacementDecisions{Placement: s.Services[v.Service].Name, Selected: []string{g.Name}})
				}
			}
		}
	}
	spec := *c.o.Placement
	spec.NumberOfClusters = 0
	r, err := placement.Schedule(spec, placement.Input{Candidates: cands, Current: placement.Current{Own: own, Others: others},
		Scores: NewScores(c.store(), p.world.cluster), Now: s.Time})
	if err != nil {
		return nil
	}
	ep.Warnings += len(r.Warnings)
	out := make([]int, 0, len(r.Selected))
	for _, name := range r.Selected {
		out = append(out, byName[name])
	}
	return out
}

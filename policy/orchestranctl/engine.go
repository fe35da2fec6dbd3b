package orchestranctl

import (
	"fmt"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
)

// firstModelService is the service index of catalogue model 0; services 0 and 1 are the idle DU and
// CU-UP that give every tree node a cell.
const firstModelService = 2

// EngineOptions configures Config. The zero value selects the defaults.
type EngineOptions struct {
	// StartupS is a new model instance's start-up time, s (default 0: it serves at once, as the
	// prototype swaps xApps and dApps without interruption).
	StartupS float64
	// Sink receives the records (default none).
	Sink sim.Sink
	// Poisson draws each loop's gaps from an exponential of mean δ instead of every δ (default
	// periodic): the same loads, with the queueing of random arrivals.
	Poisson bool
}

// Config returns the engine configuration that runs the schedule: one node per tree node with its
// cores (CPU; no GPU or VRAM: the models are CPU-bound, as in the paper), the tree's links as the
// topology, one cell per node (an idle DU and CU-UP on it, so a request can come from any node), one
// small-AI service per catalogue model with epoch 0's instances placed at time 0 (a model epoch 0
// does not deploy keeps one idle instance on the root: the engine needs one replica per service),
// the control loops as the source (Schedule.Source: the traces/xapp workload, periodic or Poisson), the controller every Period from Period on, and equal shares
// (work-conserving: an instance may use its node's idle cores). It also returns the controller.
func (s *Schedule) Config(o EngineOptions) (sim.Config, *Controller, error) {
	t := s.Tree
	n := len(t.Nodes)
	parents, delays, rates := make([]int, n), make([]float64, n), make([]float64, n)
	nodes := make([]sim.NodeSpec, n)
	var inst []sim.InstanceSpec
	cells := make([]sim.CellSpec, n)
	for d, nd := range t.Nodes {
		parents[d] = nd.Parent
		if nd.Parent >= 0 {
			delays[d], rates[d] = nd.UpDelayMs/1000, nd.UpGbps
		}
		nodes[d] = sim.NodeSpec{Name: fmt.Sprintf("n%d-%s", d, nd.Name), CPU: nd.Cores}
		inst = append(inst, sim.InstanceSpec{Service: 0, Node: d}, sim.InstanceSpec{Service: 1, Node: d})
		cells[d] = sim.CellSpec{Name: fmt.Sprintf("c%d", d), DU: 2 * d, CU: 2*d + 1}
	}
	topo, err := sim.NewTree(parents, delays, rates)
	if err != nil {
		return sim.Config{}, nil, err
	}
	svcs := []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP}}
	for _, m := range s.Catalog.Models {
		svcs = append(svcs, sim.ServiceSpec{Name: "model-" + m.Name, Category: sim.SmallAI, ReconfigS: o.StartupS})
	}
	dep := s.deployed(0)
	root := t.Root()
	for m := range s.Catalog.Models {
		placed := false
		for d := range t.Nodes {
			for k := 0; k < dep[host{m, d}]; k++ {
				inst = append(inst, sim.InstanceSpec{Service: firstModelService + m, Node: d})
				placed = true
			}
		}
		if !placed {
			inst = append(inst, sim.InstanceSpec{Service: firstModelService + m, Node: root})
		}
	}
	loops := s.Loops()
	src, err := s.Source(loops, o.Poisson)
	if err != nil {
		return sim.Config{}, nil, err
	}
	ctl := newController(s, loops)
	return sim.Config{
		Nodes: nodes, Services: svcs, Instances: inst, Cells: cells, Topology: topo,
		Source: src, Allocator: allocator.EqualShare{}, Sink: o.Sink,
		Controllers: []sim.ControllerSpec{{Controller: ctl, Period: s.Period}},
		Horizon:     s.Horizon, NoEarlyStop: true,
	}, ctl, nil
}

package scenario

import (
	"sort"

	"github.com/airansim/airansim/sim"
)

// Event is a scheduled run-time change of a node (docs/scenario.md, "events"; sim.Change).
type Event struct {
	TimeS float64 `json:"time_s"` // when it happens, s
	Kind  string  `json:"kind"`   // "fail", "recover" or "capacity"
	Node  string  `json:"node"`
	// The new capacities of a "capacity" event, all three required; absent from the other kinds.
	GPU      *float64 `json:"gpu_tflops,omitempty"` // G_n, TFLOP/s
	CPUCores *float64 `json:"cpu_cores,omitempty"`  // C_n, cores
	VRAMGB   *float64 `json:"vram_gb,omitempty"`    // V_n, GB
}

func (s *Scenario) validateEvents(nodes map[string]bool) error {
	if len(s.Events) == 0 {
		s.Events = nil
	}
	for i, e := range s.Events {
		kind, ok := sim.ParseChangeKind(e.Kind)
		switch {
		case !nonNeg(e.TimeS):
			return invalid("events[%d]: time_s = %v: must be finite and ≥ 0", i, e.TimeS)
		case !ok:
			return invalid("events[%d]: kind %q is not one of fail, recover, capacity", i, e.Kind)
		case !nodes[e.Node]:
			return invalid("events[%d]: node %q is not a node of the scenario", i, e.Node)
		}
		if err := e.validateCapacities(i, kind); err != nil {
			return err
		}
	}
	return s.validateFailures()
}

// validateCapacities checks that a capacity event gives all three capacities, valid, and that the
// other kinds give none.
func (e Event) validateCapacities(i int, kind sim.ChangeKind) error {
	caps := []*float64{e.GPU, e.CPUCores, e.VRAMGB}
	if kind != sim.SetCapacity {
		for _, c := range caps {
			if c != nil {
				return invalid("events[%d] (%s): gpu_tflops, cpu_cores and vram_gb belong to capacity events only", i, e.Kind)
			}
		}
		return nil
	}
	for _, c := range caps {
		if c == nil || !nonNeg(*c) {
			return invalid("events[%d] (capacity): gpu_tflops, cpu_cores and vram_gb are all required, finite and ≥ 0", i)
		}
	}
	if *e.GPU == 0 && *e.CPUCores == 0 {
		return invalid("events[%d] (capacity): gpu_tflops and cpu_cores both 0 (to stop a node, use fail)", i)
	}
	return nil
}

// validateFailures checks that, per node and in time order (ties: file order), fail and recover
// alternate, starting with fail.
func (s *Scenario) validateFailures() error {
	order := make([]int, len(s.Events))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return s.Events[order[a]].TimeS < s.Events[order[b]].TimeS })
	failed := map[string]bool{}
	for _, i := range order {
		e := s.Events[i]
		switch {
		case e.Kind == "fail" && failed[e.Node]:
			return invalid("events[%d] (fail at %v s): node %q has already failed", i, e.TimeS, e.Node)
		case e.Kind == "recover" && !failed[e.Node]:
			return invalid("events[%d] (recover at %v s): node %q has not failed", i, e.TimeS, e.Node)
		}
		if e.Kind != "capacity" {
			failed[e.Node] = e.Kind == "fail"
		}
	}
	return nil
}

// changes returns the events as engine changes, in file order.
func (s *Scenario) changes(nodeIdx map[string]int) []sim.Change {
	var out []sim.Change
	for _, e := range s.Events {
		kind, _ := sim.ParseChangeKind(e.Kind)
		c := sim.Change{Time: e.TimeS, Kind: kind, Node: nodeIdx[e.Node]}
		if kind == sim.SetCapacity {
			c.GPU, c.CPU, c.VRAMGB = *e.GPU, *e.CPUCores, *e.VRAMGB
		}
		out = append(out, c)
	}
	return out
}

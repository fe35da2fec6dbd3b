package orchestranctl

import (
	"context"
	"math"
	"sort"

	"github.com/airansim/airansim/sim"
)

// Controller applies the schedule on the engine: at each epoch it compares the instances the
// epoch's solution deploys with the engine's routable replicas and returns AddReplica for each
// missing one and RemoveReplica for each surplus one (adds first, so a model moving between nodes is
// made before it is broken; a model's last replica is kept, idle). As the Router it sends each
// loop's requests to a replica of its model on its host (the available one with the fewest requests
// in flight); a request whose host has no replica is counted in Misrouted and left to the engine.
// Not safe for concurrent use.
type Controller struct {
	s     *Schedule
	loops []Loop
	// Misrouted counts requests routed while their host had no replica of their model.
	Misrouted int
	// Adds and Removes count the actions returned.
	Adds, Removes int
}

var (
	_ sim.Controller = (*Controller)(nil)
	_ sim.Router     = (*Controller)(nil)
)

func newController(s *Schedule, loops []Loop) *Controller { return &Controller{s: s, loops: loops} }

// Name returns Name.
func (c *Controller) Name() string { return Name }

// Decide returns the actions that move the replicas to the epoch starting now.
func (c *Controller) Decide(_ context.Context, sn *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	e := int(math.Round(sn.Time / c.s.Period))
	if e <= 0 || e >= len(c.s.Epochs) {
		return nil, nil
	}
	want := c.s.deployed(e)
	have := map[host][]int{}
	routable := map[int]int{}
	for i, in := range sn.Instances {
		if in.Service < firstModelService || in.State == sim.StateDraining || in.State == sim.StateRetired {
			continue
		}
		k := host{in.Service - firstModelService, in.Node}
		have[k] = append(have[k], i)
		routable[in.Service]++
	}
	keys := make([]host, 0, len(want)+len(have))
	for k := range want {
		keys = append(keys, k)
	}
	for k := range have {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool {
		return keys[a].model < keys[b].model || (keys[a].model == keys[b].model && keys[a].node < keys[b].node)
	})
	var adds, removes sim.Plan
	for _, k := range keys {
		svc := firstModelService + k.model
		for n := len(have[k]); n < want[k]; n++ {
			adds = append(adds, sim.AddReplica{Service: svc, Node: k.node})
			routable[svc]++
		}
		for n := len(have[k]); n > want[k]; n-- {
			if routable[svc] <= 1 {
				break
			}
			removes = append(removes, sim.RemoveReplica{Instance: have[k][n-1]})
			routable[svc]--
		}
	}
	c.Adds += len(adds)
	c.Removes += len(removes)
	return append(adds, removes...), nil
}

// Route sends a loop's request to a replica of its model on its host.
func (c *Controller) Route(r *sim.Request, reps []sim.ReplicaView) int {
	if r.Flow < 1 || r.Flow > len(c.loops) {
		return -1
	}
	h := c.loops[r.Flow-1].Host
	best := -1
	for k, v := range reps {
		if v.Node != h {
			continue
		}
		if best < 0 || (v.Available && !reps[best].Available) || (v.Available == reps[best].Available && v.InFlight < reps[best].InFlight) {
			best = k
		}
	}
	if best < 0 {
		c.Misrouted++
	}
	return best
}

package dynscore

import (
	"fmt"
	"math"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
)

var inf = math.Inf(1)

// store returns the hub's store, or nil without a hub.
func (c *Controller) store() *scoring.Store {
	if c.hub == nil {
		return nil
	}
	return c.hub.Store()
}

// migrate runs one placement round per movable AI instance, in index order, until MaxMoves moves:
// candidates are the nodes that are up, have GPU or CPU capacity, are not busy (a GPU under a
// sequence) and fit the instance's weights after the plan so far, plus the instance's own node; the
// instance's node is the placement's own decision (Steady), every other AI instance's node another
// placement's decision (Balance). With a cluster spec, a cluster round first narrows the nodes to the
// selected clusters'. The top-ranked node, if not the instance's, is its destination.
func (c *Controller) migrate(s *sim.Snapshot, p *planner, ep *Epoch) error {
	if c.o.MaxMoves < 0 {
		return nil
	}
	scores := NewScores(c.store(), p.world.cluster)
	for i, v := range s.Instances {
		if ep.Moves >= c.o.MaxMoves {
			break
		}
		if !isAI(v.Category) || !v.Movable() || v.State != sim.StateActive || p.moved[i] || p.busy[v.Node] {
			continue
		}
		to, err := c.round(s, p, scores, i, ep)
		if err != nil {
			return err
		}
		if to >= 0 && to != v.Node {
			p.add(s, sim.Migrate{Instance: i, To: to})
			ep.Moves++
		}
	}
	return nil
}

func isAI(c sim.Category) bool { return c == sim.LargeAI || c == sim.SmallAI }

// round returns the node the placement selects for instance i, or −1.
func (c *Controller) round(s *sim.Snapshot, p *planner, scores *Scores, i int, ep *Epoch) (int, error) {
	v := s.Instances[i]
	w := s.Services[v.Service].WeightsGB
	var cands []placement.Candidate
	byName := map[string]int{}
	for n, nv := range s.Nodes {
		ok := n == v.Node || (!nv.Down && !p.busy[n] && (nv.Spec.GPU > 0 || nv.Spec.CPU > 0) && sim.FitsVRAM(w, p.free[n]))
		if !ok {
			continue
		}
		cands = append(cands, p.world.cands[n])
		byName[p.world.cands[n].Name] = n
	}
	var others []placement.PlacementDecisions
	for j, u := range s.Instances {
		if j == i || !isAI(u.Category) || u.State == sim.StateRetired {
			continue
		}
		others = append(others, placement.PlacementDecisions{Placement: fmt.Sprint(j), Selected: []string{p.world.cands[u.Node].Name}})
	}
	cur := placement.Current{Own: []string{p.world.cands[v.Node].Name}, Others: others}
	if c.o.Clusters != nil {
		cands = c.clusterRound(s, scores, cands, cur, ep)
	}
	spec := *c.o.Placement
	spec.NumberOfClusters = 1
	r, err := placement.Schedule(spec, placement.Input{Candidates: cands, Current: cur, Scores: scores, Now: s.Time})
	if err != nil {
		return -1, fmt.Errorf("dynscore: t=%g s: instance %d: %w", s.Time, i, err)
	}
	ep.Warnings += len(r.Warnings)
	if len(r.Selected) == 0 {
		return -1, nil
	}
	return byName[r.Selected[0]], nil
}

// clusterRound runs the cluster-level spec over the clusters of the node candidates and returns the
// node candidates of the selected clusters (all of them if the round fails or selects none).
func (c *Controller) clusterRound(s *sim.Snapshot, scores *Scores, nodes []placement.Candidate, cur placement.Current, ep *Epoch) []placement.Candidate {
	seen := map[string]bool{}
	var cands []placement.Candidate
	var own []string
	for _, n := range nodes {
		if seen[n.Cluster] {
			continue
		}
		seen[n.Cluster] = true
		cand := placement.Candidate{Name: n.Cluster}
		for _, cl := range s.Clusters {
			if cl.Name == n.Cluster {
				cand.Labels = cl.Labels
			}
		}
		cands = append(cands, cand)
	}
	for _, n := range nodes {
		if len(cur.Own) > 0 && n.Name == cur.Own[0] {
			own = append(own, n.Cluster)
		}
	}
	r, err := placement.Schedule(*c.o.Clusters, placement.Input{Candidates: cands, Current: placement.Current{Own: own}, Scores: scores, Now: s.Time})
	if err != nil || len(r.Selected) == 0 {
		return nodes
	}
	ep.Warnings += len(r.Warnings)
	return placement.NodesOf(r.Selected, nodes)
}

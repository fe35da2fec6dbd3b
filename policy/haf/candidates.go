package haf

import (
	"strconv"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/sim"
)

// AllCategories is the default set S^M of categories eligible for migration.
var AllCategories = []sim.Category{sim.DU, sim.CUUP, sim.LargeAI, sim.SmallAI}

// Candidates returns the candidate set M_k of snapshot s: the no-op ("m0") followed by every feasible
// single-instance migration of an instance whose category is in eligible (nil: all), in instance
// order then destination-node order, numbered m1, m2, …. A migration is feasible when the instance is
// not reconfiguring and the destination's free VRAM fits its weights M_s (eq. 4), as sim.Check
// decides; so |M_k| ≤ |S^M|(|N|−1)+1.
func Candidates(s *sim.Snapshot, eligible []sim.Category) []agent.Candidate {
	out := []agent.Candidate{{ID: agent.NoOpID, Instance: -1, From: -1, To: -1}}
	for i, in := range s.Instances {
		if !in.Movable() || !isEligible(in.Category, eligible) {
			continue
		}
		w := s.Services[in.Service].WeightsGB
		for n := range s.Nodes {
			if n == in.Node || s.Nodes[n].Down || !s.Nodes[n].Fits(w) {
				continue
			}
			out = append(out, candidate(s, i, n, len(out)))
		}
	}
	return out
}

// candidate returns the migration of instance i to node n numbered m<id>.
func candidate(s *sim.Snapshot, i, n, id int) agent.Candidate {
	in := &s.Instances[i]
	return agent.Candidate{ID: "m" + strconv.Itoa(id), Instance: i, Service: s.Services[in.Service].Name,
		Category: in.Category, From: in.Node, To: n, FromName: s.Nodes[in.Node].Spec.Name, ToName: s.Nodes[n].Spec.Name}
}

func isEligible(c sim.Category, eligible []sim.Category) bool {
	if eligible == nil {
		return true
	}
	for _, e := range eligible {
		if e == c {
			return true
		}
	}
	return false
}

package haf

import (
	"cmp"
	"slices"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/sim"
)

// DefaultMaxCandidates is Options.MaxCandidates' default: above the paper scenario's 80 candidates, so
// that the paper's M_k is never cut, and small enough for an LLM prompt.
const DefaultMaxCandidates = 256

// DefaultDestinations is how many destinations each source instance gets when the candidate set is
// capped (Options.Destinations' default).
const DefaultDestinations = 8

// CappedCandidates returns M_k of snapshot s like Candidates when that set can hold at most limit
// migrations (movable eligible instances × (live nodes − 1) ≤ limit), in the same order and numbering.
// Beyond that, building and scoring every (instance, node) pair grows as nodes × instances, so it
// returns an index of the moves that relieve pressure instead: nodes ranked by pressure (the larger of
// their GPU and CPU loads over horizon s and their RAN floor shares, ties by index); source instances
// taken from the most pressured nodes first (instance order within a node), each with its dests
// least-pressured feasible destinations, as long as the total stays within limit (at least one source
// instance is always taken). The chosen moves are listed in instance order then destination-node order
// and numbered m1, m2, …, after the no-op. Its cost is O(N log N + I + limit) for N nodes and I instances.
// limit ≤ 0 selects DefaultMaxCandidates and dests ≤ 0 DefaultDestinations.
func CappedCandidates(s *sim.Snapshot, eligible []sim.Category, limit, dests int, horizon float64) []agent.Candidate {
	if limit <= 0 {
		limit = DefaultMaxCandidates
	}
	if dests <= 0 {
		dests = DefaultDestinations
	}
	movable, live := 0, 0
	for _, in := range s.Instances {
		if in.Movable() && isEligible(in.Category, eligible) {
			movable++
		}
	}
	for _, n := range s.Nodes {
		if !n.Down {
			live++
		}
	}
	if movable*max(live-1, 0) <= limit {
		return Candidates(s, eligible)
	}
	return indexCandidates(s, eligible, limit, dests, horizon)
}

// indexCandidates builds the capped set (see CappedCandidates).
func indexCandidates(s *sim.Snapshot, eligible []sim.Category, limit, dests int, horizon float64) []agent.Candidate {
	pressure := make([]float64, len(s.Nodes))
	order := make([]int, 0, len(s.Nodes))
	for n := range s.Nodes {
		pressure[n] = max(s.Load(n, 0, horizon), s.Load(n, 1, horizon), s.FloorUse(n, 0), s.FloorUse(n, 1))
		if !s.Nodes[n].Down {
			order = append(order, n)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(pressure[a], pressure[b]) })
	var moves []move
	for k := len(order) - 1; k >= 0; k-- {
		for _, i := range s.Nodes[order[k]].Inst {
			in := &s.Instances[i]
			if !in.Movable() || !isEligible(in.Category, eligible) {
				continue
			}
			got := destinations(s, i, order, dests)
			if len(moves) > 0 && len(moves)+len(got) > limit {
				return number(s, moves)
			}
			moves = append(moves, got...)
		}
	}
	return number(s, moves)
}

// move is one (instance, destination) pair of the capped set.
type move struct{ inst, to int }

// destinations returns up to k feasible destinations for instance i, least pressured first (order is
// the live nodes by increasing pressure).
func destinations(s *sim.Snapshot, i int, order []int, k int) []move {
	in := &s.Instances[i]
	w := s.Services[in.Service].WeightsGB
	var out []move
	for _, n := range order {
		if len(out) == k {
			break
		}
		if n != in.Node && s.Nodes[n].Fits(w) {
			out = append(out, move{i, n})
		}
	}
	return out
}

// number sorts moves by instance then node and returns them as candidates after the no-op.
func number(s *sim.Snapshot, moves []move) []agent.Candidate {
	slices.SortFunc(moves, func(a, b move) int {
		return cmp.Or(cmp.Compare(a.inst, b.inst), cmp.Compare(a.to, b.to))
	})
	out := make([]agent.Candidate, 1, len(moves)+1)
	out[0] = agent.Candidate{ID: agent.NoOpID, Instance: -1, From: -1, To: -1}
	for _, m := range moves {
		out = append(out, candidate(s, m.inst, m.to, len(out)))
	}
	return out
}

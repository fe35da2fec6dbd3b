package dynscore

import (
	"math"
	"strings"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/scoring"
)

// Scores adapts a scoring.Store to placement.Scores at one instant. A Placement add-on coordinate
// {Resource, ScoreName} reads the store's score name Resource at dimension ScoreName of the
// candidate's cluster, with NodeDimension ("${node}") in ScoreName replaced by the candidate's name:
// a cluster candidate reads its own scores, a node candidate its cluster's scores of its dimension.
// A score the store holds is returned with its validity, so that placement sees the expiry the store
// applies (valid while t < ValidUntil); a score that expired is returned as expired (placement scores
// it 0 and warns), one never stored as missing. Values are the AddOnPlacementScore's int32(score).
type Scores struct {
	Store *scoring.Store
	// Cluster maps a node candidate's name to its cluster's name; a name absent from it is a cluster.
	Cluster map[string]string

	idx map[key]scoring.Score
}

type key struct{ cluster, score, dim string }

// NewScores indexes every score of st (valid or not) for the lookups of one placement round.
func NewScores(st *scoring.Store, cluster map[string]string) *Scores {
	s := &Scores{Store: st, Cluster: cluster, idx: map[key]scoring.Score{}}
	if st != nil {
		for _, sc := range st.All() {
			s.idx[key{sc.Cluster, sc.ScoreName, sc.Dimension}] = sc
		}
	}
	return s
}

// Score implements placement.Scores.
func (s *Scores) Score(candidate, resource, scoreName string, t float64) (placement.Score, bool) {
	cl, isNode := s.Cluster[candidate]
	if !isNode {
		cl = candidate
	}
	dim := strings.ReplaceAll(scoreName, NodeDimension, candidate)
	sc, ok := s.idx[key{cl, resource, dim}]
	if !ok {
		return placement.Score{}, false
	}
	// The store's score is valid while t < ValidUntil; placement's while t ≤ ValidUntil: hand it the
	// last instant the store still calls valid.
	return placement.Score{Value: int(sc.PlacementValue()), Expires: true, ValidUntil: math.Nextafter(sc.ValidUntil, math.Inf(-1))}, true
}

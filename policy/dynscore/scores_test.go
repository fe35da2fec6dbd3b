package dynscore_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
)

// TestScores: the adapter reads a node's score at its cluster's dimension named after it, a
// cluster's at the coordinate's dimension; a score is valid while t < the store's validUntil and
// reaches placement as expired (0, a warning) from then on; a score never stored is missing.
func TestScores(t *testing.T) {
	sc := &fixed{name: "f", score: "headroom", interval: 5, values: map[string]float64{"a": 10.9, "b": -60}, failAfter: 1}
	spec, err := scoring.NewSpec(sc, scoring.Override{DimensionFormat: "${node}"})
	if err != nil {
		t.Fatal(err)
	}
	hub, err := scoring.NewHub(nil, []scoring.Assignment{{Cluster: "edge", Specs: []scoring.Spec{spec}}}, scoring.AgentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := hub.Advance(context.Background(), 10); err != nil { // call at 5 stores, call at 10 fails
		t.Fatal(err)
	}
	s := dynscore.NewScores(hub.Store(), map[string]string{"a": "edge", "b": "edge", "c": "edge"})
	cases := []struct {
		cand, res, dim string
		t              float64
		want           int
		ok             bool
		expired        bool
	}{
		{"a", "headroom", dynscore.NodeDimension, 10, 10, true, false}, // int32(10.9) = 10
		{"b", "headroom", dynscore.NodeDimension, 14.999, -60, true, false},
		{"b", "headroom", dynscore.NodeDimension, 15, -60, true, true}, // validity 2 × 5 s after the call at 5 s
		{"c", "headroom", dynscore.NodeDimension, 10, 0, false, false}, // no score for c
		{"a", "power", dynscore.NodeDimension, 10, 0, false, false},    // no such score name
		{"edge", "headroom", "a", 10, 10, true, false},                 // a cluster candidate names the dimension
		{"edge", "headroom", "z", 10, 0, false, false},
	}
	for _, tc := range cases {
		got, ok := s.Score(tc.cand, tc.res, tc.dim, tc.t)
		if ok != tc.ok || (ok && got.Value != tc.want) {
			t.Errorf("%s %s/%s at %g: %+v %v, want %d %v", tc.cand, tc.res, tc.dim, tc.t, got, ok, tc.want, tc.ok)
			continue
		}
		if ok && (got.Expires && tc.t > got.ValidUntil) != tc.expired {
			t.Errorf("%s at %g: %+v expired %v, want %v", tc.cand, tc.t, got, !tc.expired, tc.expired)
		}
	}
	// Through placement, weight −1: at 10 s a −10, b 60, c 0 (missing) → b; at 15 s a's and b's scores
	// have expired (two warnings) and count 0 like c's: the tie goes to a by name.
	spec2 := placement.Spec{Prioritizers: placement.PrioritizerPolicy{Mode: placement.Exact, Configurations: []placement.PrioritizerConfig{
		{Coordinate: placement.Coordinate{Type: placement.CoordinateAddOn, Resource: "headroom", ScoreName: dynscore.NodeDimension}, Weight: -1}}}}
	in := placement.Input{Candidates: []placement.Candidate{{Name: "a"}, {Name: "b"}, {Name: "c"}}, Scores: s}
	for _, tc := range []struct {
		t        float64
		want     string
		warnings int
	}{{10, "b", 0}, {15, "a", 2}} {
		in.Now = tc.t
		r, err := placement.Schedule(spec2, in)
		if err != nil {
			t.Fatal(err)
		}
		if r.Selected[0] != tc.want || len(r.Warnings) != tc.warnings {
			t.Errorf("t=%g: selected %v, %d warnings %v; want %s first, %d warnings", tc.t, r.Selected, len(r.Warnings), r.Warnings, tc.want, tc.warnings)
		}
	}
}

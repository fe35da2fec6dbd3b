package critic_test

import (
	"bytes"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/policy/policytest"
	"github.com/airansim/airansim/sim"
)

// fakeScores is a ScoreSource of fixed values, each valid until 150 s.
type fakeScores map[[3]string]float64

func (f fakeScores) Value(cluster, score, dim string, now float64) (float64, bool) {
	v, ok := f[[3]string{cluster, score, dim}]
	return v, ok && now < 150
}

// tinySnapshot: nodes n0 (cluster a) and n1 (cluster b), a large-AI instance on n0.
func tinySnapshot() (*sim.Snapshot, agent.Candidate) {
	s := policytest.Snapshot([]policytest.Node{{GPU: 100, VRAM: 80}, {GPU: 50, VRAM: 40}},
		policytest.Instance{Category: sim.LargeAI, Node: 0, Rate: 40, Weights: 20, Reconfig: 2})
	s.Clusters = []sim.ClusterSpec{{Name: "a", Nodes: []int{0}}, {Name: "b", Nodes: []int{1}}}
	s.Nodes[1].Cluster = 1
	return s, agent.Candidate{ID: "m1", Instance: 0, Service: "s0", Category: sim.LargeAI, From: 0, To: 1, FromName: "n0", ToName: "n1"}
}

// TestFeaturesScores checks the score features by hand on a two-node snapshot: the snapshot
// features are Features', then the source's and destination's utilisation, spare capacity and
// cluster power forecast /100; missing (no power forecast for cluster b) and expired scores, no
// store and the no-op give 0.
func TestFeaturesScores(t *testing.T) {
	s, c := tinySnapshot()
	store := fakeScores{
		{"a", "utilisation", "n0"}: 80, {"a", "spare_capacity", "n0"}: -60, {"a", "power_forecast", "power_forecast"}: 25,
		{"b", "utilisation", "n1"}: 10, {"b", "spare_capacity", "n1"}: 90,
		{"a", "utilisation", "n1"}: 99, // wrong cluster for n1: not read
	}
	base := critic.Features(s, c, 5, nil)
	got := critic.FeaturesScores(s, c, 5, store, nil)
	if len(got) != critic.NumScoreFeatures || critic.NumScoreFeatures != critic.NumFeatures+6 {
		t.Fatalf("%d features, want %d = %d + 6", len(got), critic.NumScoreFeatures, critic.NumFeatures)
	}
	if !equal(got[:critic.NumFeatures], base) {
		t.Errorf("snapshot part %v, want Features' %v", got[:critic.NumFeatures], base)
	}
	if want := []float64{0.8, -0.6, 0.25, 0.1, 0.9, 0}; !equal(got[critic.NumFeatures:], want) {
		t.Errorf("score features %v, want %v", got[critic.NumFeatures:], want)
	}
	zero := make([]float64, 6)
	if f := critic.FeaturesScores(s, c, 5, nil, nil); !equal(f[critic.NumFeatures:], zero) || !equal(f[:critic.NumFeatures], base) {
		t.Errorf("without scores: %v", f)
	}
	late := *s
	late.Time = 150 // every score expired
	if f := critic.FeaturesScores(&late, c, 5, store, nil); !equal(f[critic.NumFeatures:], zero) {
		t.Errorf("expired scores: %v", f[critic.NumFeatures:])
	}
	noop := agent.Candidate{ID: "m0", Instance: -1, From: -1, To: -1}
	if f := critic.FeaturesScores(s, noop, 5, store, nil); !equal(f[critic.NumFeatures:], zero) || !equal(f[:critic.NumFeatures], critic.Features(s, noop, 5, nil)) {
		t.Errorf("no-op: %v", f)
	}
	// Without clusters in the snapshot every node is in sim.DefaultCluster.
	s.Clusters, s.Nodes[1].Cluster = nil, 0
	def := fakeScores{{sim.DefaultCluster, "spare_capacity", "n1"}: 50}
	if f := critic.FeaturesScores(s, c, 5, def, nil); !equal(f[critic.NumFeatures:], []float64{0, 0, 0, 0, 0.5, 0}) {
		t.Errorf("default cluster: %v", f[critic.NumFeatures:])
	}
}

// TestWithScores loads the embedded scores critic: it takes the score features, round-trips
// through Save, reads a store through Scored, and haf's critic stays a snapshot-only one.
func TestWithScores(t *testing.T) {
	c, err := critic.WithScores()
	if err != nil {
		t.Fatal(err)
	}
	d, err := critic.Default()
	if err != nil {
		t.Fatal(err)
	}
	if !c.Scores() || d.Scores() {
		t.Fatalf("Scores(): scores critic %v, default %v", c.Scores(), d.Scores())
	}
	var buf bytes.Buffer
	if err := c.Save(&buf); err != nil || !bytes.Equal(buf.Bytes(), critic.ScoresJSON()) {
		t.Fatalf("Save does not give weights_scores.json back (%v)", err)
	}
	s, cand := tinySnapshot()
	store := fakeScores{{"a", "utilisation", "n0"}: 100, {"a", "spare_capacity", "n0"}: -100, {"b", "spare_capacity", "n1"}: 100}
	with := critic.Scored{Critic: c, Source: func() critic.ScoreSource { return store }}.Predict(s, cand, 5)
	if want := c.PredictFeatures(critic.FeaturesScores(s, cand, 5, store, nil)); with != want {
		t.Errorf("Scored.Predict %v, want %v", with, want)
	}
	if none, want := (critic.Scored{Critic: c}).Predict(s, cand, 5), c.PredictFeatures(critic.FeaturesScores(s, cand, 5, nil, nil)); none != want || c.Predict(s, cand, 5) != want {
		t.Errorf("without a source %v, want %v", none, want)
	}
	if got, want := d.PredictScores(s, cand, 5, store), d.Predict(s, cand, 5); got != want {
		t.Errorf("default critic with scores %v, without %v: it must ignore them", got, want)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

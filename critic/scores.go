package critic

import (
	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
)

// ScoreSource reads the dynamic-scoring framework's scores (a *scoring.Store): the value of one
// score dimension of a cluster valid at now, false when missing or expired.
type ScoreSource interface {
	Value(cluster, scoreName, dimension string, now float64) (float64, bool)
}

// ScoreFeatureNames names the score features that the scores critic appends to FeatureNames: the
// moved instance's source and destination nodes' scores of scoring.StandardHub at the decision
// instant, each /100 (so in [−1, 1]), 0 when missing or expired, and all 0 for the no-op.
var ScoreFeatureNames = [...]string{
	"src_utilisation",    // source node's utilisation score (1 = saturated)
	"src_spare_capacity", // source node's spare-capacity score (1 = idle)
	"src_power_forecast", // source cluster's power-forecast headroom (negative: over the cap)
	"dst_utilisation",    // destination node's utilisation score
	"dst_spare_capacity", // destination node's spare-capacity score
	"dst_power_forecast", // destination cluster's power-forecast headroom
}

// NumScoreFeatures is the length of a feature vector with scores (FeaturesScores).
const NumScoreFeatures = NumFeatures + len(ScoreFeatureNames)

// FeaturesScores writes Features(s, c, interval) followed by the score features read from scores
// at s.Time (nil: none, all 0) into out (grown as needed) and returns it.
func FeaturesScores(s *sim.Snapshot, c agent.Candidate, interval float64, scores ScoreSource, out []float64) []float64 {
	out = Features(s, c, interval, out)
	out = append(out, make([]float64, len(ScoreFeatureNames))...)
	if c.NoOp() || scores == nil {
		return out
	}
	f := out[NumFeatures:]
	for k, n := range [2]int{c.From, c.To} {
		cl, node := clusterOf(s, n), s.Nodes[n].Spec.Name
		f[3*k] = score(scores, cl, scoring.UtilisationScore, node, s.Time)
		f[3*k+1] = score(scores, cl, scoring.SpareCapacityScore, node, s.Time)
		f[3*k+2] = score(scores, cl, scoring.PowerForecastScore, scoring.PowerForecastScore, s.Time)
	}
	return out
}

// clusterOf returns the name of node n's cluster (sim.DefaultCluster in a snapshot without clusters).
func clusterOf(s *sim.Snapshot, n int) string {
	if c := s.Nodes[n].Cluster; c >= 0 && c < len(s.Clusters) {
		return s.Clusters[c].Name
	}
	return sim.DefaultCluster
}

func score(src ScoreSource, cluster, name, dim string, now float64) float64 {
	if v, ok := src.Value(cluster, name, dim, now); ok {
		return v / 100
	}
	return 0
}

package critic

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/internal/nn"
	"github.com/airansim/airansim/sim"
)

//go:embed weights.json
var defaultWeights []byte

//go:embed weights_scores.json
var scoresWeights []byte

// Critic is the frozen MLP of eq. (9): features of (state, action) → (r̂^L, r̂^S, r̂^R) ∈ [0,1]^3.
// It is safe for concurrent use.
type Critic struct{ m *nn.Model }

// New wraps a trained model; it must take NumFeatures inputs (Features) or NumScoreFeatures
// (FeaturesScores: a scores critic) and give 3 outputs.
func New(m *nn.Model) (*Critic, error) {
	if m == nil || m.Net == nil {
		return nil, fmt.Errorf("critic: no model")
	}
	if in := m.Net.Inputs(); (in != NumFeatures && in != NumScoreFeatures) || m.Net.Outputs() != sim.Groups {
		return nil, fmt.Errorf("critic: model maps %d inputs to %d outputs, want %d or %d to %d (features changed? retrain with experiments/traincritic)",
			m.Net.Inputs(), m.Net.Outputs(), NumFeatures, NumScoreFeatures, sim.Groups)
	}
	return &Critic{m: m}, nil
}

// Scores reports whether c is a scores critic: its features are FeaturesScores'.
func (c *Critic) Scores() bool { return c.m.Net.Inputs() == NumScoreFeatures }

// Load reads a critic saved by Save.
func Load(r io.Reader) (*Critic, error) {
	m, err := nn.LoadModel(r)
	if err != nil {
		return nil, fmt.Errorf("critic: %w", err)
	}
	return New(m)
}

// Default returns the critic whose weights ship embedded (critic/weights.json), as reproduced by
// `go run ./experiments/traincritic`.
func Default() (*Critic, error) { return Load(bytes.NewReader(defaultWeights)) }

// WithScores returns the scores critic whose weights ship embedded (critic/weights_scores.json), as
// reproduced by `go run ./experiments/traincritic --scores`: its features include the
// dynamic-scoring framework's node scores (FeaturesScores). It is haf+scores' critic.
func WithScores() (*Critic, error) { return Load(bytes.NewReader(scoresWeights)) }

// Save writes the critic's model as JSON.
func (c *Critic) Save(w io.Writer) error { return c.m.Save(w) }

// Predict returns the forecast for applying c in state s, each component clamped to [0,1]. A scores
// critic sees no scores (all 0); PredictScores gives it some.
func (c *Critic) Predict(s *sim.Snapshot, cand agent.Candidate, interval float64) [sim.Groups]float64 {
	return c.PredictScores(s, cand, interval, nil)
}

// PredictScores is Predict with the scores valid at s.Time read from scores (nil: none). A critic
// without score features ignores them.
func (c *Critic) PredictScores(s *sim.Snapshot, cand agent.Candidate, interval float64, scores ScoreSource) [sim.Groups]float64 {
	var buf [NumScoreFeatures]float64
	if !c.Scores() {
		return c.PredictFeatures(Features(s, cand, interval, buf[:0]))
	}
	return c.PredictFeatures(FeaturesScores(s, cand, interval, scores, buf[:0]))
}

// Scored is a critic (haf.Critic) that reads the scores of a source known only at decision time,
// e.g. a scoring hub built at the run's first epoch.
type Scored struct {
	Critic *Critic
	Source func() ScoreSource // the scores now; nil, or returning nil: none
}

// Predict is Critic.PredictScores with Source's scores.
func (sc Scored) Predict(s *sim.Snapshot, cand agent.Candidate, interval float64) [sim.Groups]float64 {
	var src ScoreSource
	if sc.Source != nil {
		src = sc.Source()
	}
	return sc.Critic.PredictScores(s, cand, interval, src)
}

// PredictFeatures returns the forecast for a feature vector.
func (c *Critic) PredictFeatures(x []float64) [sim.Groups]float64 {
	var out [sim.Groups]float64
	y := c.m.Predict(x, out[:0])
	for g := range out {
		out[g] = math.Min(1, math.Max(0, y[g]))
	}
	return out
}

// DefaultJSON returns a copy of the embedded default weights file.
func DefaultJSON() []byte { return append([]byte(nil), defaultWeights...) }

// ScoresJSON returns a copy of the embedded scores critic's weights file (critic/weights_scores.json).
func ScoresJSON() []byte { return append([]byte(nil), scoresWeights...) }

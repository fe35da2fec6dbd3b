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

// Critic is the frozen MLP of eq. (9): features of (state, action) → (r̂^L, r̂^S, r̂^R) ∈ [0,1]^3.
// It is safe for concurrent use.
type Critic struct{ m *nn.Model }

// New wraps a trained model; it must take NumFeatures inputs and give 3 outputs.
func New(m *nn.Model) (*Critic, error) {
	if m == nil || m.Net == nil {
		return nil, fmt.Errorf("critic: no model")
	}
	if m.Net.Inputs() != NumFeatures || m.Net.Outputs() != sim.Groups {
		return nil, fmt.Errorf("critic: model maps %d inputs to %d outputs, want %d to %d (features changed? retrain with experiments/traincritic)",
			m.Net.Inputs(), m.Net.Outputs(), NumFeatures, sim.Groups)
	}
	return &Critic{m: m}, nil
}

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

// Save writes the critic's model as JSON.
func (c *Critic) Save(w io.Writer) error { return c.m.Save(w) }

// Predict returns the forecast for applying c in state s, each component clamped to [0,1].
func (c *Critic) Predict(s *sim.Snapshot, cand agent.Candidate, interval float64) [sim.Groups]float64 {
	var buf [NumFeatures]float64
	return c.PredictFeatures(Features(s, cand, interval, buf[:0]))
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

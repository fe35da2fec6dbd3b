package caora

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"math"

	"github.com/airansim/airansim/internal/nn"
	"github.com/airansim/airansim/internal/sac"
)

//go:embed actor.json
var defaultActor []byte

//go:embed actor_completions.json
var completionsActor []byte

// ActorVersion is the version of the actor file format written by Actor.Save.
const ActorVersion = 1

// Actor is a trained CAORA actor: a squashed-Gaussian SAC policy over one node's state vector
// (FeatureNames) with a one-dimensional action u ∈ (−1, 1), mapped to the RAN share α = (u + 1)/2.
// It is read-only once built and safe for concurrent use.
type Actor struct{ pi *sac.Actor }

// actorFile is the on-disk form: the feature names guard against a file trained on other features.
type actorFile struct {
	Version   int             `json:"version"`
	Features  []string        `json:"features"`
	LogStdMin float64         `json:"log_std_min"`
	LogStdMax float64         `json:"log_std_max"`
	Net       json.RawMessage `json:"net"`
}

// NewActor wraps a SAC actor; it must read NumFeatures inputs and have a one-dimensional action.
func NewActor(pi *sac.Actor) (*Actor, error) {
	if pi == nil || pi.Net == nil {
		return nil, fmt.Errorf("caora: no actor network")
	}
	if pi.Net.Inputs() != NumFeatures || pi.Dim() != 1 {
		return nil, fmt.Errorf("caora: actor maps %d inputs to %d actions, want %d to 1 (features changed? retrain with experiments/traincaora)",
			pi.Net.Inputs(), pi.Dim(), NumFeatures)
	}
	return &Actor{pi: pi}, nil
}

// LoadActor reads an actor written by Save, checking the version, the feature names and the network.
func LoadActor(r io.Reader) (*Actor, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("caora: read actor: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f actorFile
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("caora: decode actor: %w", err)
	}
	if f.Version != ActorVersion {
		return nil, fmt.Errorf("caora: actor format version %d, want %d", f.Version, ActorVersion)
	}
	if len(f.Features) != NumFeatures {
		return nil, fmt.Errorf("caora: actor trained on %d features, want %d (retrain with experiments/traincaora)", len(f.Features), NumFeatures)
	}
	for i, name := range f.Features {
		if name != FeatureNames[i] {
			return nil, fmt.Errorf("caora: actor feature %d is %q, want %q (retrain with experiments/traincaora)", i, name, FeatureNames[i])
		}
	}
	net := new(nn.MLP)
	if err := net.UnmarshalJSON(f.Net); err != nil {
		return nil, fmt.Errorf("caora: actor network: %w", err)
	}
	pi, err := sac.NewActor(net, f.LogStdMin, f.LogStdMax)
	if err != nil {
		return nil, fmt.Errorf("caora: %w", err)
	}
	return NewActor(pi)
}

// DefaultActor returns the actor embedded from policy/caora/actor.json (see the package
// documentation for the command that reproduces it).
func DefaultActor() (*Actor, error) { return LoadActor(bytes.NewReader(defaultActor)) }

// DefaultActorJSON returns a copy of the embedded actor file.
func DefaultActorJSON() []byte { return append([]byte(nil), defaultActor...) }

// EmbeddedActorFile returns the name, in policy/caora, of the actor embedded for reward r:
// actor.json for RewardFulfilment (the default actor), actor_completions.json for RewardCompletions.
// Both are reproduced by experiments/traincaora with --reward r.
func EmbeddedActorFile(r Reward) string {
	if r == RewardCompletions {
		return "actor_completions.json"
	}
	return "actor.json"
}

// EmbeddedActor returns the actor embedded for reward r (see EmbeddedActorFile).
func EmbeddedActor(r Reward) (*Actor, error) { return LoadActor(bytes.NewReader(embedded(r))) }

// EmbeddedActorJSON returns a copy of the actor file embedded for reward r.
func EmbeddedActorJSON(r Reward) []byte { return append([]byte(nil), embedded(r)...) }

func embedded(r Reward) []byte {
	if r == RewardCompletions {
		return completionsActor
	}
	return defaultActor
}

// Save writes the actor as JSON plus a newline; identical actors give identical bytes.
func (a *Actor) Save(w io.Writer) error {
	net, err := a.pi.Net.MarshalJSON()
	if err != nil {
		return fmt.Errorf("caora: %w", err)
	}
	data, err := json.Marshal(actorFile{Version: ActorVersion, Features: FeatureNames[:],
		LogStdMin: a.pi.LogStdMin, LogStdMax: a.pi.LogStdMax, Net: net})
	if err != nil {
		return fmt.Errorf("caora: encode actor: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// Share returns the deterministic RAN share α = (tanh μ(x) + 1)/2 ∈ [0, 1] for a state vector x
// of NumFeatures values.
func (a *Actor) Share(x []float64) float64 {
	var u [1]float64
	return toShare(a.pi.Mean(x, u[:0])[0])
}

// toShare maps an action u ∈ [−1, 1] to α = (u + 1)/2, clamped to [0, 1] against rounding.
func toShare(u float64) float64 { return math.Min(1, math.Max(0, (u+1)/2)) }

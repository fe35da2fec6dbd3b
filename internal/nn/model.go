package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// Scaler standardises inputs feature-wise: x'_i = (x_i − Mean_i)/Std_i,
// in the units of the raw features.
type Scaler struct {
	Mean []float64 `json:"mean"`
	Std  []float64 `json:"std"` // every entry > 0
}

// FitScaler returns the per-feature mean and population standard deviation
// (divisor n) of the rows of X; a constant feature gets Std 1 so it maps to
// 0. It fails on an empty X, rows of unequal length or non-finite values.
func FitScaler(X [][]float64) (*Scaler, error) {
	if len(X) == 0 || len(X[0]) == 0 {
		return nil, errors.New("nn: FitScaler needs at least one non-empty row")
	}
	d := len(X[0])
	s := &Scaler{Mean: make([]float64, d), Std: make([]float64, d)}
	for r, x := range X {
		if len(x) != d {
			return nil, fmt.Errorf("nn: X[%d] has %d features, want %d", r, len(x), d)
		}
		if err := checkFinite(fmt.Sprintf("X[%d]", r), x); err != nil {
			return nil, err
		}
		axpy(1, x, s.Mean)
	}
	n := float64(len(X))
	for i := range s.Mean {
		s.Mean[i] /= n
	}
	for _, x := range X {
		for i, v := range x {
			s.Std[i] += (v - s.Mean[i]) * (v - s.Mean[i])
		}
	}
	for i, v := range s.Std {
		s.Std[i] = math.Sqrt(v / n)
		if s.Std[i] == 0 {
			s.Std[i] = 1
		}
	}
	return s, nil
}

// Apply stores the standardised x in out (resliced or reallocated as for
// MLP.Forward) and returns it; out may be x itself. It panics if len(x)
// differs from len(s.Mean).
func (s *Scaler) Apply(x, out []float64) []float64 {
	if len(x) != len(s.Mean) {
		panic(fmt.Sprintf("nn: scaler input length %d, want %d", len(x), len(s.Mean)))
	}
	out = resize(out, len(x))
	std := s.Std[:len(x)]
	for i, v := range x {
		out[i] = (v - s.Mean[i]) / std[i]
	}
	return out
}

// Transform returns a new matrix holding every row of X standardised.
func (s *Scaler) Transform(X [][]float64) [][]float64 {
	out := make([][]float64, len(X))
	for i, x := range X {
		out[i] = s.Apply(x, nil)
	}
	return out
}

// validate checks that s fits n inputs with finite means and positive,
// finite standard deviations.
func (s *Scaler) validate(n int) error {
	if len(s.Mean) != n || len(s.Std) != n {
		return fmt.Errorf("nn: scaler has %d means and %d stds, want %d each", len(s.Mean), len(s.Std), n)
	}
	if err := checkFinite("scaler.mean", s.Mean); err != nil {
		return err
	}
	for i, v := range s.Std {
		if !(v > 0) || math.IsInf(v, 0) {
			return fmt.Errorf("nn: scaler.std[%d] is %v, want finite and > 0", i, v)
		}
	}
	return nil
}

// Model is a net with optional input standardisation, serialised together.
type Model struct {
	Scaler *Scaler // applied to raw inputs before Net; nil means none
	Net    *MLP
}

type modelJSON struct {
	Version int             `json:"version"`
	Scaler  *Scaler         `json:"scaler,omitempty"`
	Net     json.RawMessage `json:"net"`
}

// Predict returns Net's output for the raw input x, stored in out as for
// MLP.Forward. It allocates nothing when out has room and the input and
// hidden widths are at most 256, and is safe for concurrent use.
func (m *Model) Predict(x, out []float64) []float64 {
	if m.Scaler == nil {
		return m.Net.Forward(x, out)
	}
	if len(x) > stackWidth {
		return m.Net.Forward(m.Scaler.Apply(x, nil), out)
	}
	var buf [stackWidth]float64
	return m.Net.Forward(m.Scaler.Apply(x, buf[:0]), out)
}

// Save writes the model as JSON {version, scaler, net} plus a newline;
// identical models give identical bytes.
func (m *Model) Save(w io.Writer) error {
	if m.Scaler != nil {
		if err := m.Scaler.validate(m.Net.Inputs()); err != nil {
			return err
		}
	}
	net, err := m.Net.MarshalJSON()
	if err != nil {
		return err
	}
	data, err := json.Marshal(modelJSON{Version: FormatVersion, Scaler: m.Scaler, Net: net})
	if err != nil {
		return fmt.Errorf("nn: encode model: %w", err)
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// LoadModel reads a model written by Save, validating the version, the net
// (as MLP.UnmarshalJSON does) and the scaler against the net's inputs.
func LoadModel(r io.Reader) (*Model, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("nn: read model: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f modelJSON
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("nn: decode model: %w", err)
	}
	if f.Version != FormatVersion {
		return nil, fmt.Errorf("nn: unsupported format version %d, want %d", f.Version, FormatVersion)
	}
	m := &Model{Scaler: f.Scaler, Net: new(MLP)}
	if err := m.Net.UnmarshalJSON(f.Net); err != nil {
		return nil, err
	}
	if m.Scaler != nil {
		if err := m.Scaler.validate(m.Net.Inputs()); err != nil {
			return nil, err
		}
	}
	return m, nil
}

package nn

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
)

// FormatVersion is the version number written to, and required by, the
// JSON serialisation of an MLP.
const FormatVersion = 1

// mlpJSON is the on-disk form: weights[l] holds layer l's sizes[l+1]×sizes[l]
// matrix row-major by output unit, biases[l] its sizes[l+1] biases.
type mlpJSON struct {
	Version     int         `json:"version"`
	Sizes       []int       `json:"sizes"`
	Activations []string    `json:"activations"`
	Weights     [][]float64 `json:"weights"`
	Biases      [][]float64 `json:"biases"`
}

// MarshalJSON encodes m as {version, sizes, activations, weights, biases}
// with shortest round-trip float formatting, so identical nets give
// identical bytes. It fails if any parameter is NaN or ±Inf.
func (m *MLP) MarshalJSON() ([]byte, error) {
	if err := checkFinite("parameters", m.params); err != nil {
		return nil, err
	}
	f := mlpJSON{Version: FormatVersion, Sizes: m.sizes, Weights: m.w, Biases: m.b}
	for _, a := range m.acts {
		f.Activations = append(f.Activations, a.String())
	}
	return json.Marshal(f)
}

// UnmarshalJSON replaces m with the net encoded in data after validating
// it: the version must equal FormatVersion, unknown fields are rejected,
// sizes and activations must describe a valid net, every weight and bias
// list must have the length the sizes imply and every value must be finite.
// On error m is left unchanged.
func (m *MLP) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f mlpJSON
	if err := dec.Decode(&f); err != nil {
		return fmt.Errorf("nn: decode network: %w", err)
	}
	if dec.Decode(new(json.RawMessage)) != io.EOF {
		return errors.New("nn: decode network: trailing data after JSON object")
	}
	n, err := fromJSON(f)
	if err != nil {
		return err
	}
	*m = *n
	return nil
}

// fromJSON validates f and builds the net it describes.
func fromJSON(f mlpJSON) (*MLP, error) {
	if f.Version != FormatVersion {
		return nil, fmt.Errorf("nn: unsupported format version %d, want %d", f.Version, FormatVersion)
	}
	acts := make([]Activation, len(f.Activations))
	for i, s := range f.Activations {
		a, err := parseActivation(s)
		if err != nil {
			return nil, err
		}
		acts[i] = a
	}
	m, err := newShaped(f.Sizes, acts)
	if err != nil {
		return nil, err
	}
	if err := fill("weights", m.w, f.Weights); err != nil {
		return nil, err
	}
	if err := fill("biases", m.b, f.Biases); err != nil {
		return nil, err
	}
	return m, nil
}

// fill copies src into dst after checking shapes and finiteness.
func fill(name string, dst, src [][]float64) error {
	if len(src) != len(dst) {
		return fmt.Errorf("nn: %s has %d layers, want %d", name, len(src), len(dst))
	}
	for l := range dst {
		if len(src[l]) != len(dst[l]) {
			return fmt.Errorf("nn: %s[%d] has %d values, want %d", name, l, len(src[l]), len(dst[l]))
		}
		if err := checkFinite(fmt.Sprintf("%s[%d]", name, l), src[l]); err != nil {
			return err
		}
		copy(dst[l], src[l])
	}
	return nil
}

// checkFinite fails naming the first NaN or ±Inf in v.
func checkFinite(name string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("nn: %s[%d] is %v, want a finite number", name, i, x)
		}
	}
	return nil
}

// Save writes m's JSON encoding followed by a newline to w.
func (m *MLP) Save(w io.Writer) error {
	data, err := m.MarshalJSON()
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

// Load reads one JSON-encoded net, as written by Save, from r and
// validates it as UnmarshalJSON does.
func Load(r io.Reader) (*MLP, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("nn: read network: %w", err)
	}
	m := new(MLP)
	if err := m.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return m, nil
}

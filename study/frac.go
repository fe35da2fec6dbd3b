package study

import (
	"bytes"
	"encoding/json"
	"math"
)

// Frac is a float64 that survives JSON when it is NaN (an empty group): it is written as null.
type Frac float64

// MarshalJSON writes null for NaN.
func (f Frac) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) {
		return []byte("null"), nil
	}
	return json.Marshal(float64(f))
}

// UnmarshalJSON reads null as NaN.
func (f *Frac) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*f = Frac(math.NaN())
		return nil
	}
	var v float64
	err := json.Unmarshal(b, &v)
	*f = Frac(v)
	return err
}

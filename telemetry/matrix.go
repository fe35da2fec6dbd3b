package telemetry

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
)

// Sample is one point of a series: a time (s) and a value (in the metric's unit).
type Sample struct {
	T float64 // Time, s since the start of the run.
	V float64 // Value.
}

// Series is one labelled time series of a range query: Prometheus's matrix element.
type Series struct {
	Metric map[string]string `json:"metric"` // Labels, including "__name__" for the metric name.
	Values []Sample          `json:"values"` // Points in increasing time.
}

// Matrix is the result of a range query: Prometheus's "matrix" result type, the data.result array of
// /api/v1/query_range and the "data" field of a Scoring API request.
type Matrix []Series

// MarshalJSON writes a sample as Prometheus does: [time, "value"], the time in seconds as a JSON
// number and the value as a string (so NaN and ±Inf survive).
func (s Sample) MarshalJSON() ([]byte, error) {
	v := strconv.FormatFloat(s.V, 'g', -1, 64)
	switch {
	case math.IsNaN(s.V):
		v = "NaN"
	case math.IsInf(s.V, 1):
		v = "+Inf"
	case math.IsInf(s.V, -1):
		v = "-Inf"
	}
	t, err := json.Marshal(s.T)
	if err != nil {
		return nil, fmt.Errorf("telemetry: sample time: %w", err)
	}
	return json.Marshal([]json.RawMessage{t, json.RawMessage(strconv.Quote(v))})
}

// UnmarshalJSON reads a Prometheus sample [time, "value"].
func (s *Sample) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil || len(pair) != 2 {
		return fmt.Errorf("telemetry: sample %s: want [time, \"value\"]", b)
	}
	if err := json.Unmarshal(pair[0], &s.T); err != nil {
		return fmt.Errorf("telemetry: sample time %s: want a number", pair[0])
	}
	var v string
	if err := json.Unmarshal(pair[1], &v); err != nil {
		return fmt.Errorf("telemetry: sample value %s: want a quoted number", pair[1])
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		return fmt.Errorf("telemetry: sample value %q: want a quoted number", v)
	}
	s.V = f
	return nil
}

package scoring

import (
	"errors"
	"fmt"
)

// ErrInvalidConfig is wrapped by every *ConfigError, so errors.Is(err, ErrInvalidConfig) tells a
// refused configuration from other failures.
var ErrInvalidConfig = errors.New("scoring: invalid configuration")

// ConfigError reports a refused scorer configuration, override, mask or rule: which scorer (or
// section entry), which key, and the rule it breaks.
type ConfigError struct {
	Scorer string // Scorer or entry the key belongs to, e.g. `scorer "utilisation"` or `masks[2]`.
	Key    string // JSON path of the offending key, e.g. "source.params.step".
	Rule   string // The rule broken, e.g. "must be > 0, got -1".
}

// Error returns "scoring: SCORER: key KEY: RULE".
func (e *ConfigError) Error() string {
	return fmt.Sprintf("scoring: %s: key %q: %s", e.Scorer, e.Key, e.Rule)
}

// Unwrap returns ErrInvalidConfig.
func (e *ConfigError) Unwrap() error { return ErrInvalidConfig }

func cfgErr(scorer, key, format string, args ...any) error {
	return &ConfigError{Scorer: scorer, Key: key, Rule: fmt.Sprintf(format, args...)}
}

// ErrorKind classifies a failed or degraded scorer call for the per-scorer counters.
type ErrorKind int

// Kinds of scorer call errors. KindOutOfRange counts results, every other kind counts calls.
const (
	KindUnreachable ErrorKind = iota // The scorer could not be reached (connection refused, DNS, reset).
	KindTimeout                      // The call did not answer within the client's timeout.
	KindStatus                       // The scorer answered with an HTTP status other than 200.
	KindMalformed                    // The answer is not the contract's JSON, or a result lacks its score.
	KindOutOfRange                   // A result's score is NaN, infinite or outside [−100, 100].
	KindSource                       // The telemetry source failed to answer the window's query.
	KindScorer                       // An in-process scorer returned an error.
	numKinds
)

var kindNames = [numKinds]string{"unreachable", "timeout", "status", "malformed", "out_of_range", "source", "scorer"}

// String returns the kind's column name, e.g. "timeout".
func (k ErrorKind) String() string {
	if k < 0 || k >= numKinds {
		return fmt.Sprintf("kind(%d)", int(k))
	}
	return kindNames[k]
}

// Kinds returns every error kind in counter order.
func Kinds() []ErrorKind {
	out := make([]ErrorKind, numKinds)
	for i := range out {
		out[i] = ErrorKind(i)
	}
	return out
}

// CallError is a scorer call failure of a known kind. The HTTP client returns it for every failure;
// the agent counts any other error from a scorer as KindScorer.
type CallError struct {
	Kind ErrorKind
	Err  error
}

// Error returns "scoring: KIND: cause".
func (e *CallError) Error() string { return fmt.Sprintf("scoring: %s: %v", e.Kind, e.Err) }

// Unwrap returns the cause.
func (e *CallError) Unwrap() error { return e.Err }

// kindOf returns the kind of a scorer error: the CallError's kind, else KindScorer.
func kindOf(err error) ErrorKind {
	var ce *CallError
	if errors.As(err, &ce) && ce.Kind >= 0 && ce.Kind < numKinds {
		return ce.Kind
	}
	return KindScorer
}

package agent

import (
	"context"
	"fmt"
	"time"

	"github.com/airansim/airansim/sim"
)

// Query is what an agent decides on at one placement epoch.
type Query struct {
	Snapshot   *sim.Snapshot // read-only state at the epoch
	Candidates []Candidate   // the candidate set M_k; Candidates[0] is the no-op
	K          int           // the shortlist holds at most K identifiers (K ≥ 1)
	Interval   float64       // placement interval Δ, s
	// Notes are extra lines for the prompt's user part, before the reply instruction (e.g. a table
	// of cluster scores, policy/haf Options.Notes); "": none, and the prompt is exactly the paper's.
	Notes string
}

// Reply is an agent's ordered shortlist A_k and what it cost.
type Reply struct {
	Shortlist    []string      // candidate identifiers, best first, distinct, 1 ≤ len ≤ K
	Raw          string        // the model's raw answer (LLM agents); empty otherwise
	PromptTokens int           // tokens in the prompt as counted by the model server; 0 if unknown
	OutputTokens int           // tokens generated; 0 if unknown
	Latency      time.Duration // wall-clock decision time; in-process agents report 0 so that runs stay deterministic
}

// Agent shortlists candidate migrations. Implementations must be deterministic for a given Query
// sequence (LLM agents: temperature 0 and a fixed seed, as far as the server honours them).
type Agent interface {
	Name() string
	// Shortlist returns the ordered shortlist for q. An error is a failure the caller may fall back
	// from; errors of LLM agents are *Failure values carrying a Reason.
	Shortlist(ctx context.Context, q *Query) (Reply, error)
}

// Reason classifies why an agent's answer was not usable.
type Reason string

// Failure reasons, reported per run as fallback counts.
const (
	Unreachable Reason = "unreachable"  // the server could not be reached
	HTTPError   Reason = "http-error"   // the server answered with an HTTP error status
	Timeout     Reason = "timeout"      // the per-call timeout expired
	InvalidJSON Reason = "invalid-json" // the answer is not the JSON object the schema asks for
	CutOff      Reason = "cut-off"      // generation stopped at the length limit (done_reason "length")
	UnknownID   Reason = "unknown-id"   // an identifier is not in the candidate set
	DuplicateID Reason = "duplicate-id" // an identifier appears twice
	Empty       Reason = "empty"        // the shortlist is empty
	TooMany     Reason = "too-many"     // more than K identifiers
	Replayed    Reason = "replay"       // a replayed record does not match the run (prompt hash or epoch)
)

// Failure is an agent error with its Reason.
type Failure struct {
	Reason Reason
	Err    error
}

func (f *Failure) Error() string { return fmt.Sprintf("agent: %s: %v", f.Reason, f.Err) }

// Unwrap returns the underlying error.
func (f *Failure) Unwrap() error { return f.Err }

// Fail returns a *Failure with reason r and a formatted message.
func Fail(r Reason, format string, args ...any) *Failure {
	return &Failure{Reason: r, Err: fmt.Errorf(format, args...)}
}

package agent

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
)

// RecordEntry is one recorded agent call, one line of a JSON Lines record file.
type RecordEntry struct {
	Epoch        int      `json:"epoch"`         // q.Snapshot.Epoch
	TimeS        float64  `json:"time_s"`        // q.Snapshot.Time, s
	PromptSHA256 string   `json:"prompt_sha256"` // Hash of Prompt(q)
	Raw          string   `json:"raw"`           // Reply.Raw
	Shortlist    []string `json:"shortlist"`     // Reply.Shortlist as returned (null when none)
	ErrorReason  Reason   `json:"error_reason"`  // ReasonOf(err); empty when the call succeeded
	Error        string   `json:"error"`         // the error's message (a Failure's inner message); empty when none
	LatencyMS    float64  `json:"latency_ms"`    // Reply.Latency, ms
	PromptTokens int      `json:"prompt_tokens"` // Reply.PromptTokens
	OutputTokens int      `json:"output_tokens"` // Reply.OutputTokens
}

// Recorder wraps an Agent and writes one RecordEntry per call, as one JSON line written with a
// single Write, so that a file written unbuffered holds only whole entries even after a crash. Put
// it between a Fallback and the agent whose answers should be replayed. It is not safe for
// concurrent use.
type Recorder struct {
	a   Agent
	w   io.Writer
	err error
}

// NewRecorder returns a Recorder of a writing to w.
func NewRecorder(a Agent, w io.Writer) *Recorder { return &Recorder{a: a, w: w} }

// Name returns the wrapped agent's name.
func (r *Recorder) Name() string { return r.a.Name() }

// Err returns the first write error, or nil.
func (r *Recorder) Err() error { return r.err }

// Shortlist returns exactly what the wrapped agent returns and records it. When the entry cannot
// be written it returns the wrapped reply with the write error (a plain error, not a Failure),
// which Err keeps; later calls then pass through without recording.
func (r *Recorder) Shortlist(ctx context.Context, q *Query) (Reply, error) {
	rep, err := r.a.Shortlist(ctx, q)
	if r.err != nil {
		return rep, err
	}
	line, merr := json.Marshal(newRecordEntry(q, rep, err))
	if merr == nil {
		_, merr = r.w.Write(append(line, '\n'))
	}
	if merr != nil {
		r.err = fmt.Errorf("agent: recording epoch %d: %w", q.Snapshot.Epoch, merr)
		return rep, r.err
	}
	return rep, err
}

// newRecordEntry describes one call.
func newRecordEntry(q *Query, rep Reply, err error) RecordEntry {
	e := RecordEntry{
		Epoch: q.Snapshot.Epoch, TimeS: q.Snapshot.Time, PromptSHA256: Hash(Prompt(q)),
		Raw: rep.Raw, Shortlist: rep.Shortlist, LatencyMS: float64(rep.Latency) / 1e6,
		PromptTokens: rep.PromptTokens, OutputTokens: rep.OutputTokens,
	}
	if err != nil {
		e.ErrorReason, e.Error = ReasonOf(err), err.Error()
		if f, ok := err.(*Failure); ok && f.Err != nil {
			e.Error = f.Err.Error() // replay re-wraps it in a Failure with the same reason
		}
	}
	return e
}

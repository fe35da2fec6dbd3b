package agent

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"time"
)

// Replay answers from a record written by Recorder, entry after entry, so that a run can be
// repeated without the model server. It is not safe for concurrent use.
type Replay struct {
	name    string
	entries []RecordEntry
	lines   []int // line number of each entry in the record
	next    int
}

// OpenReplay reads the record file at path.
func OpenReplay(path string) (*Replay, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("agent: replay: %w", err)
	}
	defer f.Close()
	return NewReplay(f, path)
}

// NewReplay reads a whole record from r; name identifies it in errors and in Name. Blank lines are
// skipped; a malformed line or one without epoch or prompt_sha256 is an error naming name:line.
func NewReplay(r io.Reader, name string) (*Replay, error) {
	rp := &Replay{name: name}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("agent: replay %s:%d: %w", name, n, err)
		}
		if len(bytes.TrimSpace(line)) > 0 {
			e, perr := parseRecordEntry(line)
			if perr != nil {
				return nil, fmt.Errorf("agent: replay %s:%d: %w", name, n, perr)
			}
			rp.entries, rp.lines = append(rp.entries, e), append(rp.lines, n)
		}
		if err == io.EOF {
			return rp, nil
		}
	}
}

// parseRecordEntry decodes one line, requiring the fields replay checks against the run.
func parseRecordEntry(line []byte) (RecordEntry, error) {
	var e RecordEntry
	var req struct {
		Epoch        *int    `json:"epoch"`
		PromptSHA256 *string `json:"prompt_sha256"`
	}
	if err := json.Unmarshal(line, &e); err != nil {
		return e, fmt.Errorf("malformed entry: %w", err)
	}
	if err := json.Unmarshal(line, &req); err != nil {
		return e, fmt.Errorf("malformed entry: %w", err)
	}
	switch {
	case req.Epoch == nil:
		return e, errors.New(`missing field "epoch"`)
	case req.PromptSHA256 == nil || *req.PromptSHA256 == "":
		return e, errors.New(`missing field "prompt_sha256"`)
	}
	return e, nil
}

// Name returns "replay:" followed by the record's name.
func (p *Replay) Name() string { return "replay:" + p.name }

// Remaining returns the number of entries not yet replayed.
func (p *Replay) Remaining() int { return len(p.entries) - p.next }

// Shortlist returns the next recorded entry. A Replayed failure reports a diverged run: the entry
// is for another epoch or another prompt (its hash differs from Hash(Prompt(q))), or the record is
// exhausted. A recorded failure is returned as a *Failure with the recorded reason; the Reply
// carries the recorded shortlist, raw answer, token counts and latency in both cases, so that a
// Fallback around the replay behaves as it did around the recorded agent.
func (p *Replay) Shortlist(_ context.Context, q *Query) (Reply, error) {
	epoch := q.Snapshot.Epoch
	if p.next >= len(p.entries) {
		return Reply{}, Fail(Replayed, "no recorded decision for epoch %d in %s", epoch, p.name)
	}
	e, line := p.entries[p.next], p.lines[p.next]
	p.next++
	if e.Epoch != epoch {
		return Reply{}, Fail(Replayed, "%s:%d is for epoch %d, the run is at epoch %d", p.name, line, e.Epoch, epoch)
	}
	if h := Hash(Prompt(q)); e.PromptSHA256 != h {
		return Reply{}, Fail(Replayed, "%s:%d: the prompt of epoch %d differs from the recorded one (sha256 %.12s…, recorded %.12s…)",
			p.name, line, epoch, h, e.PromptSHA256)
	}
	rep := Reply{Shortlist: e.Shortlist, Raw: e.Raw, PromptTokens: e.PromptTokens, OutputTokens: e.OutputTokens,
		Latency: time.Duration(math.Round(e.LatencyMS * 1e6))}
	if e.ErrorReason != "" {
		return rep, &Failure{Reason: e.ErrorReason, Err: errors.New(e.Error)}
	}
	return rep, nil
}

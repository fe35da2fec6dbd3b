package agent

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

// stubAgent answers every call with the same reply and error.
type stubAgent struct {
	r   Reply
	err error
}

func (stubAgent) Name() string { return "stub" }

func (s stubAgent) Shortlist(context.Context, *Query) (Reply, error) { return s.r, s.err }

func TestRecorderEntry(t *testing.T) {
	q := testQuery(4, 300)
	hash := Hash(Prompt(q))
	tests := []struct {
		name string
		a    stubAgent
		want map[string]any
	}{
		{"success", stubAgent{r: Reply{Shortlist: []string{"m1"}, Raw: `{"shortlist":["m1"]}`, PromptTokens: 900, OutputTokens: 12, Latency: 1500 * time.Microsecond}},
			map[string]any{"epoch": 4.0, "time_s": 8.0, "prompt_sha256": hash, "raw": `{"shortlist":["m1"]}`, "shortlist": []any{"m1"},
				"error_reason": "", "error": "", "latency_ms": 1.5, "prompt_tokens": 900.0, "output_tokens": 12.0}},
		{"failure", stubAgent{r: Reply{Shortlist: []string{"m9"}, Raw: "x", Latency: time.Second}, err: Fail(UnknownID, "identifier %q is not a candidate", "m9")},
			map[string]any{"epoch": 4.0, "time_s": 8.0, "prompt_sha256": hash, "raw": "x", "shortlist": []any{"m9"},
				"error_reason": "unknown-id", "error": `identifier "m9" is not a candidate`, "latency_ms": 1000.0, "prompt_tokens": 0.0, "output_tokens": 0.0}},
		{"no reply", stubAgent{err: Fail(Unreachable, "connection refused")},
			map[string]any{"epoch": 4.0, "time_s": 8.0, "prompt_sha256": hash, "raw": "", "shortlist": nil,
				"error_reason": "unreachable", "error": "connection refused", "latency_ms": 0.0, "prompt_tokens": 0.0, "output_tokens": 0.0}},
		{"plain error", stubAgent{err: context.DeadlineExceeded},
			map[string]any{"epoch": 4.0, "time_s": 8.0, "prompt_sha256": hash, "raw": "", "shortlist": nil,
				"error_reason": "timeout", "error": "context deadline exceeded", "latency_ms": 0.0, "prompt_tokens": 0.0, "output_tokens": 0.0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			rec := NewRecorder(tt.a, &buf)
			r, err := rec.Shortlist(context.Background(), q)
			if !reflect.DeepEqual(r, tt.a.r) || err != tt.a.err {
				t.Errorf("returned %+v, %v; want the wrapped %+v, %v", r, err, tt.a.r, tt.a.err)
			}
			if rec.Name() != "stub" || rec.Err() != nil {
				t.Errorf("name %q err %v", rec.Name(), rec.Err())
			}
			lines := strings.SplitAfter(buf.String(), "\n")
			if len(lines) != 2 || lines[1] != "" {
				t.Fatalf("record %q, want one full line", buf.String())
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(lines[0]), &got); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("entry\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}

// failingWriter accepts n writes, then fails.
type failingWriter struct {
	n   int
	buf bytes.Buffer
}

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n == 0 {
		return 0, errors.New("disk full")
	}
	w.n--
	return w.buf.Write(p)
}

func TestRecorderWriteError(t *testing.T) {
	a := stubAgent{r: Reply{Shortlist: []string{"m1"}}}
	w := &failingWriter{n: 1}
	rec := NewRecorder(a, w)
	ctx := context.Background()
	if _, err := rec.Shortlist(ctx, testQuery(1, 300)); err != nil {
		t.Fatal(err)
	}
	r, err := rec.Shortlist(ctx, testQuery(2, 300))
	var f *Failure
	if err == nil || errors.As(err, &f) || !strings.Contains(err.Error(), "disk full") || !strings.HasPrefix(err.Error(), "agent: ") {
		t.Fatalf("err = %v, want a plain agent: error about the write", err)
	}
	if !reflect.DeepEqual(r, a.r) {
		t.Errorf("reply %+v, want the wrapped one", r)
	}
	if rec.Err() != err {
		t.Errorf("Err() = %v, want %v", rec.Err(), err)
	}
	if r, err := rec.Shortlist(ctx, testQuery(3, 300)); err != nil || !reflect.DeepEqual(r, a.r) {
		t.Errorf("after the write error: %+v, %v; want the wrapped reply", r, err)
	}
	if n := strings.Count(w.buf.String(), "\n"); n != 1 {
		t.Errorf("%d lines written, want 1", n)
	}
}

package agent

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// recordedScript mixes successes with every kind of failure, one answer per epoch.
var recordedScript = []answer{
	{content: content("m1")},
	{status: 500, body: `{"error":"llama runner process has terminated"}`},
	{content: "not json"},
	{content: content("m2", "m0")},
	{content: `{"shortlist": ["m`, doneReason: "length"},
	{content: content("m9")},
	{content: content("m1"), delay: 10 * time.Second}, // times out
	{content: content("m2", "m2")},
	{content: content()},
	{content: " " + content("m0") + "\n"},
}

// recordRun answers one query per script entry through Fallback(Recorder(Ollama), Heuristic),
// recording to path; it returns the queries, replies and fallback counts.
func recordRun(t *testing.T, path string) ([]*Query, []Reply, []Count) {
	t.Helper()
	f := newFakeOllama(t, func(call int) answer { return recordedScript[call] })
	file, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	rec := NewRecorder(newTestOllama(t, f, OllamaOptions{Timeout: time.Second}), file)
	fb := NewFallback(rec, NewHeuristic(HeuristicOptions{}))
	var qs []*Query
	var rs []Reply
	for i := range recordedScript {
		q := testQuery(i+1, 100+40*float64(i))
		r, err := fb.Shortlist(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		qs, rs = append(qs, q), append(rs, r)
	}
	if rec.Err() != nil {
		t.Fatal(rec.Err())
	}
	return qs, rs, fb.Fallbacks()
}

func TestRecordReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	qs, want, wantCounts := recordRun(t, path)
	if len(wantCounts) != 7 { // guard: the script must exercise both paths
		t.Fatalf("recorded fallbacks %v, want 7 reasons", wantCounts)
	}
	rp, err := OpenReplay(path)
	if err != nil {
		t.Fatal(err)
	}
	if rp.Name() != "replay:"+path || rp.Remaining() != len(qs) {
		t.Fatalf("name %q remaining %d", rp.Name(), rp.Remaining())
	}
	fb := NewFallback(rp, NewHeuristic(HeuristicOptions{}))
	for i, q := range qs {
		r, err := fb.Shortlist(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(r, want[i]) {
			t.Errorf("epoch %d: replayed %+v, recorded %+v", q.Snapshot.Epoch, r, want[i])
		}
	}
	if got := fb.Fallbacks(); !reflect.DeepEqual(got, wantCounts) {
		t.Errorf("replayed fallbacks %v, recorded %v", got, wantCounts)
	}
	if rp.Remaining() != 0 {
		t.Errorf("%d entries left", rp.Remaining())
	}
}

func TestReplayDiverged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "decisions.jsonl")
	qs, _, _ := recordRun(t, path)
	tests := []struct {
		name string
		skip int    // entries consumed first, with the recorded queries
		q    *Query // the diverging query
		want string
	}{
		{"changed snapshot", 0, testQuery(1, 101), "prompt of epoch 1 differs"},
		{"changed K", 1, func() *Query { q := testQuery(2, 140); q.K = 3; return q }(), "prompt of epoch 2 differs"},
		{"other epoch", 0, testQuery(2, 100), path + ":1 is for epoch 1, the run is at epoch 2"},
		{"exhausted", len(qs), testQuery(len(qs)+1, 0), "no recorded decision for epoch 11"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rp := must(OpenReplay(path))
			for _, q := range qs[:tt.skip] {
				rp.Shortlist(context.Background(), q)
			}
			r, err := rp.Shortlist(context.Background(), tt.q)
			var f *Failure
			if !errors.As(err, &f) || f.Reason != Replayed || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a replay failure mentioning %q", err, tt.want)
			}
			if !reflect.DeepEqual(r, Reply{}) {
				t.Errorf("reply %+v, want none", r)
			}
			fb := NewFallback(must(OpenReplay(path)), NewHeuristic(HeuristicOptions{}))
			for _, q := range qs[:tt.skip] {
				fb.Shortlist(context.Background(), q)
			}
			before := countOf(fb, Replayed)
			if _, err := fb.Shortlist(context.Background(), tt.q); err != nil || countOf(fb, Replayed) != before+1 {
				t.Errorf("fallback: err %v, replay count %d → %d", err, before, countOf(fb, Replayed))
			}
		})
	}
}

func countOf(f *Fallback, r Reason) int {
	for _, c := range f.Fallbacks() {
		if c.Reason == r {
			return c.N
		}
	}
	return 0
}

func TestReplayMalformed(t *testing.T) {
	good := `{"epoch":1,"time_s":2,"prompt_sha256":"ab12","raw":"","shortlist":["m0"],"error_reason":"","error":"","latency_ms":1,"prompt_tokens":1,"output_tokens":1}`
	tests := []struct {
		name string
		text string
		want string // "" means no error
	}{
		{"valid with blank lines", good + "\n\n" + good + "\n", ""},
		{"no final newline", good + "\n" + good, ""},
		{"empty", "", ""},
		{"garbage", good + "\nnot json\n", "decisions.jsonl:2: malformed entry"},
		{"truncated", good + "\n" + good + "\n" + good[:40], "decisions.jsonl:3: malformed entry"},
		{"wrong type", `{"epoch":"one","prompt_sha256":"ab"}`, "decisions.jsonl:1: malformed entry"},
		{"missing epoch", good + "\n" + `{"prompt_sha256":"ab"}`, `decisions.jsonl:2: missing field "epoch"`},
		{"missing hash", `{"epoch":3}`, `decisions.jsonl:1: missing field "prompt_sha256"`},
		{"empty hash", `{"epoch":3,"prompt_sha256":""}`, `decisions.jsonl:1: missing field "prompt_sha256"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "decisions.jsonl")
			if err := os.WriteFile(path, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := OpenReplay(path)
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !strings.HasPrefix(err.Error(), "agent: replay "+filepath.Dir(path)) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want agent: replay …%s", err, tt.want)
			}
		})
	}
	if _, err := OpenReplay(filepath.Join(t.TempDir(), "missing.jsonl")); err == nil || !strings.Contains(err.Error(), "missing.jsonl") {
		t.Errorf("missing file: err = %v", err)
	}
}

// TestReplayLatencyExact checks that recorded latencies come back to the nanosecond.
func TestReplayLatencyExact(t *testing.T) {
	lat := []time.Duration{1, 999, 1234567, 49_999_999_999, 59*time.Second + 987654321, 3 * time.Hour}
	var buf strings.Builder
	q := testQuery(1, 300)
	for _, l := range lat {
		NewRecorder(stubAgent{r: Reply{Shortlist: []string{"m0"}, Latency: l}}, &buf).Shortlist(context.Background(), q)
	}
	rp := must(NewReplay(strings.NewReader(buf.String()), "mem"))
	for _, l := range lat {
		r, err := rp.Shortlist(context.Background(), q)
		if err != nil || r.Latency != l {
			t.Errorf("latency %v replayed as %v (%v)", l, r.Latency, err)
		}
	}
}

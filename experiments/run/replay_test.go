package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// scriptedOllama is an httptest server speaking Ollama's /api/show and /api/chat protocol. Its
// answers are a fixed function of the call number and the candidate identifiers the request's format
// schema admits: mostly valid shortlists, with invalid JSON every 5th call and a cut-off answer every
// 7th, and a few milliseconds of latency.
func scriptedOllama(t *testing.T) *httptest.Server {
	var mu sync.Mutex
	calls := 0
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/show", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"modelfile": "FROM fake", "details": map[string]any{"family": "fake"}})
	})
	mux.HandleFunc("POST /api/chat", func(w http.ResponseWriter, r *http.Request) {
		var req struct {
			Model  string `json:"model"`
			Format struct {
				Properties struct {
					Shortlist struct {
						Items struct {
							Enum []string `json:"enum"`
						} `json:"items"`
					} `json:"shortlist"`
				} `json:"properties"`
			} `json:"format"`
		}
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mu.Lock()
		calls++
		call := calls
		mu.Unlock()
		time.Sleep(time.Duration(1+call%3) * time.Millisecond)
		ids := req.Format.Properties.Shortlist.Items.Enum
		content, reason := `{"shortlist": ["m0"]}`, "stop"
		switch {
		case call%5 == 0:
			content = `{"shortlist": [`
		case call%7 == 0:
			reason = "length"
		case len(ids) > 2:
			a, b := 1+(call*7)%(len(ids)-1), 1+(call*3)%(len(ids)-1)
			if a == b {
				b = 0
			}
			content = fmt.Sprintf(`{"shortlist": [%q, %q]}`, ids[a], ids[b])
		}
		json.NewEncoder(w).Encode(map[string]any{"model": req.Model, "created_at": "2026-01-01T00:00:00Z",
			"message": map[string]any{"role": "assistant", "content": content}, "done": true, "done_reason": reason,
			"prompt_eval_count": 2000 + call, "eval_count": 12})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// TestRecordReplayIdentical records an LLM-agent run (against a scripted Ollama server, with decision
// latency charged in simulated time) and replays it without the server: requests.csv and every
// summary field but the wall-clock time are byte-identical, fallbacks included.
func TestRecordReplayIdentical(t *testing.T) {
	srv := scriptedOllama(t)
	dir := t.TempDir()
	rec := filepath.Join(dir, "decisions.jsonl")
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	common := []string{"--method", "haf-nocritic", "--requests", "3000", "--charge-decision-latency"}
	if err := run(context.Background(), append(common, "--agent", "ollama:fake:1b", "--ollama-host", srv.URL,
		"--record", rec, "--out", a), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	srv.Close() // the replay must not need the server
	if err := run(context.Background(), append(common, "--agent", "replay:"+rec, "--out", b), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	x, _ := os.ReadFile(filepath.Join(a, "requests.csv"))
	y, _ := os.ReadFile(filepath.Join(b, "requests.csv"))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Fatal("requests.csv differs between the recorded and the replayed run")
	}
	sa, sb := summaryWithoutWall(t, a), summaryWithoutWall(t, b)
	delete(sa, "agent")
	delete(sb, "agent")
	if fmt.Sprint(sa) != fmt.Sprint(sb) {
		t.Fatalf("summaries differ:\n%v\n%v", sa, sb)
	}
	if sa["agent_fallbacks"].(float64) == 0 || sa["migrations_total"].(float64) == 0 {
		t.Fatalf("the recording exercised no fallback or no migration: %v", sa)
	}
}

func summaryWithoutWall(t *testing.T, dir string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "wall_s")
	return m
}

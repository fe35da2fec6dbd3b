package agent

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewOllama(t *testing.T) {
	tests := []struct {
		name     string
		o        OllamaOptions
		wantHost string
		wantErr  string
	}{
		{"defaults", OllamaOptions{Model: "qwen3:32b"}, DefaultOllamaHost, ""},
		{"no scheme", OllamaOptions{Model: "m", Host: "gpu-box:11434"}, "http://gpu-box:11434", ""},
		{"https", OllamaOptions{Model: "m", Host: "https://llm.example/ollama"}, "https://llm.example/ollama", ""},
		{"no model", OllamaOptions{}, "", "no model"},
		{"bad scheme", OllamaOptions{Model: "m", Host: "ftp://x"}, "", "invalid host"},
		{"bad host", OllamaOptions{Model: "m", Host: "http://"}, "", "invalid host"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, err := NewOllama(tt.o)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), "agent: ") {
					t.Fatalf("err = %v, want agent: …%s…", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if a.Host() != tt.wantHost || a.Name() != "ollama:"+tt.o.Model {
				t.Errorf("host %q name %q, want %q ollama:%s", a.Host(), a.Name(), tt.wantHost, tt.o.Model)
			}
		})
	}
}

// TestOllamaRequest checks the body the server receives against Ollama's chat protocol.
func TestOllamaRequest(t *testing.T) {
	tests := []struct {
		name      string
		o         OllamaOptions
		wantThink bool
		wantSeed  float64
		wantNum   float64
	}{
		{"defaults", OllamaOptions{}, false, 42, 256},
		{"think, seed, num_predict", OllamaOptions{Think: true, Seed: 7, NumPredict: 1024}, true, 7, 1024},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOllama(t, always(answer{content: content("m1")}))
			q := testQuery(3, 300)
			if _, err := newTestOllama(t, f, tt.o).Shortlist(context.Background(), q); err != nil {
				t.Fatal(err)
			}
			reqs := f.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d requests, want 1", len(reqs))
			}
			req := reqs[0]
			var schema any
			if err := json.Unmarshal(Schema(q), &schema); err != nil {
				t.Fatal(err)
			}
			system, user := Prompt(q)
			want := map[string]any{
				"model": "qwen3:32b", "stream": false, "think": tt.wantThink, "format": schema,
				"options":  map[string]any{"temperature": 0.0, "seed": tt.wantSeed, "num_predict": tt.wantNum},
				"messages": []any{map[string]any{"role": "system", "content": system}, map[string]any{"role": "user", "content": user}},
			}
			for k, v := range want {
				if got, ok := req[k]; !ok || !reflect.DeepEqual(got, v) {
					t.Errorf("request %s = %#v (present %v), want %#v", k, got, ok, v)
				}
			}
		})
	}
}

func TestOllamaSuccess(t *testing.T) {
	tests := []struct {
		name string
		a    answer
		o    OllamaOptions
		want []string
	}{
		{"plain", answer{content: content("m2", "m0")}, OllamaOptions{}, []string{"m2", "m0"}},
		{"whitespace", answer{content: "\n  " + content("m1") + " \n"}, OllamaOptions{}, []string{"m1"}},
		{"thinking ignored", answer{content: content("m1"), thinking: `maybe {"shortlist": ["m9"]}`}, OllamaOptions{Think: true}, []string{"m1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOllama(t, always(tt.a))
			r, err := newTestOllama(t, f, tt.o).Shortlist(context.Background(), testQuery(1, 300))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Shortlist, tt.want) || r.Raw != tt.a.content || r.PromptTokens != 1234 ||
				r.OutputTokens != 17 || r.Latency <= 0 {
				t.Errorf("reply %+v, want shortlist %v raw %q tokens 1234/17 latency > 0", r, tt.want, tt.a.content)
			}
		})
	}
}

// closedURL returns the address of a server that no longer listens.
func closedURL() string {
	s := httptest.NewServer(http.NotFoundHandler())
	s.Close()
	return s.URL
}

func TestOllamaFailures(t *testing.T) {
	tests := []struct {
		name    string
		a       answer
		host    string // overrides the fake server's address
		want    Reason
		wantRaw bool // the reply carries the content and token counts
	}{
		{"unreachable", answer{}, closedURL(), Unreachable, false},
		{"http 500", answer{status: 500, body: `{"error":"llama runner process has terminated: exit status 2"}`}, "", HTTPError, false},
		{"http 400 plain body", answer{status: 400, body: "bad request"}, "", HTTPError, false},
		{"timeout", answer{content: content("m1"), delay: 10 * time.Second}, "", Timeout, false},
		{"cut off", answer{content: `{"shortlist": ["m1", "m`, doneReason: "length"}, "", CutOff, true},
		{"cut off valid json", answer{content: content("m1"), doneReason: "length"}, "", CutOff, true},
		{"not json", answer{content: "I would move llm-a to gpu-1."}, "", InvalidJSON, true},
		{"fenced json", answer{content: "```json\n" + content("m1") + "\n```"}, "", InvalidJSON, true},
		{"no shortlist key", answer{content: `{"ids": ["m1"]}`}, "", InvalidJSON, true},
		{"shortlist not array", answer{content: `{"shortlist": "m1"}`}, "", InvalidJSON, true},
		{"null", answer{content: `null`}, "", InvalidJSON, true},
		{"null shortlist", answer{content: `{"shortlist": null}`}, "", InvalidJSON, true},
		{"unknown id", answer{content: content("m1", "m9")}, "", UnknownID, true},
		{"duplicate id", answer{content: content("m1", "m1")}, "", DuplicateID, true},
		{"empty", answer{content: content()}, "", Empty, true},
		{"too many", answer{content: content("m0", "m1", "m2")}, "", TooMany, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOllama(t, always(tt.a))
			a := newTestOllama(t, f, OllamaOptions{Timeout: time.Second})
			if tt.host != "" {
				a = must(NewOllama(OllamaOptions{Model: "qwen3:32b", Host: tt.host, Timeout: time.Second}))
			}
			start := time.Now()
			r, err := a.Shortlist(context.Background(), testQuery(1, 300))
			var fl *Failure
			if !errors.As(err, &fl) || fl.Reason != tt.want {
				t.Fatalf("err = %v, want a *Failure with reason %s", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "agent: "+string(tt.want)+": ") {
				t.Errorf("message %q", err)
			}
			if el := time.Since(start); el > 2*time.Second {
				t.Errorf("took %v", el)
			}
			if tt.wantRaw && (r.Raw != tt.a.content || r.PromptTokens != 1234 || r.OutputTokens != 17) {
				t.Errorf("reply %+v does not carry the answer", r)
			}
			if r.Latency <= 0 {
				t.Errorf("latency %v, want > 0", r.Latency)
			}
		})
	}
}

func TestOllamaCancelled(t *testing.T) {
	f := newFakeOllama(t, always(answer{content: content("m1"), delay: 10 * time.Second}))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err := newTestOllama(t, f, OllamaOptions{}).Shortlist(ctx, testQuery(1, 300))
	var fl *Failure
	if !errors.Is(err, context.DeadlineExceeded) || errors.As(err, &fl) {
		t.Fatalf("err = %v, want the caller's context error", err)
	}
}

func TestOllamaCheck(t *testing.T) {
	f := newFakeOllama(t, always(answer{}), "qwen3:32b")
	tests := []struct {
		name  string
		model string
		host  string
		want  []string // substrings of the error; nil means no error
	}{
		{"present", "qwen3:32b", "", nil},
		{"missing", "llama3.3:70b", "", []string{"agent: model llama3.3:70b is not available on " + f.srv.URL, "`ollama pull llama3.3:70b`"}},
		{"unreachable", "qwen3:32b", "127.0.0.1:1", []string{"agent: ollama at http://127.0.0.1:1 is unreachable", "ollama serve", "OLLAMA_HOST"}},
	}
	unreachable := closedURL()
	tests = append(tests, struct {
		name  string
		model string
		host  string
		want  []string
	}{"closed server", "qwen3:32b", unreachable, []string{"agent: ollama at " + unreachable + " is unreachable"}})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			host := tt.host
			if host == "" {
				host = f.srv.URL
			}
			err := must(NewOllama(OllamaOptions{Model: tt.model, Host: host, Timeout: time.Second})).Check(context.Background())
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
		})
	}
}

func TestOllamaFallback(t *testing.T) {
	tests := []struct {
		name string
		a    answer
		want Reason
	}{
		{"http 500", answer{status: 500, body: `{"error":"boom"}`}, HTTPError},
		{"unknown id", answer{content: content("m7")}, UnknownID},
		{"cut off", answer{content: `{"shortlist": [`, doneReason: "length"}, CutOff},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeOllama(t, always(tt.a))
			q := testQuery(1, 300)
			h := NewHeuristic(HeuristicOptions{})
			want, _ := h.Shortlist(context.Background(), q)
			fb := NewFallback(newTestOllama(t, f, OllamaOptions{}), h)
			for range 2 {
				r, err := fb.Shortlist(context.Background(), q)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(r.Shortlist, want.Shortlist) || r.Raw != tt.a.content {
					t.Errorf("reply %+v, want the heuristic's %v with raw %q", r, want.Shortlist, tt.a.content)
				}
			}
			if got := fb.Fallbacks(); !reflect.DeepEqual(got, []Count{{tt.want, 2}}) {
				t.Errorf("fallbacks %v, want %s×2", got, tt.want)
			}
		})
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

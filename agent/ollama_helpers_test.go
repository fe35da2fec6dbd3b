package agent

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/airansim/airansim/sim"
)

// testQuery returns a query on two nodes: an LLM and a vision model share node 0, node 1 is empty.
// backlog (TFLOP) sets the LLM's queued work, so that different values give different prompts.
func testQuery(epoch int, backlog float64) *Query {
	s := &sim.Snapshot{
		Time: float64(epoch) * 2, Epoch: epoch, Window: 2,
		Services: []sim.ServiceSpec{
			{Name: "llm-a", Category: sim.LargeAI, WeightsGB: 10, ReconfigS: 2},
			{Name: "vision", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Nodes: []sim.NodeView{
			{Spec: sim.NodeSpec{Name: "gpu-0", GPU: 100, VRAMGB: 80, CPU: 32}, Weights: 11, Inst: []int{0, 1}},
			{Spec: sim.NodeSpec{Name: "gpu-1", GPU: 100, VRAMGB: 80, CPU: 32}},
		},
		Instances: []sim.InstanceView{
			{Service: 0, Category: sim.LargeAI, Node: 0, Active: 3, BacklogGPU: backlog},
			{Service: 1, Category: sim.SmallAI, Node: 0, Active: 1, BacklogGPU: 20},
		},
	}
	return &Query{Snapshot: s, K: 2, Interval: 2, Candidates: []Candidate{
		{ID: NoOpID, Instance: -1, From: -1, To: -1},
		{ID: "m1", Instance: 0, Service: "llm-a", Category: sim.LargeAI, From: 0, To: 1, FromName: "gpu-0", ToName: "gpu-1"},
		{ID: "m2", Instance: 1, Service: "vision", Category: sim.SmallAI, From: 0, To: 1, FromName: "gpu-0", ToName: "gpu-1"},
	}}
}

// answer is what the fake server sends for one /api/chat request.
type answer struct {
	status     int           // HTTP status; 0 means 200
	body       string        // raw body for an error status
	content    string        // message content
	thinking   string        // message thinking text
	doneReason string        // "" means "stop"
	delay      time.Duration // wait before answering (the handler gives up when the client goes away)
}

// fakeOllama is an httptest server speaking Ollama's /api/chat and /api/show protocol.
type fakeOllama struct {
	srv    *httptest.Server
	models map[string]bool
	script func(call int) answer // answer to the call-th chat request, from 0

	mu   sync.Mutex
	reqs []map[string]any // decoded chat request bodies
}

func newFakeOllama(t *testing.T, script func(int) answer, models ...string) *fakeOllama {
	f := &fakeOllama{models: map[string]bool{}, script: script}
	for _, m := range models {
		f.models[m] = true
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/chat", f.chat)
	mux.HandleFunc("POST /api/show", f.show)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOllama) requests() []map[string]any {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]map[string]any(nil), f.reqs...)
}

func (f *fakeOllama) chat(w http.ResponseWriter, r *http.Request) {
	var req map[string]any
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
		return
	}
	f.mu.Lock()
	call := len(f.reqs)
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	a := f.script(call)
	if a.delay > 0 {
		select {
		case <-r.Context().Done():
			return
		case <-time.After(a.delay):
		}
	}
	if a.status != 0 && a.status != http.StatusOK {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(a.status)
		fmt.Fprint(w, a.body)
		return
	}
	if a.doneReason == "" {
		a.doneReason = "stop"
	}
	msg := map[string]any{"role": "assistant", "content": a.content}
	if a.thinking != "" {
		msg["thinking"] = a.thinking
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"model": req["model"], "created_at": "2025-06-01T12:00:00.123456789Z", "message": msg,
		"done": true, "done_reason": a.doneReason, "total_duration": 912345678, "load_duration": 1234567,
		"prompt_eval_count": 1234, "prompt_eval_duration": 345678901, "eval_count": 17, "eval_duration": 456789012,
	})
}

func (f *fakeOllama) show(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Model string `json:"model"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
		return
	}
	if !f.models[req.Model] {
		writeJSON(w, http.StatusNotFound, map[string]any{"error": fmt.Sprintf("model '%s' not found", req.Model)})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"license": "Apache License 2.0", "modelfile": "FROM qwen3", "parameters": "temperature 0.6",
		"template": "{{ .Prompt }}",
		"details": map[string]any{"parent_model": "", "format": "gguf", "family": "qwen3", "families": []string{"qwen3"},
			"parameter_size": "32.8B", "quantization_level": "Q4_K_M"},
		"model_info":   map[string]any{"general.architecture": "qwen3", "general.parameter_count": 32762123264},
		"capabilities": []string{"completion", "tools", "thinking"},
		"modified_at":  "2025-05-30T10:00:00.5+02:00",
	})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// content returns a model answer naming ids.
func content(ids ...string) string {
	b, _ := json.Marshal(map[string]any{"shortlist": append([]string{}, ids...)})
	return string(b)
}

// always scripts the same answer for every call.
func always(a answer) func(int) answer { return func(int) answer { return a } }

// newTestOllama returns an agent talking to f with options o (Model defaults to "qwen3:32b").
func newTestOllama(t *testing.T, f *fakeOllama, o OllamaOptions) *Ollama {
	t.Helper()
	if o.Model == "" {
		o.Model = "qwen3:32b"
	}
	o.Host = f.srv.URL
	a, err := NewOllama(o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

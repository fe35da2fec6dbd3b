package ollamatest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/ollama/ollama/api"
)

// Options configure a Server. Every numeric field has a default, chosen when it is left at 0.
type Options struct {
	Models        []string      // models the server has, e.g. "qwen3:14b"; a name without a tag means ":latest"
	PrefillBaseS  float64       // reported prompt_eval_duration = PrefillBaseS + PrefillS·prompt_eval_count, s; default 0.01
	PrefillS      float64       // default 2e-4
	DecodeBaseS   float64       // reported eval_duration = DecodeBaseS + DecodeS·eval_count, s; default 0.005
	DecodeS       float64       // default 0.02
	TokensPerWord float64       // prompt_eval_count per whitespace-separated prompt word; default 1.25
	LoadDelay     time.Duration // wall time a load takes (also reported as load_duration); default 0
	AnswerDelay   time.Duration // wall time a prompt keeps the server busy; default 1 ms
	WeightsGB     float64       // size_vram of a loaded model without KV cache, GB; default 9
	KVGBPerToken  float64       // size_vram per context slot, GB; default 1.6e-4
	Parallel      int           // parallel sequences (OLLAMA_NUM_PARALLEL): KV cache and size_vram for num_ctx·Parallel slots, context_length num_ctx, as Ollama; default 1
	DefaultCtx    int           // num_ctx when a request gives none; default 4096
	UnloadPolls   int           // /api/ps answers that still list the model after an unload; default 1
	FailGenerate  int           // the FailGenerate-th prompt (from 1) is answered with HTTP 500; 0: never
	Version       string        // /api/version; default "0.17.4"
}

func (o *Options) defaults() {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.PrefillBaseS, 0.01)
	def(&o.PrefillS, 2e-4)
	def(&o.DecodeBaseS, 0.005)
	def(&o.DecodeS, 0.02)
	def(&o.TokensPerWord, 1.25)
	def(&o.WeightsGB, 9)
	def(&o.KVGBPerToken, 1.6e-4)
	if o.Parallel <= 0 {
		o.Parallel = 1
	}
	if o.DefaultCtx <= 0 {
		o.DefaultCtx = 4096
	}
	if o.UnloadPolls <= 0 {
		o.UnloadPolls = 1
	}
	if o.AnswerDelay <= 0 {
		o.AnswerDelay = time.Millisecond
	}
	if o.Version == "" {
		o.Version = "0.17.4"
	}
}

// Call is one request the server received.
type Call struct {
	Method, Path string
	Body         map[string]any // decoded JSON body; nil for GET
}

// Server is a fake Ollama server. Its URL field is the base URL to give a client.
type Server struct {
	*httptest.Server
	o Options

	mu        sync.Mutex
	calls     []Call
	loaded    string // model loaded, "" if none
	numCtx    int    // num_ctx of the loaded model
	busy      bool   // a prompt is being answered
	unloading int    // /api/ps answers left that still list the unloaded model
	prompts   int    // prompts answered
}

// NewServer starts a fake Ollama server; close it with Close.
func NewServer(o Options) *Server {
	o.defaults()
	s := &Server{o: o}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/show", s.show)
	mux.HandleFunc("GET /api/version", s.version)
	mux.HandleFunc("GET /api/ps", s.ps)
	mux.HandleFunc("POST /api/generate", s.generate)
	s.Server = httptest.NewServer(mux)
	return s
}

// Calls returns the requests received so far, in order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
}

// State reports whether a model is loaded, its KV-cache slots (num_ctx·Parallel) and whether a
// prompt is being answered; a fake GPU reader derives memory and power from it.
func (s *Server) State() (loaded bool, contextTokens int, busy bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.loaded != "", s.numCtx * s.o.Parallel, s.busy
}

// fullName adds ":latest" to a name without a tag.
func fullName(m string) string {
	if !strings.Contains(m, ":") {
		return m + ":latest"
	}
	return m
}

func (s *Server) has(model string) bool {
	for _, m := range s.o.Models {
		if fullName(m) == fullName(model) {
			return true
		}
	}
	return false
}

// record decodes a JSON body into v and a generic map and logs the call.
func (s *Server) record(r *http.Request, v any) error {
	c := Call{Method: r.Method, Path: r.URL.Path}
	if r.Method == http.MethodPost {
		var raw json.RawMessage
		if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
			return err
		}
		json.Unmarshal(raw, &c.Body)
		if err := json.Unmarshal(raw, v); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.calls = append(s.calls, c)
	s.mu.Unlock()
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

func notFound(w http.ResponseWriter, model string) {
	writeJSON(w, http.StatusNotFound, map[string]any{"error": fmt.Sprintf("model '%s' not found", model)})
}

func (s *Server) show(w http.ResponseWriter, r *http.Request) {
	var req api.ShowRequest
	if err := s.record(r, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
		return
	}
	if !s.has(req.Model) {
		notFound(w, req.Model)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"modelfile": "FROM test", "parameters": "temperature 0.6", "template": "{{ .Prompt }}",
		"details": map[string]any{"parent_model": "", "format": "gguf", "family": "qwen3", "families": []string{"qwen3"},
			"parameter_size": "14.8B", "quantization_level": "Q4_K_M"},
		"model_info":   map[string]any{"general.architecture": "qwen3", "general.parameter_count": 14768307200},
		"capabilities": []string{"completion"}, "modified_at": "2025-05-30T10:00:00.5+02:00",
	})
}

func (s *Server) version(w http.ResponseWriter, r *http.Request) {
	s.record(r, nil)
	writeJSON(w, http.StatusOK, map[string]any{"version": s.o.Version})
}

func (s *Server) ps(w http.ResponseWriter, r *http.Request) {
	s.record(r, nil)
	s.mu.Lock()
	defer s.mu.Unlock()
	models := []map[string]any{}
	if s.loaded != "" || s.unloading > 0 {
		size := int64((s.o.WeightsGB + s.o.KVGBPerToken*float64(s.numCtx*s.o.Parallel)) * 1e9)
		name := fullName(s.o.Models[0])
		models = append(models, map[string]any{"name": name, "model": name, "size": size, "size_vram": size,
			"digest": "0123456789ab", "expires_at": time.Now().Add(5 * time.Minute).Format(time.RFC3339Nano),
			"details":        map[string]any{"format": "gguf", "family": "qwen3", "parameter_size": "14.8B", "quantization_level": "Q4_K_M"},
			"context_length": s.numCtx}) // per sequence, as Ollama's ps reports the runner's num_ctx
		if s.loaded == "" {
			s.unloading--
		}
	}
	writeJSON(w, http.StatusOK, map[string]any{"models": models})
}

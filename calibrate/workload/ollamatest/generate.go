package ollamatest

import (
	"net/http"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// generate answers POST /api/generate as Ollama does: an empty prompt with keep_alive 0 unloads the
// model (done_reason "unload"), an empty prompt loads it (done_reason "load"), a prompt is answered
// with Ollama's timings. Only stream=false is supported.
func (s *Server) generate(w http.ResponseWriter, r *http.Request) {
	var req api.GenerateRequest
	if err := s.record(r, &req); err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": err.Error()})
		return
	}
	if !s.has(req.Model) {
		notFound(w, req.Model)
		return
	}
	if req.Stream == nil || *req.Stream {
		writeJSON(w, http.StatusBadRequest, map[string]any{"error": "ollamatest: only stream=false is supported"})
		return
	}
	done := map[string]any{"model": req.Model, "created_at": time.Now().UTC().Format(time.RFC3339Nano), "response": "", "done": true}
	if req.Prompt == "" && req.KeepAlive != nil && req.KeepAlive.Duration == 0 {
		s.mu.Lock()
		if s.loaded != "" {
			s.loaded, s.unloading = "", s.o.UnloadPolls
		}
		s.mu.Unlock()
		done["done_reason"] = "unload"
		writeJSON(w, http.StatusOK, done)
		return
	}
	loadS := s.load(req)
	if req.Prompt == "" {
		done["done_reason"] = "load"
		writeJSON(w, http.StatusOK, done)
		return
	}
	s.mu.Lock()
	s.prompts++
	fail := s.prompts == s.o.FailGenerate
	s.busy = true
	s.mu.Unlock()
	defer func() { s.mu.Lock(); s.busy = false; s.mu.Unlock() }()
	if fail {
		writeJSON(w, http.StatusInternalServerError, map[string]any{"error": "llama runner process has terminated: exit status 2"})
		return
	}
	p := int(float64(len(strings.Fields(req.Prompt)))*s.o.TokensPerWord + 0.5)
	o, reason := 64, "length"
	if v, ok := req.Options["num_predict"].(float64); ok {
		o = int(v)
	}
	pe := s.o.PrefillBaseS + s.o.PrefillS*float64(p)
	ev := s.o.DecodeBaseS + s.o.DecodeS*float64(o)
	time.Sleep(s.o.AnswerDelay)
	done["response"], done["done_reason"] = strings.Repeat(" tok", o), reason
	done["total_duration"] = ns(loadS + pe + ev + 0.001)
	done["load_duration"], done["prompt_eval_count"], done["prompt_eval_duration"] = ns(loadS), p, ns(pe)
	done["eval_count"], done["eval_duration"] = o, ns(ev)
	writeJSON(w, http.StatusOK, done)
}

// load loads the model with the request's num_ctx unless it is loaded with it already, and
// returns the load time, s.
func (s *Server) load(req api.GenerateRequest) float64 {
	ctx := s.o.DefaultCtx
	if v, ok := req.Options["num_ctx"].(float64); ok {
		ctx = int(v)
	}
	s.mu.Lock()
	same := s.loaded == fullName(req.Model) && s.numCtx == ctx
	s.mu.Unlock()
	if same {
		return 0.0001
	}
	time.Sleep(s.o.LoadDelay)
	s.mu.Lock()
	s.loaded, s.numCtx, s.unloading = fullName(req.Model), ctx, 0
	s.mu.Unlock()
	return max(s.o.LoadDelay.Seconds(), 0.0001)
}

// ns converts seconds to integer nanoseconds, Ollama's duration unit.
func ns(s float64) int64 { return int64(s * 1e9) }

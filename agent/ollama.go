package agent

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"
)

// DefaultOllamaHost is the address of a local Ollama server with its default settings.
const DefaultOllamaHost = "http://127.0.0.1:11434"

// OllamaOptions configures an Ollama agent. Every field but Model has a default, chosen when the
// field is left at its zero value.
type OllamaOptions struct {
	Host       string        // server base URL; default DefaultOllamaHost; "host:port" without a scheme means http
	Model      string        // model name as the server knows it, e.g. "qwen3:32b"; required
	Think      bool          // let thinking models reason before answering; default false, sent explicitly as think=false
	Timeout    time.Duration // limit on each call (Check, Shortlist); default 60 s
	Seed       int           // sampling seed; default (0) 42
	NumPredict int           // cap on generated tokens (num_predict); default 256; thinking counts against it
	HTTPClient *http.Client  // client for the requests (tests); default a new client with no timeout of its own
}

func (o OllamaOptions) withDefaults() OllamaOptions {
	if o.Host == "" {
		o.Host = DefaultOllamaHost
	}
	if o.Timeout <= 0 {
		o.Timeout = 60 * time.Second
	}
	if o.Seed == 0 {
		o.Seed = 42
	}
	if o.NumPredict <= 0 {
		o.NumPredict = 256
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	return o
}

// Ollama is the LLM agent: it asks a model served by Ollama (POST /api/chat, not streamed) for the
// shortlist, with the prompt of Prompt, structured output constrained by Schema, temperature 0 and a
// fixed seed. Every failure is a *Failure carrying its Reason. Ollama is safe for concurrent use.
type Ollama struct {
	o       OllamaOptions
	host    string // normalised base URL, for messages
	client  *api.Client
	options map[string]any // sampling options, shared read-only by all requests
	think   *api.ThinkValue
	stream  *bool
}

// NewOllama returns an Ollama agent for o. It does not contact the server; call Check for that.
func NewOllama(o OllamaOptions) (*Ollama, error) {
	o = o.withDefaults()
	if o.Model == "" {
		return nil, errors.New("agent: ollama: no model given")
	}
	raw := o.Host
	if !strings.Contains(raw, "://") {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("agent: ollama: invalid host %q (want e.g. %s)", o.Host, DefaultOllamaHost)
	}
	stream := false
	return &Ollama{
		o: o, host: u.String(), client: api.NewClient(u, o.HTTPClient),
		options: map[string]any{"temperature": 0, "seed": o.Seed, "num_predict": o.NumPredict},
		think:   &api.ThinkValue{Value: o.Think}, stream: &stream,
	}, nil
}

// Name returns "ollama:" followed by the model name.
func (a *Ollama) Name() string { return "ollama:" + a.o.Model }

// Host returns the server's base URL as used for requests.
func (a *Ollama) Host() string { return a.host }

// Check verifies, once before a run, that the server answers and has the model (POST /api/show).
// Its errors tell the user what to do: start the server, point to it, or pull the model.
func (a *Ollama) Check(ctx context.Context) error {
	cctx, cancel := context.WithTimeout(ctx, a.o.Timeout)
	defer cancel()
	_, err := a.client.Show(cctx, &api.ShowRequest{Model: a.o.Model})
	var se api.StatusError
	var ue *url.Error
	switch {
	case err == nil:
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.As(err, &se) && (se.StatusCode == http.StatusNotFound || strings.Contains(se.ErrorMessage, "not found")):
		return fmt.Errorf("agent: model %s is not available on %s (pull it with `ollama pull %s`)", a.o.Model, a.host, a.o.Model)
	case errors.As(err, &ue):
		return fmt.Errorf("agent: ollama at %s is unreachable: %w (start it with `ollama serve` or set --ollama-host/OLLAMA_HOST)", a.host, err)
	}
	return fmt.Errorf("agent: ollama at %s: checking model %s: %w", a.host, a.o.Model, err)
}

// Shortlist asks the model for q's shortlist within the per-call timeout. The Reply carries the
// answer's raw content, the server's token counts and the wall-clock latency, also alongside a
// failure. Failures: Unreachable, HTTPError, Timeout, CutOff (done_reason "length", checked before
// parsing), InvalidJSON (the content is not {"shortlist": [...]}), then Validate's reasons (Empty,
// TooMany, UnknownID, DuplicateID). A cancelled ctx is returned as ctx.Err(), not as a Failure.
func (a *Ollama) Shortlist(ctx context.Context, q *Query) (Reply, error) {
	system, user := Prompt(q)
	req := &api.ChatRequest{
		Model:    a.o.Model,
		Messages: []api.Message{{Role: "system", Content: system}, {Role: "user", Content: user}},
		Stream:   a.stream, Format: Schema(q), Options: a.options, Think: a.think,
	}
	cctx, cancel := context.WithTimeout(ctx, a.o.Timeout)
	defer cancel()
	var resp api.ChatResponse
	got := false
	start := time.Now()
	err := a.client.Chat(cctx, req, func(r api.ChatResponse) error { resp, got = r, true; return nil })
	rep := Reply{Latency: time.Since(start)}
	if err != nil {
		return rep, a.classify(ctx, err)
	}
	rep.Raw, rep.PromptTokens, rep.OutputTokens = resp.Message.Content, resp.PromptEvalCount, resp.EvalCount
	switch {
	case !got:
		return rep, Fail(Unreachable, "ollama at %s closed the connection without an answer", a.host)
	case !resp.Done:
		return rep, Fail(HTTPError, "ollama at %s sent an incomplete answer (done=false)", a.host)
	case resp.DoneReason == "length":
		return rep, Fail(CutOff, "generation stopped at num_predict = %d tokens", a.o.NumPredict)
	}
	rep.Shortlist, err = parseShortlist(rep.Raw)
	if err != nil {
		return rep, err
	}
	return rep, Validate(rep.Shortlist, q)
}

// classify maps an error of the api client to a *Failure; ctx is the caller's context.
func (a *Ollama) classify(ctx context.Context, err error) error {
	var se api.StatusError
	var ae api.AuthorizationError
	var ue *url.Error
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		return Fail(Timeout, "no answer within %v", a.o.Timeout)
	case errors.As(err, &se):
		return &Failure{Reason: HTTPError, Err: fmt.Errorf("ollama at %s: HTTP %d: %w", a.host, se.StatusCode, err)}
	case errors.As(err, &ae):
		return &Failure{Reason: HTTPError, Err: fmt.Errorf("ollama at %s: HTTP %d: %w", a.host, ae.StatusCode, err)}
	case errors.As(err, &ue) && ue.Timeout():
		return &Failure{Reason: Timeout, Err: err}
	case errors.As(err, &ue):
		return &Failure{Reason: Unreachable, Err: err}
	}
	// The server answered 200 but with an error object or a line that is not a chat response.
	return &Failure{Reason: HTTPError, Err: fmt.Errorf("ollama at %s: malformed answer: %w", a.host, err)}
}

// parseShortlist decodes a model answer {"shortlist": [...]}; surrounding whitespace is allowed.
func parseShortlist(content string) ([]string, error) {
	var v struct {
		Shortlist *[]string `json:"shortlist"`
	}
	if err := json.Unmarshal([]byte(content), &v); err != nil {
		return nil, &Failure{Reason: InvalidJSON, Err: err}
	}
	if v.Shortlist == nil {
		return nil, Fail(InvalidJSON, `the answer has no "shortlist" array`)
	}
	return *v.Shortlist, nil
}

package scoring

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/airansim/airansim/telemetry"
)

// Paths of the Scoring API besides the scoring path (Config.Scoring.Path), as the addon's controller
// calls them: /healthz on the config URL's host, /config at the config URL.
const (
	HealthzPath = "/healthz"
	ConfigPath  = "/config"
)

// maxAnswer bounds the bytes read from a scorer's answer (16 MiB).
const maxAnswer = 16 << 20

// scoringRequest is the body of POST /scoring: the addon agent's ScoringRequest, {"data": matrix}.
type scoringRequest struct {
	Data telemetry.Matrix `json:"data"`
}

// scoringResponse is the answer of POST /scoring: the addon agent's ScoringResponse,
// {"results": [{"metric": {...}, "score": x}]}.
type scoringResponse struct {
	Results []Result `json:"results"`
}

// ClientOptions tunes an HTTP scorer client. The zero value works.
type ClientOptions struct {
	// Timeout bounds each request, wall-clock; default 5 s (the addon's agent allows 30 s, too long
	// for a simulation that waits on every call). A call that exceeds it fails with KindTimeout.
	Timeout time.Duration
	// HTTP is the client used; default a new http.Client (timeouts come from Timeout).
	HTTP *http.Client
}

// Client is a Scorer served over the Scoring API by another process: Score posts the window to the
// scoring endpoint. Every failure is a *CallError of the matching kind.
type Client struct {
	cfg        Config
	healthURL  string
	scoringURL string
	http       *http.Client
	timeout    time.Duration
}

// Dial reads the scorer's configuration from configURL (the addon's DynamicScorer spec.configURL,
// e.g. "http://host:8000/config"; a URL with an empty path gets ConfigPath), validates it, and
// checks GET /healthz on the same host. The scoring endpoint is Config.Scoring.Host (or the config
// URL's scheme and host) joined with Config.Scoring.Path (or DefaultScoringPath).
func Dial(ctx context.Context, configURL string, o ClientOptions) (*Client, error) {
	u, err := url.Parse(configURL)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("scoring: config URL %q: want scheme://host[:port]/path", configURL)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = ConfigPath
	}
	c := &Client{http: o.HTTP, timeout: o.Timeout, healthURL: u.Scheme + "://" + u.Host + HealthzPath}
	if c.http == nil {
		c.http = &http.Client{}
	}
	if c.timeout <= 0 {
		c.timeout = 5 * time.Second
	}
	body, err := c.do(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("scoring: GET %s: %w", u, err)
	}
	if err := json.Unmarshal(body, &c.cfg); err != nil {
		return nil, fmt.Errorf("scoring: GET %s: %w", u, &CallError{Kind: KindMalformed, Err: err})
	}
	if err := c.cfg.Validate(); err != nil {
		return nil, fmt.Errorf("scoring: GET %s: %w", u, err)
	}
	host := c.cfg.Scoring.Host
	if host == "" {
		host = u.Scheme + "://" + u.Host
	}
	path := c.cfg.Scoring.Path
	if path == "" {
		path = DefaultScoringPath
	}
	if c.scoringURL, err = url.JoinPath(host, path); err != nil {
		return nil, fmt.Errorf("scoring: scorer %q: scoring endpoint %q + %q: %w", c.cfg.Name, host, path, err)
	}
	if err := c.Healthz(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// Config returns the configuration read by Dial.
func (c *Client) Config() Config { return c.cfg }

// Healthz checks that GET /healthz answers 200.
func (c *Client) Healthz(ctx context.Context) error {
	if _, err := c.do(ctx, http.MethodGet, c.healthURL, nil); err != nil {
		return fmt.Errorf("scoring: scorer %q: GET %s: %w", c.cfg.Name, c.healthURL, err)
	}
	return nil
}

// Score posts {"data": data} to the scoring endpoint and decodes {"results": [...]}. An answer
// without "results", or a result without a numeric "score", is KindMalformed.
func (c *Client) Score(ctx context.Context, data telemetry.Matrix) ([]Result, error) {
	req, err := json.Marshal(scoringRequest{Data: data})
	if err != nil {
		return nil, &CallError{Kind: KindScorer, Err: err}
	}
	body, err := c.do(ctx, http.MethodPost, c.scoringURL, req)
	if err != nil {
		return nil, err
	}
	return decodeAnswer(body)
}

// decodeAnswer decodes a scoring answer strictly enough to tell nonsense from scores.
func decodeAnswer(body []byte) ([]Result, error) {
	var raw struct {
		Results *[]struct {
			Metric map[string]string `json:"metric"`
			Score  *float64          `json:"score"`
		} `json:"results"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, &CallError{Kind: KindMalformed, Err: err}
	}
	if raw.Results == nil {
		return nil, &CallError{Kind: KindMalformed, Err: errors.New(`answer has no "results" array`)}
	}
	out := make([]Result, len(*raw.Results))
	for i, r := range *raw.Results {
		if r.Score == nil {
			return nil, &CallError{Kind: KindMalformed, Err: fmt.Errorf(`results[%d] has no "score"`, i)}
		}
		out[i] = Result{Metric: r.Metric, Score: *r.Score}
	}
	return out, nil
}

// do makes one request within the timeout and returns the body of a 200 answer.
func (c *Client) do(ctx context.Context, method, u string, body []byte) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, &CallError{Kind: KindUnreachable, Err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, &CallError{Kind: transportKind(ctx, err), Err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, &CallError{Kind: transportKind(ctx, err), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, &CallError{Kind: KindStatus, Err: fmt.Errorf("%s %s: status %d: %s", method, u, resp.StatusCode, firstLine(b))}
	}
	return b, nil
}

// transportKind tells a timeout from an unreachable scorer.
func transportKind(ctx context.Context, err error) ErrorKind {
	var ne net.Error
	if errors.Is(ctx.Err(), context.DeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return KindTimeout
	}
	return KindUnreachable
}

func firstLine(b []byte) string {
	s, _, _ := strings.Cut(string(b), "\n")
	if len(s) > 200 {
		s = s[:200]
	}
	return s
}

// NewHandler serves scorer s over the Scoring API: GET /healthz answers 200 "ok", GET /config the
// scorer's Config as JSON, and POST to its scoring path (Config.Scoring.Path, default /scoring) takes
// {"data": matrix} and answers {"results": [...]}. A body that is not a scoring request is 400, a
// scorer error or an unencodable score (NaN) 500, a wrong method 405.
func NewHandler(s Scorer) http.Handler {
	cfg := s.Config()
	path := cfg.Scoring.Path
	if path == "" {
		path = DefaultScoringPath
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+HealthzPath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("GET "+ConfigPath, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, cfg) })
	mux.HandleFunc("POST "+path, func(w http.ResponseWriter, r *http.Request) {
		var req scoringRequest
		if err := json.NewDecoder(io.LimitReader(r.Body, maxAnswer)).Decode(&req); err != nil {
			http.Error(w, "scoring: request: "+err.Error(), http.StatusBadRequest)
			return
		}
		res, err := s.Score(r.Context(), req.Data)
		if err != nil {
			http.Error(w, "scoring: "+err.Error(), http.StatusInternalServerError)
			return
		}
		if res == nil {
			res = []Result{}
		}
		writeJSON(w, scoringResponse{Results: res})
	})
	return mux
}

// writeJSON answers v as JSON, or 500 if v cannot be encoded.
func writeJSON(w http.ResponseWriter, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "scoring: answer: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(append(b, '\n'))
}

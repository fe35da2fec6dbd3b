package workload

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/airansim/airansim/calibrate"
)

// ErrUnavailable is wrapped (errors.Is) by Check's errors when the server is unreachable or does
// not have the model; the message says what to do.
var ErrUnavailable = errors.New("workload: Ollama or the model is not available")

// unavailable is an error that Is ErrUnavailable with its own message.
type unavailable struct{ error }

func (e *unavailable) Is(target error) bool { return target == ErrUnavailable }
func (e *unavailable) Unwrap() error        { return e.error }

// Info describes the server and the model, as Check found them.
type Info struct {
	Host          string // normalised base URL
	Version       string // server version, e.g. "0.17.4"
	Family        string // e.g. "qwen3"
	ParameterSize string // e.g. "14.8B"
	Quantization  string // e.g. "Q4_K_M"
}

// Result holds what Run measured, times in seconds since Options.Epoch.
type Result struct {
	Phases   []calibrate.Phase
	Loads    []calibrate.Load
	Requests []calibrate.Request
}

// Client runs the calibration workload on one Ollama server and model. It is not safe for
// concurrent use.
type Client struct {
	o     Options
	host  string
	api   *api.Client
	rng   *rand.Rand
	ratio float64 // prompt tokens per prompt word, measured by the warm-up; 0 before
	res   Result
}

// New returns a client for o. It does not contact the server; call Check for that.
func New(o Options) (*Client, error) {
	o = o.withDefaults()
	if err := o.validate(); err != nil {
		return nil, err
	}
	u, err := parseHost(o.Host)
	if err != nil {
		return nil, err
	}
	return &Client{o: o, host: u.String(), api: api.NewClient(u, o.HTTPClient), rng: rand.New(rand.NewPCG(o.Seed, 0xca1))}, nil
}

// Options returns the options with their defaults filled in.
func (c *Client) Options() Options { return c.o }

// Check verifies, before anything is measured, that the server answers and has the model
// (POST /api/show, GET /api/version). An unreachable server or a missing model is an error that Is
// ErrUnavailable and says how to fix it.
func (c *Client) Check(ctx context.Context) (Info, error) {
	cctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	info := Info{Host: c.host}
	show, err := c.api.Show(cctx, &api.ShowRequest{Model: c.o.Model})
	var se api.StatusError
	var ue *url.Error
	switch {
	case err == nil:
	case ctx.Err() != nil:
		return info, ctx.Err()
	case errors.As(err, &se) && (se.StatusCode == http.StatusNotFound || strings.Contains(se.ErrorMessage, "not found")):
		return info, &unavailable{fmt.Errorf("workload: model %s is not available on %s (pull it with `ollama pull %s`)", c.o.Model, c.host, c.o.Model)}
	case errors.As(err, &ue):
		return info, &unavailable{fmt.Errorf("workload: ollama at %s is unreachable (start it with `ollama serve`, or point --ollama-host at it): %w", c.host, err)}
	default:
		return info, fmt.Errorf("workload: ollama at %s: checking model %s: %w", c.host, c.o.Model, err)
	}
	info.Family, info.ParameterSize, info.Quantization = show.Details.Family, show.Details.ParameterSize, show.Details.QuantizationLevel
	if info.Version, err = c.api.Version(cctx); err != nil {
		return info, fmt.Errorf("workload: ollama at %s: version: %w", c.host, err)
	}
	return info, nil
}

// now returns the time since the epoch, s.
func (c *Client) now() float64 { return time.Since(c.o.Epoch).Seconds() }

func (c *Client) logf(format string, args ...any) {
	fmt.Fprintf(c.o.Progress, "workload: "+format+"\n", args...)
}

// sleep waits d or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

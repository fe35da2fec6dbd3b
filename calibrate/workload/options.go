package workload

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// DefaultHost is the address of a local Ollama server with its default settings.
const DefaultHost = "http://127.0.0.1:11434"

// Options configures a Client. Every field but Model has a default, chosen when it is left at its
// zero value.
type Options struct {
	Host     string        // server base URL; default DefaultHost; without a scheme: http, and port 11434 if none is given
	Model    string        // model name as the server knows it, e.g. "qwen3:14b"; required
	Prompts  []int         // prompt lengths of the grid, tokens (approximate); default 128, 512, 1024, 2048
	Outputs  []int         // output lengths of the grid (num_predict), tokens; default 16, 64, 128, 256
	Reps     int           // repetitions of the grid, each in a new seeded random order; default 3
	Warmup   int           // discarded requests before the grid; default 2
	NumCtx   int           // num_ctx of warm-up and grid requests; default the next multiple of 1024 ≥ 1.5·max prompt + max output + 64
	CtxSizes []int         // num_ctx of the unload/load cycles; default 2048, 4096, 8192
	Reloads  int           // unload/load cycles per context size; default 3
	Idle     time.Duration // idle baseline with the model unloaded; default 2 s
	Settle   time.Duration // hold after each load, for the memory reading; default 500 ms
	Timeout  time.Duration // limit on each server call; default 10 min
	Seed     uint64        // grid order and prompt text; default 1
	Epoch    time.Time     // recorded times are seconds since Epoch; default the start of Run
	Progress io.Writer     // one line per step; default none
	// HTTPClient sends the requests (tests); default a client without a timeout of its own.
	HTTPClient *http.Client
}

func (o Options) withDefaults() Options {
	if o.Host == "" {
		o.Host = DefaultHost
	}
	if o.Prompts == nil {
		o.Prompts = []int{128, 512, 1024, 2048}
	}
	if o.Outputs == nil {
		o.Outputs = []int{16, 64, 128, 256}
	}
	if o.CtxSizes == nil {
		o.CtxSizes = []int{2048, 4096, 8192}
	}
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&o.Reps, 3)
	set(&o.Warmup, 2)
	set(&o.Reloads, 3)
	if o.NumCtx <= 0 && len(o.Prompts) > 0 && len(o.Outputs) > 0 {
		need := 3*slices.Max(o.Prompts)/2 + slices.Max(o.Outputs) + 64
		o.NumCtx = (need + 1023) / 1024 * 1024
	}
	dur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	dur(&o.Idle, 2*time.Second)
	dur(&o.Settle, 500*time.Millisecond)
	dur(&o.Timeout, 10*time.Minute)
	if o.Seed == 0 {
		o.Seed = 1
	}
	if o.Progress == nil {
		o.Progress = io.Discard
	}
	if o.HTTPClient == nil {
		o.HTTPClient = &http.Client{}
	}
	return o
}

// validate checks o after defaults.
func (o Options) validate() error {
	if o.Model == "" {
		return errors.New("workload: no model given")
	}
	for _, l := range [][]int{o.Prompts, o.Outputs, o.CtxSizes} {
		if len(l) == 0 || slices.Min(l) <= 0 {
			return fmt.Errorf("workload: prompt, output and context sizes must be non-empty lists of positive token counts")
		}
	}
	return nil
}

// parseHost returns the base URL of host. As in Ollama's own client (OLLAMA_HOST), a host without a
// scheme means http and, without a port, port 11434: "0.0.0.0" is http://0.0.0.0:11434.
func parseHost(host string) (*url.URL, error) {
	raw := host
	bare := !strings.Contains(raw, "://")
	if bare {
		raw = "http://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("workload: invalid Ollama host %q (want e.g. %s)", host, DefaultHost)
	}
	if bare && u.Port() == "" {
		u.Host = net.JoinHostPort(u.Hostname(), "11434")
	}
	return u, nil
}

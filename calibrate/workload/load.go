package workload

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/airansim/airansim/calibrate"
)

// pollEvery is the period of /api/ps polls while waiting for an unload.
const pollEvery = 50 * time.Millisecond

// cycle unloads the model, loads it with num_ctx numCtx, timing the load (R_s), reads /api/ps
// and holds the model loaded and idle for Options.Settle.
func (c *Client) cycle(ctx context.Context, rep, numCtx int) (calibrate.Load, error) {
	l := calibrate.Load{Rep: rep, NumCtx: numCtx, ContextTokens: numCtx, SizeVRAMGB: math.NaN()}
	var err error
	if l.UnloadS, err = c.unload(ctx); err != nil {
		return l, err
	}
	l.StartS = c.now()
	_, err = c.generate(ctx, &api.GenerateRequest{KeepAlive: &api.Duration{Duration: keepLoaded},
		Options: map[string]any{"num_ctx": numCtx}})
	l.EndS = c.now()
	if err != nil {
		return l, fmt.Errorf("loading with num_ctx %d: %w", numCtx, err)
	}
	m, ok, err := c.running(ctx)
	if err != nil {
		return l, err
	}
	if ok {
		l.SizeVRAMGB = float64(m.SizeVRAM) / 1e9
		if m.ContextLength > 0 {
			l.ContextTokens = m.ContextLength
		}
	}
	l.HoldStartS = c.now()
	err = sleep(ctx, c.o.Settle)
	l.HoldEndS = c.now()
	return l, err
}

// unload asks the server to unload the model (empty prompt, keep_alive 0) and waits until /api/ps
// no longer lists it; it returns the time that took, s.
func (c *Client) unload(ctx context.Context) (float64, error) {
	start := time.Now()
	if _, err := c.generate(ctx, &api.GenerateRequest{KeepAlive: &api.Duration{Duration: 0}}); err != nil {
		return 0, fmt.Errorf("unloading: %w", err)
	}
	for {
		_, loaded, err := c.running(ctx)
		if err != nil {
			return 0, err
		}
		if !loaded {
			return time.Since(start).Seconds(), nil
		}
		if time.Since(start) > c.o.Timeout {
			return 0, fmt.Errorf("model %s still loaded %v after the unload request", c.o.Model, c.o.Timeout)
		}
		if err := sleep(ctx, pollEvery); err != nil {
			return 0, err
		}
	}
}

// running returns the /api/ps entry of the model, if it is loaded.
func (c *Client) running(ctx context.Context) (api.ProcessModelResponse, bool, error) {
	cctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	ps, err := c.api.ListRunning(cctx)
	if err != nil {
		return api.ProcessModelResponse{}, false, fmt.Errorf("listing running models: %w", c.classify(ctx, err))
	}
	want := fullName(c.o.Model)
	for _, m := range ps.Models {
		if fullName(m.Name) == want || fullName(m.Model) == want {
			return m, true, nil
		}
	}
	return api.ProcessModelResponse{}, false, nil
}

// fullName adds Ollama's default tag ":latest" to a model name without a tag.
func fullName(m string) string {
	if !strings.Contains(m[strings.LastIndex(m, "/")+1:], ":") {
		return m + ":latest"
	}
	return m
}

package workload

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/airansim/airansim/calibrate"
)

// keepLoaded is the keep_alive of loads and requests: long enough that the model stays loaded
// between the steps of a run.
const keepLoaded = 30 * time.Minute

// generate sends one non-streamed POST /api/generate and returns the final answer.
func (c *Client) generate(ctx context.Context, req *api.GenerateRequest) (api.GenerateResponse, error) {
	stream := false
	req.Model, req.Stream = c.o.Model, &stream
	cctx, cancel := context.WithTimeout(ctx, c.o.Timeout)
	defer cancel()
	var resp api.GenerateResponse
	got := false
	err := c.api.Generate(cctx, req, func(r api.GenerateResponse) error { resp, got = r, true; return nil })
	switch {
	case err != nil:
		return resp, c.classify(ctx, err)
	case !got || !resp.Done:
		return resp, fmt.Errorf("ollama at %s sent no complete answer", c.host)
	}
	return resp, nil
}

// classify turns an error of the api client into a message naming the server.
func (c *Client) classify(ctx context.Context, err error) error {
	var se api.StatusError
	var ue *url.Error
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("ollama at %s did not answer within %v", c.host, c.o.Timeout)
	case errors.As(err, &se):
		return fmt.Errorf("ollama at %s: HTTP %d: %s", c.host, se.StatusCode, se.ErrorMessage)
	case errors.As(err, &ue):
		return fmt.Errorf("ollama at %s became unreachable: %w", c.host, err)
	}
	return fmt.Errorf("ollama at %s: %w", c.host, err)
}

// request sends one completion of about words prompt words and target output tokens.
func (c *Client) request(ctx context.Context, phase string, rep, prompt, output, words int) (calibrate.Request, error) {
	q := calibrate.Request{Phase: phase, Rep: rep, TargetPrompt: prompt, TargetOutput: output}
	req := &api.GenerateRequest{Prompt: c.prompt(words), Raw: true, KeepAlive: &api.Duration{Duration: keepLoaded},
		Think:   &api.ThinkValue{Value: false},
		Options: map[string]any{"num_predict": output, "num_ctx": c.o.NumCtx, "temperature": 0, "seed": int(c.o.Seed % (1 << 31))}}
	q.StartS = c.now()
	resp, err := c.generate(ctx, req)
	q.EndS = c.now()
	if err != nil {
		return q, fmt.Errorf("request of %d prompt and %d output tokens: %w", prompt, output, err)
	}
	m := resp.Metrics
	q.PromptTokens, q.OutputTokens, q.DoneReason = m.PromptEvalCount, m.EvalCount, resp.DoneReason
	q.LoadS, q.PromptEvalS, q.EvalS, q.TotalS = m.LoadDuration.Seconds(), m.PromptEvalDuration.Seconds(), m.EvalDuration.Seconds(), m.TotalDuration.Seconds()
	c.res.Requests = append(c.res.Requests, q)
	return q, nil
}

// vocabulary of the synthetic prompts: common words, about one token each in most tokenisers.
var vocabulary = strings.Fields(`time year people way day man thing woman life child world school state family
student group country problem hand part place case week company system program question work government
number night point home water room mother area money story fact month lot right study book eye job word
business issue side kind head house service friend father power hour game line end member law car city
community name president team minute idea kid body information back parent face others level office door
health person art war history party result change morning reason research girl guy moment air teacher force`)

// prompt returns synthetic text of the given number of words. It starts with a random nonce so that
// no two prompts share a prefix the server could serve from its cache.
func (c *Client) prompt(words int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%016x", c.rng.Uint64())
	for range words - 1 {
		b.WriteByte(' ')
		b.WriteString(vocabulary[c.rng.IntN(len(vocabulary))])
	}
	return b.String()
}

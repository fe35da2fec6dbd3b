package workload

import (
	"context"
	"fmt"
	"time"

	"github.com/airansim/airansim/calibrate"
)

// Run measures, in order: the idle baseline (Options.Idle from the moment /api/ps no longer lists
// the model), Options.Reloads unload/load cycles at each of Options.CtxSizes (each load followed by
// Options.Settle idle with the model loaded), Options.Warmup discarded requests at Options.NumCtx,
// then Options.Reps repetitions of the grid Prompts × Outputs, each in a new seeded random order. It returns what it measured,
// also alongside an error (the measurements up to the failure).
func (c *Client) Run(ctx context.Context) (*Result, error) {
	if c.o.Epoch.IsZero() {
		c.o.Epoch = time.Now()
	}
	c.res = Result{}
	steps := []struct {
		name    string
		prepare func(context.Context) error // before the phase's interval starts
		run     func(context.Context) error
	}{
		{calibrate.PhaseIdle, c.unloadIdle, c.idle},
		{calibrate.PhaseLoads, nil, c.loads},
		{calibrate.PhaseWarmup, nil, c.warmup},
		{calibrate.PhaseGrid, nil, c.grid},
	}
	for _, st := range steps {
		var err error
		if st.prepare != nil {
			err = st.prepare(ctx)
		}
		start := c.now()
		if err == nil {
			err = st.run(ctx)
		}
		c.res.Phases = append(c.res.Phases, calibrate.Phase{Name: st.name, StartS: start, EndS: c.now()})
		if err != nil {
			return &c.res, fmt.Errorf("workload: %s phase: %w", st.name, err)
		}
	}
	return &c.res, nil
}

// unloadIdle unloads the model before the idle phase, so that the phase's interval (idle power,
// baseline memory) holds no tick with the model still in GPU memory.
func (c *Client) unloadIdle(ctx context.Context) error {
	_, err := c.unload(ctx)
	return err
}

// idle waits Options.Idle with the model unloaded.
func (c *Client) idle(ctx context.Context) error {
	c.logf("idle baseline for %v", c.o.Idle)
	return sleep(ctx, c.o.Idle)
}

// loads runs the unload/load cycles.
func (c *Client) loads(ctx context.Context) error {
	n := 0
	for rep := range c.o.Reloads {
		for _, numCtx := range c.o.CtxSizes {
			n++
			l, err := c.cycle(ctx, rep, numCtx)
			if err != nil {
				return err
			}
			c.res.Loads = append(c.res.Loads, l)
			c.logf("load %d/%d (num_ctx %d): %.2f s", n, c.o.Reloads*len(c.o.CtxSizes), numCtx, l.ReloadS())
		}
	}
	return nil
}

// warmup sends the discarded requests and measures the prompt tokens per word.
func (c *Client) warmup(ctx context.Context) error {
	const words = 256
	for i := range c.o.Warmup {
		q, err := c.request(ctx, calibrate.PhaseWarmup, i, words, 16, words)
		if err != nil {
			return err
		}
		if q.PromptTokens > 0 {
			c.ratio = float64(q.PromptTokens) / words
		}
	}
	return nil
}

// grid sends Reps shuffled repetitions of the grid.
func (c *Client) grid(ctx context.Context) error {
	type cell struct{ prompt, output int }
	var cells []cell
	for _, p := range c.o.Prompts {
		for _, o := range c.o.Outputs {
			cells = append(cells, cell{p, o})
		}
	}
	n := 0
	for rep := range c.o.Reps {
		c.rng.Shuffle(len(cells), func(i, j int) { cells[i], cells[j] = cells[j], cells[i] })
		for _, x := range cells {
			n++
			q, err := c.request(ctx, calibrate.PhaseGrid, rep, x.prompt, x.output, c.words(x.prompt))
			if err != nil {
				return err
			}
			c.logf("request %d/%d: %d prompt + %d output tokens in %.3f s", n, c.o.Reps*len(cells), q.PromptTokens, q.OutputTokens, q.EndS-q.StartS)
		}
	}
	return nil
}

// words returns the prompt words that make about tokens prompt tokens.
func (c *Client) words(tokens int) int {
	if c.ratio <= 0 {
		return tokens
	}
	return max(1, int(float64(tokens)/c.ratio+0.5))
}

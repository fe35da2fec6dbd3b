package scenario

import (
	"fmt"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/traces"
)

// traceStreams opens the Azure token trace o.Trace twice and splits its rows between large-AI and
// small-AI with a seeded coin of probability small_ai_fraction. A first pass measures its rate and
// mean tokens for the load computation.
func (s *Scenario) traceStreams(o BuildOptions, b *Built) ([]aiStream, error) {
	rate, prompt, output, err := scanTrace(o.Trace)
	if err != nil {
		return nil, err
	}
	p := s.Workload.SmallAIFraction
	var out []aiStream
	for _, cat := range []sim.Category{sim.LargeAI, sim.SmallAI} {
		src, err := traces.OpenAzure(o.Trace)
		if err != nil {
			return nil, err
		}
		b.closers = append(b.closers, src)
		out = append(out, aiStream{cat: cat, tokens: newSplit(src, o.Seed, p, cat == sim.SmallAI),
			prompt: prompt, output: output})
	}
	// Each split keeps a share of the rows: its own rate is that share of the trace's rate.
	out[0].rate, out[1].rate = rate*(1-p), rate*p
	fixZero(out)
	return out, nil
}

// fixZero keeps rates positive so that a time scale is defined even for an empty split.
func fixZero(st []aiStream) {
	for i := range st {
		if st[i].rate <= 0 {
			st[i].rate = 1e-12
		}
	}
}

// scanTrace reads a whole Azure token trace once: mean rate (requests/s) and mean tokens.
func scanTrace(path string) (rate, prompt, output float64, err error) {
	src, err := traces.OpenAzure(path)
	if err != nil {
		return 0, 0, 0, err
	}
	defer src.Close()
	var n int
	var last float64
	for {
		r, ok, err := src.Next()
		if err != nil {
			return 0, 0, 0, err
		}
		if !ok {
			break
		}
		n++
		last = r.Time
		prompt += float64(r.Prompt)
		output += float64(r.Output)
	}
	if n < 2 || last <= 0 {
		return 0, 0, 0, fmt.Errorf("scenario: trace %s: need at least two rows spanning a positive time", path)
	}
	return float64(n-1) / last, prompt / float64(n), output / float64(n), nil
}

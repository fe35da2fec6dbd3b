package traces

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
)

// SamplerOptions configures a Sampler. The zero value works.
type SamplerOptions struct {
	Seed uint64 // Run seed; the sampler draws from the stream (Seed, Name) of package rng. Default 0.
	Name string // Component name of its random stream, so that samplers of one Seed differ. Default "traces/sampler".
	Rows int    // Number of rows to yield; 0 (default) means unlimited.
}

// Sampler is a seeded synthetic trace drawn from a TraceModel. Each row draws, independently, a
// prompt and an output token count by inverse-CDF sampling of the quantile tables (linear
// interpolation between quantiles, rounded to the nearest integer, at least 1) and an inter-arrival
// time from the inter-arrival table. Prompt and output are independent because their correlation in
// the 2023 traces is ≈ 0 (Pearson 0.001 for code, −0.11 for conv). Inter-arrival times are i.i.d., so
// the sampler keeps the traces' inter-arrival distribution (and mean rate) but not the clustering of
// the code trace's long gaps.
//
// The first row is at Time 0; Line counts rows from 1. Sampler implements ForkableTokenSource.
// It is not safe for concurrent use.
type Sampler struct {
	t    *TraceModel
	cdf  cdfGuide // Over t.Probabilities, shared by the three tables.
	pcg  rand.PCG
	rng  *rand.Rand
	time float64
	line int
	rows int
}

// NewSampler returns a Sampler of t. It returns an error if t is invalid or opt.Rows < 0.
func NewSampler(t TraceModel, opt SamplerOptions) (*Sampler, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	if opt.Rows < 0 {
		return nil, fmt.Errorf("traces: sampler: negative Rows %d", opt.Rows)
	}
	s := &Sampler{t: &t, rows: opt.Rows, cdf: newCDFGuide(t.Probabilities)}
	name := opt.Name
	if name == "" {
		name = "traces/sampler"
	}
	s.pcg = *rng.PCG(opt.Seed, name)
	s.rng = rand.New(&s.pcg)
	return s, nil
}

// Next returns the next row. ok is false once Rows rows have been returned; err is always nil.
func (s *Sampler) Next() (TokenRow, bool, error) {
	if s.rows > 0 && s.line >= s.rows {
		return TokenRow{}, false, nil
	}
	t := s.t
	if s.line > 0 {
		s.time += s.cdf.inverse(t.InterarrivalS, s.rng.Float64())
	}
	s.line++
	r := TokenRow{Time: s.time, Line: s.line}
	r.Prompt = tokens(s.cdf.inverse(t.PromptTokens, s.rng.Float64()))
	r.Output = tokens(s.cdf.inverse(t.OutputTokens, s.rng.Float64()))
	return r, true, nil
}

// Fork returns a copy that yields the same remaining rows as s without disturbing s.
func (s *Sampler) Fork() (TokenSource, error) {
	c := *s
	c.rng = rand.New(&c.pcg)
	return &c, nil
}

// tokens rounds x to the nearest integer, at least 1.
func tokens(x float64) int {
	return max(1, int(math.Round(x)))
}

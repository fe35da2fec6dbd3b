package traces

import (
	"fmt"
	"math/rand/v2"

	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Spread is how an AI stream spreads its requests over the services of its category.
type Spread uint8

const (
	// SpreadUniform draws each request's service uniformly at random (seeded). It is the default.
	SpreadUniform Spread = iota
	// SpreadRoundRobin cycles through the services in the order given, starting with the first.
	SpreadRoundRobin
)

// AIStream is one token stream feeding an AISource and the services its requests target.
type AIStream struct {
	Tokens   TokenSource  // Rows in non-decreasing time order (required).
	Category sim.Category // sim.LargeAI or sim.SmallAI (required).
	Services []int        // Indices of services of Category to spread requests over (required, ≥ 0).
	Spread   Spread       // Default SpreadUniform.
}

// AIOptions configures an AISource. The zero value works.
type AIOptions struct {
	Cells     int           // Number of cells; each request's cell is uniform over 0..Cells−1. Default 1.
	Seed      uint64        // Run seed of the cell and service draws. Default 0.
	Name      string        // Component name: stream i draws from (Seed, Name/i) of package rng. Default "traces/ai".
	TimeScale float64       // Arrival times are divided by it (2 doubles the rate). Default 1.
	Deadlines DeadlineRules // Per-category deadline rules; zero rules select DefaultDeadlines.
	Cost      *CostModel    // Cost model for work and KV cache; nil selects DefaultCostModel.
	Limit     int           // Maximum number of requests; 0 means unlimited.
	Start     float64       // Added to every arrival time, s. Default 0.
}

// AISource turns token streams into AI sim.Requests merged by arrival time (ties: lower stream
// index first). A row at time t of a stream becomes a request arriving at Start + t/TimeScale with
// IDs 0, 1, 2, … in output order, the stream's category and one of its services, a cell, work and KV
// from the cost model, and a deadline from the category's rule. Each stream draws its cells and
// services from its own random stream (Seed, Name/index), so its draws do not depend on how the
// streams interleave.
//
// AISource implements sim.ForkableSource; Fork fails unless every token source is a
// ForkableTokenSource. It is not safe for concurrent use.
type AISource struct {
	streams []aiStream
	cells   int
	scale   float64
	start   float64
	limit   int
	n       int64
}

type aiStream struct {
	src      TokenSource
	cat      sim.Category
	services []int
	spread   Spread
	cost     CostParams
	rule     DeadlineRule
	pcg      rand.PCG
	rng      *rand.Rand
	rr       int
	head     TokenRow
	hasHead  bool
	done     bool
	last     float64
}

// NewAISource returns an AISource over streams. It returns an error for an empty stream list, a nil
// token source, a non-AI category, an empty or negative service list, or negative options.
func NewAISource(streams []AIStream, opt AIOptions) (*AISource, error) {
	if len(streams) == 0 {
		return nil, fmt.Errorf("traces: ai source: no streams")
	}
	if opt.Cells < 0 || opt.TimeScale < 0 || opt.Limit < 0 {
		return nil, fmt.Errorf("traces: ai source: negative Cells, TimeScale or Limit")
	}
	cost := DefaultCostModel()
	if opt.Cost != nil {
		cost = *opt.Cost
	}
	s := &AISource{cells: max(opt.Cells, 1), scale: opt.TimeScale, start: opt.Start, limit: opt.Limit}
	if s.scale == 0 {
		s.scale = 1
	}
	s.streams = make([]aiStream, len(streams))
	name := opt.Name
	if name == "" {
		name = "traces/ai"
	}
	for i, st := range streams {
		if err := checkStream(i, st); err != nil {
			return nil, err
		}
		p, _ := cost.Params(st.Category)
		a := &s.streams[i]
		*a = aiStream{src: st.Tokens, cat: st.Category, services: append([]int(nil), st.Services...),
			spread: st.Spread, cost: p, rule: opt.Deadlines.rule(st.Category)}
		a.pcg = *rng.PCG(opt.Seed, rng.Sub(name, i))
		a.rng = rand.New(&a.pcg)
	}
	return s, nil
}

func checkStream(i int, st AIStream) error {
	switch {
	case st.Tokens == nil:
		return fmt.Errorf("traces: ai source: stream %d: nil Tokens", i)
	case !st.Category.IsAI():
		return fmt.Errorf("traces: ai source: stream %d: category %v is not AI", i, st.Category)
	case len(st.Services) == 0:
		return fmt.Errorf("traces: ai source: stream %d: no services", i)
	case st.Spread > SpreadRoundRobin:
		return fmt.Errorf("traces: ai source: stream %d: unknown Spread %d", i, st.Spread)
	}
	for _, v := range st.Services {
		if v < 0 {
			return fmt.Errorf("traces: ai source: stream %d: negative service index %d", i, v)
		}
	}
	return nil
}

// Next returns the next request in arrival order, ok=false at the end (all streams exhausted or
// Limit reached), or the first error of a token source (wrapped with the stream index).
func (s *AISource) Next() (sim.Request, bool, error) {
	var r sim.Request
	if ok, err := s.NextInto(&r); !ok {
		return sim.Request{}, false, err
	}
	return r, true, nil
}

// NextInto implements sim.SourceFiller: Next writing the request into *r.
func (s *AISource) NextInto(r *sim.Request) (bool, error) {
	if s.limit > 0 && s.n >= int64(s.limit) {
		return false, nil
	}
	best := -1
	for i := range s.streams {
		a := &s.streams[i]
		if err := a.fill(i); err != nil {
			return false, err
		}
		if a.hasHead && (best < 0 || a.head.Time < s.streams[best].head.Time) {
			best = i
		}
	}
	if best < 0 {
		return false, nil
	}
	s.streams[best].request(s, r)
	s.n++
	return true, nil
}

// fill loads the stream's next row into head if it has none.
func (a *aiStream) fill(i int) error {
	if a.hasHead || a.done {
		return nil
	}
	row, ok, err := a.src.Next()
	if err != nil {
		return fmt.Errorf("traces: ai source: stream %d: %w", i, err)
	}
	if !ok {
		a.done = true
		return nil
	}
	if row.Time < a.last {
		return fmt.Errorf("traces: ai source: stream %d: time goes backwards at line %d", i, row.Line)
	}
	a.head, a.hasHead, a.last = row, true, row.Time
	return nil
}

// request consumes the head row and turns it into a request, written into *r.
func (a *aiStream) request(s *AISource, r *sim.Request) {
	row := a.head
	a.hasHead = false
	*r = sim.Request{ID: s.n, Class: sim.AI, Arrival: s.start + row.Time/s.scale, Prompt: row.Prompt, Output: row.Output}
	r.Cell = a.rng.IntN(s.cells)
	if a.spread == SpreadRoundRobin {
		r.Service = a.services[a.rr]
		a.rr = (a.rr + 1) % len(a.services)
	} else {
		r.Service = a.services[a.rng.IntN(len(a.services))]
	}
	r.AIWork, r.KVGB = a.cost.Cost(row.Prompt, row.Output)
	r.Deadline = a.rule.Deadline(row.Prompt, row.Output)
}

// Fork returns a copy that yields the same remaining requests without disturbing s. It fails if a
// token source is not a ForkableTokenSource or its Fork fails.
func (s *AISource) Fork() (sim.Source, error) {
	c := *s
	c.streams = make([]aiStream, len(s.streams))
	for i := range s.streams {
		a := s.streams[i]
		f, ok := a.src.(ForkableTokenSource)
		if !ok {
			return nil, fmt.Errorf("traces: ai source: stream %d: token source is not forkable", i)
		}
		src, err := f.Fork()
		if err != nil {
			return nil, fmt.Errorf("traces: ai source: stream %d: %w", i, err)
		}
		a.src = src
		c.streams[i] = a
		c.streams[i].rng = rand.New(&c.streams[i].pcg)
	}
	return &c, nil
}

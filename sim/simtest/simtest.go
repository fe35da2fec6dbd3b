package simtest

import (
	"context"
	"sort"
	"sync"
	"testing"

	"github.com/airansim/airansim/sim"
)

// Requests is a sim.ForkableSource over a slice: it emits the requests in order with IDs 0, 1, 2, …
type Requests struct {
	rs []sim.Request
	i  int
}

// NewRequests returns a source of rs (not copied; rs must be in arrival order).
func NewRequests(rs []sim.Request) *Requests { return &Requests{rs: rs} }

// Next returns the next request with its ID set to its index.
func (s *Requests) Next() (sim.Request, bool, error) {
	if s.i >= len(s.rs) {
		return sim.Request{}, false, nil
	}
	r := s.rs[s.i]
	r.ID = int64(s.i)
	s.i++
	return r, true, nil
}

// Fork returns an independent copy at the same position.
func (s *Requests) Fork() (sim.Source, error) { c := *s; return &c, nil }

// Collect is a sim.Sink keeping every record; safe for concurrent use. Records are also passed on to
// Next when it is set.
type Collect struct {
	mu   sync.Mutex
	Recs []sim.Record
	Next sim.Sink // nil: none
}

// Record appends r, then passes it to Next.
func (c *Collect) Record(r sim.Record) {
	c.mu.Lock()
	c.Recs = append(c.Recs, r)
	c.mu.Unlock()
	if c.Next != nil {
		c.Next.Record(r)
	}
}

// Run runs cfg on reqs to its end: it replaces cfg's Source, collects the records (passing them on to
// cfg.Sink, if set, e.g. a telemetry recorder), applies the actions at0 at time
// 0 (sim.Sim.Apply), checks sim.Sim.CheckInvariants after every event (after cfg.AfterEvent, if set)
// and that every request is recorded exactly once. It returns the records sorted by ID and the
// counters; any failure is fatal to t.
func Run(t testing.TB, cfg sim.Config, reqs []sim.Request, at0 ...sim.Action) ([]sim.Record, sim.Stats) {
	t.Helper()
	cfg.Source = NewRequests(reqs)
	sink := &Collect{Next: cfg.Sink}
	cfg.Sink = sink
	_, st := RunChecked(t, cfg, at0...)
	recs := sink.Recs
	sort.Slice(recs, func(a, b int) bool { return recs[a].ID < recs[b].ID })
	if len(recs) != len(reqs) {
		t.Fatalf("%d records for %d requests", len(recs), len(reqs))
	}
	for i, r := range recs {
		if r.ID != int64(i) {
			t.Fatalf("request %d not recorded exactly once (record %d is request %d)", i, i, r.ID)
		}
	}
	return recs, st
}

// RunChecked runs cfg as it is (its own Source and Sink) to its end: it applies the actions at0 at
// time 0 (sim.Sim.Apply) and checks sim.Sim.CheckInvariants after every event (after cfg.AfterEvent,
// if set). It returns the ended simulation and its counters; any failure is fatal to t.
func RunChecked(t testing.TB, cfg sim.Config, at0 ...sim.Action) (*sim.Sim, sim.Stats) {
	t.Helper()
	var inv error
	user := cfg.AfterEvent
	cfg.AfterEvent = func(s *sim.Sim) {
		if user != nil {
			user(s)
		}
		if inv == nil {
			inv = s.CheckInvariants()
		}
	}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range at0 {
		if err := s.Apply(a); err != nil {
			t.Fatal(err)
		}
	}
	st, err := s.Run(context.Background())
	if err != nil || inv != nil {
		t.Fatal(err, inv)
	}
	return s, st
}

// ByWork is a sim.Allocator giving a node's capacity to its instances in proportion to their
// residual work (nothing to an instance without work), ignoring floors and urgency: a plain
// work-conserving share for tests whose oracle is not about allocation.
type ByWork struct{}

// Allocate implements sim.Allocator.
func (ByWork) Allocate(capacity float64, d []sim.Demand, out []float64) bool {
	w := 0.0
	for _, x := range d {
		w += x.Work
	}
	for i, x := range d {
		out[i] = 0
		if w > 0 {
			out[i] = capacity * x.Work / w
		}
	}
	return true
}

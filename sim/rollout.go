package sim

import (
	"context"
	"fmt"
)

// Outcome groups: the three classes the critic of eq. (9) predicts.
const (
	GroupLarge = iota // AI requests served by a large-AI service (r^L)
	GroupSmall        // AI requests served by a small-AI service (r^S)
	GroupRAN          // RAN-only requests (r^R)
	Groups            // number of groups
)

// GroupOf returns the outcome group of a request of class c whose AI service has category cat.
func GroupOf(c Class, cat Category) int {
	switch {
	case c.IsRAN():
		return GroupRAN
	case cat == LargeAI:
		return GroupLarge
	}
	return GroupSmall
}

// Outcome counts, per group, the requests that arrived in a window and how many met their deadline.
type Outcome struct {
	Start, End float64     // the window [Start, End), s
	N          [Groups]int // requests that arrived in the window
	Met        [Groups]int // of those, requests that finished within their deadline
	Rejected   int         // actions of the rollout's plan rejected as infeasible
}

// Rate returns the fulfillment of group g and false when no request of g arrived in the window.
func (o Outcome) Rate(g int) (float64, bool) {
	if o.N[g] == 0 {
		return 0, false
	}
	return float64(o.Met[g]) / float64(o.N[g]), true
}

// windowSink counts the records of requests that arrived in [start, end) and passes them on to also
// (when non-nil).
type windowSink struct {
	o    *Outcome
	also Sink
}

func (w windowSink) Record(r Record) {
	if r.Arrival < w.o.Start || r.Arrival >= w.o.End {
		return
	}
	if w.also != nil {
		w.also.Record(r)
	}
	g := GroupOf(r.Class, r.Category)
	w.o.N[g]++
	if r.Met() {
		w.o.Met[g]++
	}
}

// Rollout answers "what if p were applied now?" exactly: it forks the simulation, applies p as the
// engine applies a controller's plan (delayed actions later, rejections counted), holds that placement
// (no further controller calls) and runs until every request arriving in [now, now+window) has
// finished or passed its deadline. The original is not touched.
func (s *Sim) Rollout(ctx context.Context, p Plan, window float64) (Outcome, error) {
	return s.rollout(ctx, p, window, nil)
}

// rollout is Rollout; the records of the window's requests also go to also (nil: nowhere).
func (s *Sim) rollout(ctx context.Context, p Plan, window float64, also Sink) (Outcome, error) {
	o := Outcome{Start: s.now, End: s.now + window}
	f, err := s.Fork(windowSink{&o, also}, nil)
	if err != nil {
		return o, err
	}
	rejected := f.stats.Rejected
	f.applyPlan(p)
	if err := f.RunUntil(ctx, o.End); err != nil {
		return o, fmt.Errorf("sim: rollout: %w", err)
	}
	if err := f.RunUntil(ctx, f.settleTime(o)); err != nil {
		return o, fmt.Errorf("sim: rollout: %w", err)
	}
	f.countUndecided(&o)
	o.Rejected = f.stats.Rejected - rejected
	return o, nil
}

// settleTime returns the latest deadline of a live request that arrived in o's window.
func (s *Sim) settleTime(o Outcome) float64 {
	t := s.now
	for i := range s.reqs {
		rq := &s.reqs[i]
		if rq.live && rq.r.Arrival >= o.Start && rq.r.Arrival < o.End && rq.deadline() > t {
			t = rq.deadline()
		}
	}
	return t
}

// countUndecided adds the requests of o's window that are still in the system (all past their
// deadline) as missed.
func (s *Sim) countUndecided(o *Outcome) {
	for i := range s.reqs {
		rq := &s.reqs[i]
		if !rq.live || rq.r.Arrival < o.Start || rq.r.Arrival >= o.End {
			continue
		}
		o.N[GroupOf(rq.r.Class, s.categoryOf(&rq.r))]++
	}
}

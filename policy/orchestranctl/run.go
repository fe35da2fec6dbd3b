package orchestranctl

import (
	"context"

	"github.com/airansim/airansim/sim"
)

// Result is the outcome of running a schedule on the engine.
type Result struct {
	All     Counts                // every loop request (unfinished at the horizon: missed)
	ByScale [NumTimescales]Counts // by the loop's timescale
	// Loops issued requests; LoopsMissing of them missed at least one deadline.
	Loops, LoopsMissing int
	// E2Bytes and E2BytesRICOnly are the RAN-to-RIC traffic proxy of the placement and of the same
	// loops run at the near-RT RICs (Schedule.E2Bytes).
	E2Bytes, E2BytesRICOnly  float64
	Adds, Removes, Misrouted int       // the controller's counters
	Stats                    sim.Stats // the engine's counters (rejected actions among them)
}

// Run runs the schedule on the engine to its horizon and measures it.
func (s *Schedule) Run(ctx context.Context, o EngineOptions) (Result, error) {
	m := s.NewMeter()
	if o.Sink != nil {
		o.Sink = tee{m, o.Sink}
	} else {
		o.Sink = m
	}
	cfg, ctl, err := s.Config(o)
	if err != nil {
		return Result{}, err
	}
	e, err := sim.New(cfg)
	if err != nil {
		return Result{}, err
	}
	st, err := e.Run(ctx)
	if err != nil {
		return Result{}, err
	}
	r := Result{All: m.All, ByScale: m.ByScale, Adds: ctl.Adds, Removes: ctl.Removes, Misrouted: ctl.Misrouted, Stats: st}
	r.Loops, r.LoopsMissing = m.LoopsMissing()
	r.E2Bytes, r.E2BytesRICOnly = s.E2Bytes()
	return r, nil
}

type tee [2]sim.Sink

func (t tee) Record(r sim.Record) {
	t[0].Record(r)
	t[1].Record(r)
}

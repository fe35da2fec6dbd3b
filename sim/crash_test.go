package sim_test

import (
	"context"
	"math"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// crasher returns Crash{Instance 2, Restart 2 s} at every call.
type crasher struct{}

func (crasher) Name() string { return "crasher" }
func (crasher) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) {
	return sim.Plan{sim.Crash{Instance: 2, Restart: 2}}, nil
}

// TestCrashHand: one AI replica (10 TFLOP/s). Requests of 20 TFLOP at 0 and 0.5 s are in service at
// the crash at 1 s: both end there, unfinished and dropped. The replica restarts until 3 s: a request
// of 1 TFLOP arriving at 1.5 s waits and ends at 3.1 s. The crash at 2.5 s meets the restarting replica
// and is rejected (unavailable); the one at 4 s finds nothing to end and restarts it until 6 s.
func TestCrashHand(t *testing.T) {
	cfg := replicated(1, 0)
	cfg.Controllers = []sim.ControllerSpec{{Controller: crasher{}, Period: 1.5, Phase: 1}}
	cfg.Horizon, cfg.NoEarlyStop = 5, true
	recs, st := simtest.Run(t, cfg, []sim.Request{aiAt(0, 20), aiAt(0.5, 20), aiAt(1.5, 1)})
	for i, want := range []struct {
		fin      float64
		finished bool
	}{{1, false}, {1, false}, {3.1, true}} {
		r := recs[i]
		if math.Abs(r.Finish-want.fin) > 1e-9 || r.Finished != want.finished || r.Dropped == want.finished {
			t.Errorf("request %d: finish %g, finished %v, dropped %v; want %g, %v, %v", i, r.Finish, r.Finished, r.Dropped,
				want.fin, want.finished, !want.finished)
		}
	}
	if st.Crashes != 2 || st.Crashed != 2 || st.Dropped != 2 || st.Rejections[sim.KindCrash][sim.ReasonUnavailable] != 1 {
		t.Errorf("stats: %d crashes, %d crashed, %d dropped, rejections %v; want 2, 2, 2, one unavailable crash",
			st.Crashes, st.Crashed, st.Dropped, st.Rejections[sim.KindCrash])
	}
}

// TestCrashRejected: out of range, a cell's DU, a negative or infinite restart.
func TestCrashRejected(t *testing.T) {
	s, err := sim.New(func() sim.Config { c := replicated(1, 0); c.Source = simtest.NewRequests(nil); return c }())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []sim.Crash{{Instance: 9}, {Instance: 0}, {Instance: 2, Restart: -1}, {Instance: 2, Restart: math.Inf(1)}} {
		if err := s.Check(a); err == nil {
			t.Errorf("%+v accepted", a)
		}
	}
	if err := s.Check(sim.Crash{Instance: 2}); err != nil {
		t.Errorf("crash of the AI replica: %v", err)
	}
}

// associator routes to replica 0 and delays flow 1 by 0.5 s, refuses flow 2, and returns a negative
// delay for flow 3.
type associator struct{}

func (associator) Name() string                                                     { return "associator" }
func (associator) Decide(context.Context, *sim.Snapshot, sim.Env) (sim.Plan, error) { return nil, nil }
func (associator) Route(*sim.Request, []sim.ReplicaView) int                        { return 0 }
func (associator) Associate(r *sim.Request, _ int) (float64, bool) {
	switch r.Flow {
	case 1:
		return 0.5, false
	case 2:
		return 0, true
	case 3:
		return -1, false
	}
	return 0, false
}

// TestAssociate: flow 1's request (1 TFLOP at 10 TFLOP/s) reaches the replica 0.5 s late and ends at
// 0.6 s; flow 2's is refused at its arrival (dropped, Stats.Refused); a request without a flow is
// served at once; a negative delay ends the run with an error.
func TestAssociate(t *testing.T) {
	cfg := replicated(1, 0)
	cfg.Controllers = []sim.ControllerSpec{{Controller: associator{}, Period: 100}}
	reqs := []sim.Request{aiAt(0, 1), aiAt(0.1, 1), aiAt(2, 1)}
	reqs[0].Flow, reqs[1].Flow = 1, 2
	recs, st := simtest.Run(t, cfg, reqs)
	if r := recs[0]; math.Abs(r.Finish-0.6) > 1e-9 || !r.Finished {
		t.Errorf("delayed request: %+v, want finished at 0.6 s", r)
	}
	if r := recs[1]; r.Finished || !r.Dropped || r.Finish != 0.1 || st.Refused != 1 || st.Dropped != 1 {
		t.Errorf("refused request: %+v (refused %d, dropped %d), want dropped at 0.1 s", r, st.Refused, st.Dropped)
	}
	if r := recs[2]; math.Abs(r.Finish-2.1) > 1e-9 {
		t.Errorf("request without a flow: %+v, want finished at 2.1 s", r)
	}
	reqs = []sim.Request{aiAt(0, 1)}
	reqs[0].Flow = 3
	cfg.Source, cfg.Sink = simtest.NewRequests(reqs), &simtest.Collect{}
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err == nil {
		t.Error("a negative association delay: no error")
	}
}

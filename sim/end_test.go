package sim_test

import (
	"context"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// TestEndRecordsInFlightOnce stops a run early (RunUntil, then End) and checks that every request that
// arrived is recorded exactly once, those still in the system as unfinished and missed, that End is
// idempotent, and that the run is done. Four requests of 10 TFLOP on one 10 TFLOP/s node arrive at 0,
// 0.5, 1 and 10 s. By hand (processor sharing): request 0 has 5 TFLOP done at 0.5 s, 7.5 at 1 s, and
// with three sharing (10/3 each) finishes at 1.75 s; requests 1 and 2 then have 5 and 7.5 TFLOP left
// and share 5 TFLOP/s each, so request 1 would finish at 2.75 s. At 2.5 s request 0 is recorded,
// requests 1 and 2 are in flight and request 3 has not arrived.
func TestEndRecordsInFlightOnce(t *testing.T) {
	cfg := oneNode(10, 8, 80)
	reqs := []sim.Request{
		{Class: sim.AI, Service: 2, Arrival: 0, Deadline: 100, AIWork: sim.Work{GPU: 10}},
		{Class: sim.AI, Service: 2, Arrival: 0.5, Deadline: 100, AIWork: sim.Work{GPU: 10}},
		{Class: sim.AI, Service: 2, Arrival: 1, Deadline: 100, AIWork: sim.Work{GPU: 10}},
		{Class: sim.AI, Service: 2, Arrival: 10, Deadline: 100, AIWork: sim.Work{GPU: 10}},
	}
	cfg.Source = simtest.NewRequests(reqs)
	sink := &collect{}
	cfg.Sink = sink
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.RunUntil(context.Background(), 2.5); err != nil {
		t.Fatal(err)
	}
	if len(sink.recs) != 1 || sink.recs[0].ID != 0 || sink.recs[0].Finish != 1.75 || s.Done() {
		t.Fatalf("before End: %+v, done %v; want request 0 finished at 1.75 s, running", sink.recs, s.Done())
	}
	s.End()
	s.End()
	if !s.Done() || len(sink.recs) != 3 {
		t.Fatalf("after End: done %v, %d records; want done and the 3 requests that arrived", s.Done(), len(sink.recs))
	}
	seen := map[int64]bool{}
	for _, r := range sink.recs[1:] {
		if seen[r.ID] || r.Finished || r.Met() || r.ID < 1 || r.ID > 2 {
			t.Errorf("record %+v: want requests 1 and 2 once each, unfinished and missed", r)
		}
		seen[r.ID] = true
	}
	if err := s.CheckInvariants(); err != nil {
		t.Error(err)
	}
}

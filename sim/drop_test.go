package sim_test

import (
	"math"
	"testing"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// aiKV is an AI request of service 2 arriving at t with GPU work w (TFLOP), KV cache kv (GB) and a
// 100 s deadline.
func aiKV(t, w, kv float64) sim.Request {
	r := aiAt(t, w)
	r.KVGB = kv
	return r
}

// runAll runs cfg on reqs, checking the invariants after every event, and returns the records by ID
// (each request exactly once), the counters and a summary of the records.
func runAll(t *testing.T, cfg sim.Config, reqs []sim.Request) ([]sim.Record, sim.Stats, *metrics.Summary) {
	t.Helper()
	recs, st := simtest.Run(t, cfg, reqs)
	sum := &metrics.Summary{}
	for _, r := range recs {
		sum.Record(r)
	}
	return recs, st, sum
}

// outcome is what a request's record must show: dropped or finished, at time at (s), on node.
type outcome struct {
	dropped bool
	at      float64
	node    int
}

func checkOutcomes(t *testing.T, recs []sim.Record, want []outcome) {
	t.Helper()
	for i, w := range want {
		r := recs[i]
		if r.Dropped != w.dropped || r.Finished == w.dropped || math.Abs(r.Finish-w.at) > 1e-9 || r.Node != w.node {
			t.Errorf("request %d: dropped %v finished %v at %g on node %d, want dropped %v at %g on node %d",
				i, r.Dropped, r.Finished, r.Finish, r.Node, w.dropped, w.at, w.node)
		}
		if w.dropped && r.Met() {
			t.Errorf("request %d: dropped but met", i)
		}
	}
}

// TestKVDropped checks the dropped path on one node (10 TFLOP/s, 10 GB VRAM, 2 GB of weights, so a
// KV cache above 8 GB + VRAMTolerance can never fit), worked by hand:
//
//	r0 0 s, 1 TFLOP, 2 GB: alone, done at 0.1 s.
//	r1 0.01 s, 9 GB: can never fit, the wait queue is empty → dropped on arrival, never served (node −1).
//	r2 0.02 s, 8 GB: fits only when r0 frees its KV: starts at 0.1 s, done at 0.2 s.
//	r3 0.03 s, 1 GB; r4 0.04 s, 9 GB; r5 0.05 s, 1 GB: wait behind r2 (head of line). At 0.2 s r3
//	  starts, r4 reaches the head and is dropped, r5 starts: r3 and r5 share 10 TFLOP/s, done at 0.4 s.
//	r6 0.06 s, 8 GB + 0.5 ns·GB (fits within the tolerance) waits; at 0.4 s it starts, done at 0.5 s.
//	r7 0.07 s, 8 GB + 3e-9 GB (beyond the tolerance) waits behind r6 and is dropped at 0.4 s.
//
// The dropped requests end once each, take no VRAM (invariants after every event) and do not delay
// the others; they count as dropped, not met, in the counters and the summary.
func TestKVDropped(t *testing.T) {
	cfg := replicated(1, 0)
	cfg.Nodes[0].VRAMGB = 10
	reqs := []sim.Request{aiKV(0, 1, 2), aiKV(0.01, 1, 9), aiKV(0.02, 1, 8), aiKV(0.03, 1, 1), aiKV(0.04, 1, 9),
		aiKV(0.05, 1, 1), aiKV(0.06, 1, 8+0.5e-9), aiKV(0.07, 1, 8+3e-9)}
	recs, st, sum := runAll(t, cfg, reqs)
	checkOutcomes(t, recs, []outcome{{false, 0.1, 0}, {true, 0.01, -1}, {false, 0.2, 0}, {false, 0.4, 0},
		{true, 0.2, -1}, {false, 0.4, 0}, {false, 0.5, 0}, {true, 0.4, -1}})
	if st.Dropped != 3 || st.Ended != 8 {
		t.Errorf("stats: %d dropped, %d ended; want 3, 8", st.Dropped, st.Ended)
	}
	if c := sum.Counts(metrics.AI); c != (metrics.Counts{Total: 8, Met: 5, Dropped: 3}) {
		t.Errorf("summary AI counts %+v, want 8 requests, 5 met, 3 dropped", c)
	}
}

// TestKVDroppedAfterMigration checks a drop at the end of a migration, worked by hand. Nodes have
// 10 TFLOP/s; node 1 has 10 GB of VRAM, so after the AI instance (1 GB of weights, R_s = 0.5 s)
// moves there a KV cache above 9 GB never fits.
//
//	r0 0 s, 10 TFLOP, 9.5 GB and r1 0.1 s, 3 TFLOP, 2 GB start on node 0 (0.1–0.5 s at 5 TFLOP/s each).
//	At 0.5 s a controller moves the instance to node 1: residuals 7 and 1 wait, KV released.
//	r2 0.7 s, 1 TFLOP, 1 GB waits at the reconfiguring instance.
//	At 1 s the instance is available: r0 (9.5 GB > 9) is dropped, recorded on node 0 where it was last
//	served; r1 and r2 start and share 10 TFLOP/s: done at 1.2 s.
func TestKVDroppedAfterMigration(t *testing.T) {
	cfg := replicated(2, 0)
	cfg.Nodes[1].VRAMGB = 10
	cfg.Controllers = every(0.5, &once{sim.Plan{sim.Migrate{Instance: 2, To: 1}}})
	reqs := []sim.Request{aiKV(0, 10, 9.5), aiKV(0.1, 3, 2), aiKV(0.7, 1, 1)}
	recs, st, sum := runAll(t, cfg, reqs)
	checkOutcomes(t, recs, []outcome{{true, 1, 0}, {false, 1.2, 1}, {false, 1.2, 1}})
	if st.Dropped != 1 || st.Migrations[sim.SmallAI] != 1 || st.Rejected != 0 {
		t.Errorf("stats: %d dropped, migrations %v, %d rejected; want 1 dropped and the one migration", st.Dropped, st.Migrations, st.Rejected)
	}
	if c := sum.Counts(metrics.Overall); c != (metrics.Counts{Total: 3, Met: 2, Dropped: 1}) {
		t.Errorf("summary counts %+v, want 3 requests, 2 met, 1 dropped", c)
	}
}

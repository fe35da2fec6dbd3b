package sim_test

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// outcomeOf counts the records of requests that arrived in [start, end), by group.
func outcomeOf(recs []sim.Record, start, end float64) sim.Outcome {
	o := sim.Outcome{Start: start, End: end}
	for _, r := range recs {
		if r.Arrival >= start && r.Arrival < end {
			g := sim.GroupOf(r.Class, r.Category)
			o.N[g]++
			if r.Met() {
				o.Met[g]++
			}
		}
	}
	return o
}

// forecaster is a controller that, at its first call, rolls its plan out from that instant (keeping the
// rollout's records) and then returns the same plan to the engine; later calls return nothing.
type forecaster struct {
	plan   func(*sim.Snapshot, *sim.Sim) sim.Plan
	window float64 // s
	sink   *collect

	called  bool
	pending int // events queued at the decision
	ms      sim.Plan
	o       sim.Outcome
	recs    []sim.Record
	err     error
}

func (*forecaster) Name() string { return "forecaster" }

func (f *forecaster) Decide(ctx context.Context, snap *sim.Snapshot, env sim.Env) (sim.Plan, error) {
	if f.called {
		return nil, nil
	}
	f.called = true
	s := env.(*sim.Sim)
	if f.plan != nil {
		f.ms = f.plan(snap, s)
	}
	before, now := len(f.sink.recs), s.Now()
	f.pending = s.PendingEvents()
	f.o, f.recs, f.err = s.RolloutRecords(ctx, f.ms, f.window)
	if f.err == nil && (len(f.sink.recs) != before || s.Now() != now) {
		f.err = errTouched
	}
	return f.ms, f.err
}

var errTouched = context.Canceled // any sentinel: the rollout touched the original

// firstLargeMove returns the first feasible migration of a large-AI instance.
func firstLargeMove(snap *sim.Snapshot, s *sim.Sim) sim.Plan {
	for i, in := range snap.Instances {
		for to := range snap.Nodes {
			m := sim.Migrate{Instance: i, To: to}
			if in.Category == sim.LargeAI && s.Check(m) == nil {
				return sim.Plan{m}
			}
		}
	}
	return nil
}

// twoRequests is the hand-built case of issue 11: one node hosts the cell and small-AI instances A
// (index 2) and B (index 3), EqualShare divides the GPU (1 TFLOP/s). B gets 100 TFLOP at t = 0; A gets
// 6 TFLOP at t = 2 (deadline 6.05 s), when the controller migrates B to node 1 (R_s = 0.5 s). Applied
// at once, A runs alone at 1 TFLOP/s: it finishes at t = 8 (latency 6.000 s, met). Had the node kept its
// shares until the next event (B's reconfiguration end at 2.5 s), A would run at 0.5 for 0.5 s and
// finish at 8.25 (latency 6.25 s, missed).
func twoRequests() sim.Config {
	node := sim.NodeSpec{GPU: 1, CPU: 1, VRAMGB: 10}
	return sim.Config{
		Nodes: []sim.NodeSpec{node, node},
		Services: []sim.ServiceSpec{
			{Name: "du0", Category: sim.DU, ReconfigS: 0.05},
			{Name: "cu0", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "A", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
			{Name: "B", Category: sim.SmallAI, WeightsGB: 1, ReconfigS: 0.5},
		},
		Instances: []sim.InstanceSpec{{Service: 0}, {Service: 1}, {Service: 2}, {Service: 3}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Allocator: allocator.EqualShare{},
		Drain:     200,
		Source: newGen(2, 1, func(i int, _ float64, _ *rand.Rand) (sim.Request, float64) {
			if i == 0 {
				return sim.Request{Class: sim.AI, Service: 3, AIWork: sim.Work{GPU: 100}, Deadline: 1000}, 2
			}
			return sim.Request{Class: sim.AI, Service: 2, AIWork: sim.Work{GPU: 6}, Deadline: 6.05}, 0
		}),
	}
}

// TestRolloutMatchesRealRun checks that a rollout is an exact counterfactual: a controller rolls its
// plan out at the decision instant and then returns it, and every request of the window must end in
// the real run exactly (same finish time, to the bit) as the rollout predicted; those the rollout left
// undecided must be missed. The real run is also checked against hand-computed finish times.
func TestRolloutMatchesRealRun(t *testing.T) {
	tests := []struct {
		name    string
		cfg     func(t *testing.T) sim.Config
		at, win float64 // decision time and window, s
		plan    func(*sim.Snapshot, *sim.Sim) sim.Plan
		finish  map[int64]float64 // hand-computed finish times of the real run, s
		pending int               // the least number of events queued at the decision
	}{
		{"paper no-op", func(t *testing.T) sim.Config { return paperConfig(t, 1, 4000, 11) }, 7, 5, nil, nil, 0},
		{"paper large-AI move", func(t *testing.T) sim.Config { return paperConfig(t, 1, 4000, 11) }, 7, 5, firstLargeMove, nil, 0},
		{"two requests, migration", func(*testing.T) sim.Config { return twoRequests() }, 2, 5,
			func(*sim.Snapshot, *sim.Sim) sim.Plan { return sim.Plan{sim.Migrate{Instance: 3, To: 1}} },
			map[int64]float64{1: 8, 0: 2.5 + 98}, 0},
		// Scores of pending events (calq is a plain heap up to 32): the fork copies a calendar queue.
		{"generated 300 nodes no-op", generatedConfig, 4, 3, nil, nil, 64},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := tc.cfg(t)
			sink := &collect{}
			fc := &forecaster{plan: tc.plan, window: tc.win, sink: sink}
			cfg.Sink = sink
			cfg.Controllers = []sim.ControllerSpec{{Controller: fc, Phase: tc.at, Period: 1e6}}
			s, err := sim.New(cfg)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Run(context.Background()); err != nil {
				t.Fatal(err)
			}
			if tc.plan != nil && (len(fc.ms) == 0 || s.Stats().MigrationsTotal() != len(fc.ms)) {
				t.Fatalf("plan %v, %d migrations applied", fc.ms, s.Stats().MigrationsTotal())
			}
			if fc.pending < tc.pending {
				t.Errorf("%d events queued at the decision, want at least %d", fc.pending, tc.pending)
			}
			compareRollout(t, fc, sink.recs, tc.at, tc.at+tc.win)
			for _, r := range sink.recs {
				if want, ok := tc.finish[r.ID]; ok && math.Abs(r.Finish-want) > 1e-12*want {
					t.Errorf("request %d: real finish %.17g, want %g (hand-computed)", r.ID, r.Finish, want)
				}
			}
		})
	}
}

// compareRollout checks the forecaster's rollout against the real records of the window [start, end).
func compareRollout(t *testing.T, fc *forecaster, real []sim.Record, start, end float64) {
	t.Helper()
	if fc.err != nil {
		t.Fatal(fc.err)
	}
	pred := map[int64]sim.Record{}
	for _, r := range fc.recs {
		pred[r.ID] = r
	}
	n := 0
	for _, r := range real {
		if r.Arrival < start || r.Arrival >= end {
			continue
		}
		n++
		p, ok := pred[r.ID]
		switch {
		case !ok && r.Met():
			t.Errorf("request %d: undecided in the rollout, met in the real run (latency %.17g)", r.ID, r.Latency())
		case ok && (p.Finish != r.Finish || p.Finished != r.Finished || p.Dropped != r.Dropped || p.Node != r.Node):
			t.Errorf("request %d: rollout %+v, real %+v (latency %.17g vs %.17g)", r.ID, p, r, p.Latency(), r.Latency())
		}
	}
	if want := outcomeOf(real, start, end); fc.o.N != want.N || fc.o.Met != want.Met {
		t.Errorf("rollout %v/%v, real %v/%v", fc.o.Met, fc.o.N, want.Met, want.N)
	}
	if n == 0 {
		t.Fatalf("window [%g, %g) too empty to test: %d requests", start, end, n)
	}
}

// generatedConfig is a generated cluster of 50 sites (300 nodes) at ρ = 1 with 30,000 requests and the
// HAF allocator.
func generatedConfig(t *testing.T) sim.Config {
	return hafConfig(t, generated(t, 50), scenario.BuildOptions{Load: 1, Requests: 30000, Seed: 3})
}

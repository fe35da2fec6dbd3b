package dynscore_test

import (
	"context"
	"errors"
	"sort"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scoring"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
	"github.com/airansim/airansim/telemetry"
)

// fixed is an in-process scorer without input (source None) answering the same per-node scores at
// every call; calls after failAfter (when > 0) fail.
type fixed struct {
	name, score string
	interval    float64
	values      map[string]float64 // node → score
	failAfter   int
	calls       int
}

func (f *fixed) Config() scoring.Config {
	return scoring.Config{Name: f.name, Source: scoring.SourceConfig{Type: scoring.SourceNone},
		Scoring: scoring.ScoringConfig{Path: "/scoring", Params: scoring.ScoringParams{Name: f.score, Interval: f.interval}}}
}

func (f *fixed) Score(context.Context, telemetry.Matrix) ([]scoring.Result, error) {
	f.calls++
	if f.failAfter > 0 && f.calls > f.failAfter {
		return nil, errors.New("fixed: down")
	}
	nodes := make([]string, 0, len(f.values))
	for n := range f.values {
		nodes = append(nodes, n)
	}
	sort.Strings(nodes)
	var out []scoring.Result
	for _, n := range nodes {
		out = append(out, scoring.Result{Metric: map[string]string{"node": n}, Score: f.values[n]})
	}
	return out, nil
}

// stamped is one epoch's plan.
type stamped struct {
	t    float64
	plan sim.Plan
}

// logged wraps the controller and keeps every plan it returns.
type logged struct {
	*dynscore.Controller
	plans []stamped
}

func (l *logged) Decide(ctx context.Context, s *sim.Snapshot, env sim.Env) (sim.Plan, error) {
	p, err := l.Controller.Decide(ctx, s, env)
	if len(p) > 0 {
		l.plans = append(l.plans, stamped{s.Time, p})
	}
	return p, err
}

// run runs cfg on reqs under the controller built from o (Telemetry set to a recorder of step 1 with
// o.Power's models), with HAF's allocator, checking the engine's invariants after every event
// (and after calling each, if set) and that every request ends exactly once.
func run(t testing.TB, cfg sim.Config, reqs []sim.Request, o dynscore.Options, each func(*sim.Sim)) (*logged, []sim.Record, sim.Stats, *telemetry.Recorder) {
	t.Helper()
	rec, err := telemetry.New(&cfg, telemetry.Options{Step: 1, Power: o.Power})
	if err != nil {
		t.Fatal(err)
	}
	o.Telemetry = rec
	c, err := dynscore.New(o)
	if err != nil {
		t.Fatal(err)
	}
	l := &logged{Controller: c}
	cfg.Controllers = []sim.ControllerSpec{{Controller: l, Period: c.Spec().Period}}
	cfg.Allocator = allocator.HAF{}
	rec.Install(&cfg)
	cfg.AfterEvent = each
	recs, st := simtest.Run(t, cfg, reqs)
	return l, recs, st, rec
}

// three returns three identical nodes a, b, c (100 TFLOP/s, 16 cores, 80 GB) with the cell's DU and
// CU-UP and a small model (service 2, 4 GB) on a, and a large model (service 3, 40 GB) on b.
func three() sim.Config {
	return sim.Config{
		Nodes: []sim.NodeSpec{{Name: "a", GPU: 100, CPU: 16, VRAMGB: 80}, {Name: "b", GPU: 100, CPU: 16, VRAMGB: 80}, {Name: "c", GPU: 100, CPU: 16, VRAMGB: 80}},
		Services: []sim.ServiceSpec{
			{Name: "du", Category: sim.DU, WeightsGB: 2, ReconfigS: 0.05},
			{Name: "cu", Category: sim.CUUP, ReconfigS: 0.05},
			{Name: "small", Category: sim.SmallAI, WeightsGB: 4, ReconfigS: 0.5},
			{Name: "large", Category: sim.LargeAI, WeightsGB: 40, ReconfigS: 2},
		},
		Instances: []sim.InstanceSpec{{Service: 0, Node: 0}, {Service: 1, Node: 0}, {Service: 2, Node: 0}, {Service: 3, Node: 1}},
		Cells:     []sim.CellSpec{{Name: "c0", DU: 0, CU: 1}},
		Horizon:   12, NoEarlyStop: true,
	}
}

// aiLoad returns n AI requests every gap s from 0.1 s, alternately to services 2 and 3, of GPU work
// work TFLOP each.
func aiLoad(n int, gap, work float64) []sim.Request {
	var rs []sim.Request
	for i := range n {
		r := sim.Request{Class: sim.AI, Arrival: 0.1 + gap*float64(i), Deadline: 5, Service: 2 + i%2, AIWork: sim.Work{GPU: work}, KVGB: 0.1}
		rs = append(rs, r)
	}
	return rs
}

// mustLayout parses a layout or fails the test.
func mustLayout(t testing.TB, ss ...string) mig.Layout {
	t.Helper()
	l, err := mig.ParseLayout(ss)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

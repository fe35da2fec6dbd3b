package study_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// window is a controller that asks the run's telemetry for every node's power over the last 5 s.
type window struct {
	rec    *telemetry.Recorder
	series []int // series per call
	points []int // points of the first series per call
}

func (w *window) Name() string { return "window" }

func (w *window) Decide(_ context.Context, s *sim.Snapshot, _ sim.Env) (sim.Plan, error) {
	m, err := w.rec.Query(telemetry.PowerW, map[string]string{telemetry.LabelCluster: sim.DefaultCluster}, s.Time-5, s.Time, 1)
	if err != nil {
		return nil, err
	}
	w.series = append(w.series, len(m))
	if len(m) > 0 {
		w.points = append(w.points, len(m[0].Values))
	}
	return nil, nil
}

// TestTelemetryReachesTheMethod: with Spec.Telemetry the method's controllers get the recorder and
// see every node's samples before the current time; recording changes no column of the result.
func TestTelemetryReachesTheMethod(t *testing.T) {
	var w *window
	reg := policy.Registry{"haf-static+window": {New: func(o policy.Options) (policy.Method, error) {
		m, err := policy.Default().New("haf-static", o)
		if o.Telemetry == nil {
			t.Error("no recorder in policy.Options")
		}
		w = &window{rec: o.Telemetry}
		m.Controllers = append(m.Controllers, sim.ControllerSpec{Controller: w, Period: 5})
		return m, err
	}}}
	spec := study.Spec{Scenario: scenario.Default(), Method: "haf-static+window", Registry: reg, Seed: 4, Requests: 300,
		Telemetry: &telemetry.Options{Step: 1}}
	got, err := study.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.series) < 2 {
		t.Fatalf("the controller was called %d times", len(w.series))
	}
	for k := range w.series {
		// At t = 5(k+1): evaluation times t−5 … t, samples every second up to t − 1 (the sample at t
		// follows the events at t, this call among them): 6 points, 5 at the first call (none at 0).
		if want := min(k+5, 6); w.series[k] != 6 || w.points[k] != want {
			t.Errorf("call %d: %d series with %d points, want 6 nodes with %d", k, w.series[k], w.points[k], want)
		}
	}
	if got.Requests != 300 {
		t.Errorf("%d requests", got.Requests)
	}
	// Recording changes nothing: haf-static with and without it.
	spec.Registry, spec.Method = nil, "haf-static"
	with, err := study.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	spec.Telemetry = nil
	without, err := study.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	with.WallS, without.WallS = 0, 0
	if !reflect.DeepEqual(nanFree(with), nanFree(without)) {
		t.Errorf("with telemetry %+v\nwithout %+v", with, without)
	}
}

// nanFree returns r's JSON, where NaN is null, so that equal results compare equal.
func nanFree(r study.Result) string {
	b, err := r.MarshalJSON()
	if err != nil {
		panic(err)
	}
	return string(b)
}

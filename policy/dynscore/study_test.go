package dynscore_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// TestStudy runs the registered method through study.Run on the paper scenario with telemetry (the
// scores come from the run's recorder) and a scenario's sections through DynamicScoringFactory; two
// runs with the same seed give the same summary.
func TestStudy(t *testing.T) {
	spec := study.Spec{Scenario: scenario.Default(), Method: policy.MethodDynamicScoring, Seed: 2, Requests: 600,
		Telemetry: &telemetry.Options{Step: 1}}
	a, err := study.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	b, err := study.Run(context.Background(), spec)
	if err != nil {
		t.Fatal(err)
	}
	a.WallS, b.WallS = 0, 0
	if a.Requests != 600 || a.Rejected != 0 || fmt.Sprintf("%+v", a) != fmt.Sprintf("%+v", b) {
		t.Errorf("runs differ or reject: %v\n%v", a, b)
	}

	sc, err := scenario.Parse(strings.NewReader(scenarioFile), "dyn.json")
	if err != nil {
		t.Fatal(err)
	}
	built, err := sc.Build(scenario.BuildOptions{Requests: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer built.Close()
	o, err := sc.DynamicScoringOptions(built)
	if err != nil {
		t.Fatal(err)
	}
	reg := policy.Registry{policy.MethodDynamicScoring: {New: policy.DynamicScoringFactory(o), Summary: "scenario's"}}
	r, err := study.Run(context.Background(), study.Spec{Scenario: sc, Method: policy.MethodDynamicScoring, Registry: reg, Seed: 1,
		Requests: 400, Telemetry: &telemetry.Options{Step: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if r.ReplicasAdded != 2 || r.Rejected != 0 {
		t.Errorf("%d replicas added, %d rejected", r.ReplicasAdded, r.Rejected)
	}
}

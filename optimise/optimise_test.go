package optimise_test

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/airansim/airansim/optimise"
	"github.com/airansim/airansim/scenario"
)

// TestOptimiseObjectives decides the AITRAS blog's intent — deploy the LLM endpoint on two MIG
// instances — for both objectives: performance takes the H100's 4g.40gb + 3g.40gb (all 7 compute
// slices), power the layout of least peak power that holds two LLM replicas (two 1g.20gb), meets
// fewer requests and uses less energy; both plans make the layout compliant before the replicas
// appear on it.
func TestOptimiseObjectives(t *testing.T) {
	ctx := context.Background()
	sc := scenario.AITRAS()
	in := optimise.Intent{CapW: 1400, Services: []string{"llm"}, Requests: 4000}
	in.Objective = optimise.Performance
	perf, err := optimise.Optimise(ctx, sc, in)
	if err != nil {
		t.Fatal(err)
	}
	in.Objective = optimise.Power
	pow, err := optimise.Optimise(ctx, sc, in)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d      optimise.Decision
		layout string
	}{{perf, "4g.40gb@0,3g.40gb@4"}, {pow, "1g.20gb@"}} {
		if !c.d.Feasible || !strings.HasPrefix(c.d.Layouts["h100-0"], c.layout) {
			t.Errorf("%s: feasible %v (%s), h100-0 layout %q, want %s…", c.d.Objective, c.d.Feasible, c.d.Reason, c.d.Layouts["h100-0"], c.layout)
		}
		if len(c.d.Replicas["llm"]) != 3 {
			t.Errorf("%s: llm replicas %v, want the bootstrap one and two on h100-0", c.d.Objective, c.d.Replicas["llm"])
		}
		layoutAt, deployAt := -1.0, -1.0
		for _, s := range c.d.Plan {
			if s.Kind == "layout" && s.GPU == "h100-0" && layoutAt < 0 {
				layoutAt = s.TimeS
			}
			if s.Kind == "replicas" && s.Service == "llm" && deployAt < 0 {
				deployAt = s.TimeS
			}
		}
		if layoutAt < 0 || deployAt < layoutAt {
			t.Errorf("%s: plan %+v: want the layout compliant (at %g s) before the replicas (at %g s)", c.d.Objective, c.d.Plan, layoutAt, deployAt)
		}
	}
	if perf.Predicted.Overall <= pow.Predicted.Overall || perf.Predicted.EnergyJ <= pow.Predicted.EnergyJ {
		t.Errorf("performance %+v vs power %+v: want more fulfillment and more energy", perf.Predicted, pow.Predicted)
	}
	if perf.Predicted.PeakWMax <= in.CapW {
		t.Errorf("performance peak %g W: want it over the %g W cap (the cap is not enforced)", perf.Predicted.PeakWMax, in.CapW)
	}
	t.Logf("performance %+v\npower %+v", perf, pow)
}

// TestOptimiseRefuses: a cap no layout fits is an infeasible decision with its reason; bad intents
// are errors.
func TestOptimiseRefuses(t *testing.T) {
	ctx := context.Background()
	d, err := optimise.Optimise(ctx, scenario.AITRAS(), optimise.Intent{Objective: optimise.Power, CapW: 1100, Services: []string{"llm"}, Requests: 2000})
	if err != nil {
		t.Fatal(err)
	}
	if d.Feasible || !strings.Contains(d.Reason, "1100 W") {
		t.Errorf("cap 1100 W: feasible %v, reason %q", d.Feasible, d.Reason)
	}
	for _, in := range []optimise.Intent{{Objective: "fast"}, {Objective: optimise.Power}, {Objective: optimise.Performance, CapW: -1},
		{Objective: optimise.Performance, Load: -1}} {
		if _, err := optimise.Optimise(ctx, scenario.AITRAS(), in); !errors.Is(err, optimise.ErrIntent) {
			t.Errorf("%+v: %v, want ErrIntent", in, err)
		}
	}
	if _, err := optimise.Optimise(ctx, scenario.AITRAS(), optimise.Intent{Objective: optimise.Performance, Services: []string{"du-0"}}); err == nil {
		t.Error("deploying a DU accepted")
	}
}

// TestToolSchema: the tool description is JSON whose input properties are exactly Intent's JSON keys
// and whose output properties (and predicted's) are exactly Decision's, and a decision's JSON has
// every required key.
func TestToolSchema(t *testing.T) {
	var tool struct {
		Name        string
		InputSchema struct {
			Properties map[string]json.RawMessage
		} `json:"inputSchema"`
		OutputSchema struct {
			Properties map[string]json.RawMessage
			Required   []string
		} `json:"outputSchema"`
	}
	if err := json.Unmarshal(optimise.Tool(), &tool); err != nil || tool.Name != "optimise" {
		t.Fatal(tool.Name, err)
	}
	keysOf := func(v any) []string {
		var out []string
		for i := range reflect.TypeOf(v).NumField() {
			out = append(out, strings.Split(reflect.TypeOf(v).Field(i).Tag.Get("json"), ",")[0])
		}
		sort.Strings(out)
		return out
	}
	mapKeys := func(m map[string]json.RawMessage) []string {
		var out []string
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	if a, b := keysOf(optimise.Intent{}), mapKeys(tool.InputSchema.Properties); !reflect.DeepEqual(a, b) {
		t.Errorf("Intent keys %v, input schema %v", a, b)
	}
	if a, b := keysOf(optimise.Decision{}), mapKeys(tool.OutputSchema.Properties); !reflect.DeepEqual(a, b) {
		t.Errorf("Decision keys %v, output schema %v", a, b)
	}
	var pred struct{ Properties map[string]json.RawMessage }
	json.Unmarshal(tool.OutputSchema.Properties["predicted"], &pred)
	if a, b := keysOf(optimise.Predicted{}), mapKeys(pred.Properties); !reflect.DeepEqual(a, b) {
		t.Errorf("Predicted keys %v, schema %v", a, b)
	}
	var step struct {
		Items struct{ Properties map[string]json.RawMessage }
	}
	json.Unmarshal(tool.OutputSchema.Properties["plan"], &step)
	if a, b := keysOf(optimise.Step{}), mapKeys(step.Items.Properties); !reflect.DeepEqual(a, b) {
		t.Errorf("Step keys %v, schema %v", a, b)
	}
	b, _ := json.Marshal(optimise.Decision{})
	var got map[string]json.RawMessage
	json.Unmarshal(b, &got)
	for _, k := range tool.OutputSchema.Required {
		if _, ok := got[k]; !ok {
			t.Errorf("a decision's JSON lacks required %q", k)
		}
	}
}

package dynscore_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
	"github.com/airansim/airansim/telemetry"
)

// scenarioFile has an H100 gpu1 in layout 3g.40gb@0 holding a small model, an LLM on the host, and
// the method's sections: power-cap mode under 900 W, the LLM deployed on two MIG instances.
const scenarioFile = `{"name":"dyn","epoch_s":5,"nodes":[
 {"name":"host","gpu_tflops":100,"vram_gb":80,"cpu_cores":32},
 {"name":"gpu1","gpu_tflops":70,"vram_gb":80,"cpu_cores":14,"mig":{"model":"H100-80GB","layout":["3g.40gb@0"],"reconfigure_delay_s":2}}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["host"]},
 {"name":"cu","category":"cu-up","weights_gb":0,"nodes":["host"]},
 {"name":"llm","category":"large-ai","weights_gb":30,"nodes":["host"]},
 {"name":"small","category":"small-ai","weights_gb":1,"nodes":["gpu1/0"]}],
"cells":[{"name":"c","du":"du","cu_up":"cu"}],"workload":{},
"scoring":{"scorers":[{"name":"spare-capacity","range":30}]},
"dynamic_scoring":{"power_cap_w":900,"mode":"power-cap","stable_s":5,
 "deployments":[{"service":"llm","replicas":2}]}}`

// TestScenarioRun builds the scenario, hands the method its sections (DynamicScoringOptions) and the
// run's telemetry, and runs it with the engine's invariants checked after every event: the LLM gets
// its two MIG instances on the lowest-power layout that holds them, 3g.40gb@0 + 3g.40gb@4.
func TestScenarioRun(t *testing.T) {
	sc, err := scenario.Parse(strings.NewReader(scenarioFile), "dyn.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(scenario.BuildOptions{Requests: 400, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	o, err := sc.DynamicScoringOptions(b)
	if err != nil {
		t.Fatal(err)
	}
	cfg := b.Config
	rec, err := telemetry.New(&cfg, telemetry.Options{Step: 1, Power: b.Power})
	if err != nil {
		t.Fatal(err)
	}
	o.Telemetry = rec
	c, err := dynscore.New(o)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Controllers, cfg.Allocator = []sim.ControllerSpec{c.Spec()}, allocator.HAF{}
	rec.Install(&cfg)
	s, st := simtest.RunChecked(t, cfg)
	g := b.MIG[0].GPU
	if l, ok := g.Observed(s.Snapshot()); !ok || l.String() != "3g.40gb@0,3g.40gb@4" {
		t.Errorf("layout %v %v", l, ok)
	}
	llm := slices.Index(b.Services, "llm")
	on := 0
	for _, v := range s.Snapshot().Instances {
		if _, ok := g.Slot(v.Node); ok && v.Service == llm && v.State != sim.StateRetired {
			on++
		}
	}
	if on != 2 || st.Added != 2 || st.Rejected != 0 || st.Reconfigurations != 1 {
		t.Errorf("%d LLM replicas on the GPU, %d added, %d reconfigurations, rejections %s", on, st.Added, st.Reconfigurations, st.RejectionSummary())
	}
	for _, e := range c.Epochs() {
		if e.Mode != dynscore.ModePowerCap || e.PeakW > 900 {
			t.Errorf("epoch %+v", e)
		}
	}
}

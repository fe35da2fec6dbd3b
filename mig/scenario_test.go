package mig_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/sim/simtest"
)

// migFile is a scenario with a host node (the cell, a small model) and an H100 MIG GPU gpu1 in
// layout 4g.40gb@0 + 3g.40gb@4 holding an LLM on gpu1/0.
const migFile = `{"name":"mig","nodes":[
 {"name":"host","gpu_tflops":100,"vram_gb":80,"cpu_cores":32},
 {"name":"gpu1","gpu_tflops":70,"vram_gb":80,"cpu_cores":14,
  "mig":{"model":"H100-80GB","layout":["4g.40gb@0","3g.40gb@4"],"reconfigure_delay_s":2}}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["host"]},
 {"name":"cu","category":"cu-up","weights_gb":0,"nodes":["host"]},
 {"name":"llm","category":"large-ai","weights_gb":30,"nodes":["gpu1/0"]},
 {"name":"small","category":"small-ai","weights_gb":1,"nodes":["host"]}],
"cells":[{"name":"c","du":"du","cu_up":"cu"}],"workload":{}}`

// TestScenarioSequence builds the MIG scenario and runs an ordered plan on its GPU (two 3g.40gb, then
// an LLM replica on each) on the scenario's own workload, checking the engine's invariants after
// every event and that the plan deploys.
func TestScenarioSequence(t *testing.T) {
	sc, err := scenario.Parse(strings.NewReader(migFile), "mig.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(scenario.BuildOptions{Requests: 300, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	g := b.MIG[0].GPU
	at := func(name string) int { return slices.Index(b.Nodes, name) }
	seq, err := mig.NewSequence(g, mustLayout(t, "3g.40gb@0", "3g.40gb@4"), 3,
		sim.Plan{sim.AddReplica{Service: 2, Node: at("gpu1/0")}, sim.AddReplica{Service: 2, Node: at("gpu1/4")}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := b.Config
	cfg.Allocator = fair{}
	cfg.Controllers = []sim.ControllerSpec{{Controller: &mig.Controller{Sequences: []*mig.Sequence{seq}}, Period: 1}}
	s, st := simtest.RunChecked(t, cfg)
	if seq.Phase() != mig.Deployed || st.Added != 2 || st.Reconfigurations != 1 || st.ReconfigureNodeS != 2 {
		t.Fatalf("phase %v, %d added, %d reconfigurations (%g node·s), rejections %s", seq.Phase(), st.Added, st.Reconfigurations, st.ReconfigureNodeS, st.RejectionSummary())
	}
	if l, ok := g.Observed(s.Snapshot()); !ok || l.String() != "3g.40gb@0,3g.40gb@4" {
		t.Fatalf("final layout %v %v", l, ok)
	}
}

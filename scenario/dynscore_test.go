package scenario_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/placement"
	"github.com/airansim/airansim/scenario"
)

// dynFile is a MIG scenario (an H100 gpu1 in layout 3g.40gb@0 holding a small model, an LLM on the
// host) with the scoring and dynamic_scoring sections given by sections (JSON members, may be empty).
func dynFile(sections string) string {
	if sections != "" {
		sections = "," + sections
	}
	return `{"name":"dyn","nodes":[
 {"name":"host","gpu_tflops":100,"vram_gb":80,"cpu_cores":32},
 {"name":"gpu1","gpu_tflops":70,"vram_gb":80,"cpu_cores":14,"mig":{"model":"H100-80GB","layout":["3g.40gb@0"],"reconfigure_delay_s":2}}],
"services":[{"name":"du","category":"du","weights_gb":1,"nodes":["host"]},
 {"name":"cu","category":"cu-up","weights_gb":0,"nodes":["host"]},
 {"name":"llm","category":"large-ai","weights_gb":30,"nodes":["host"]},
 {"name":"small","category":"small-ai","weights_gb":1,"nodes":["gpu1/0"]}],
"cells":[{"name":"c","du":"du","cu_up":"cu"}],"workload":{}` + sections + `}`
}

const dynSections = `"scoring": {"scorers": [{"name": "spare-capacity", "interval": 5, "range": 30}], "masks": [{"clusterName": "default", "scoreName": "utilisation"}]},
"dynamic_scoring": {
 "placement": {"predicates": [{"requiredClusterSelector": {"labelSelector": {"matchLabels": {"gpu": "true"}}}}],
   "prioritizerPolicy": {"mode": "Exact", "configurations": [
     {"scoreCoordinate": {"type": "AddOn", "addOn": {"resourceName": "spare_capacity", "scoreName": "${node}"}}, "weight": -2},
     {"scoreCoordinate": {"builtIn": "Steady"}}]}},
 "power_cap_w": 900, "mode": "power-cap", "cap_policy": "max-compute", "stable_s": 10, "max_moves": 2,
 "deployments": [{"service": "llm", "replicas": 2, "at_s": 5, "layouts": [["3g.40gb@0", "3g.40gb@4"], ["4g.40gb@0", "3g.40gb@4"]]}]}`

// TestDynamicScoringSection: the sections parse into the method's options (OCM's Placement JSON: an
// absent weight is 1; services by name; layouts parsed; the MIG GPU and power models of the run).
func TestDynamicScoringSection(t *testing.T) {
	sc, err := scenario.Parse(strings.NewReader(dynFile(dynSections)), "dyn.json")
	if err != nil {
		t.Fatal(err)
	}
	b, err := sc.Build(scenario.BuildOptions{Requests: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	o, err := sc.DynamicScoringOptions(b)
	if err != nil {
		t.Fatal(err)
	}
	p := o.Placement
	if p == nil || p.Prioritizers.Mode != placement.Exact || len(p.Prioritizers.Configurations) != 2 ||
		p.Prioritizers.Configurations[0].Weight != -2 || p.Prioritizers.Configurations[1].Weight != 1 ||
		p.Prioritizers.Configurations[0].Coordinate.ScoreName != "${node}" || len(p.Predicates) != 1 {
		t.Errorf("placement %+v", p)
	}
	if o.PowerCapW != 900 || o.Mode != "power-cap" || o.CapPolicy != "max-compute" || o.StableS != 10 || o.MaxMoves != 2 || len(o.GPUs) != 1 || len(o.Power) != len(b.Config.Nodes) {
		t.Errorf("options %+v", o)
	}
	if len(o.Deployments) != 1 || o.Deployments[0].Service != 2 || o.Deployments[0].Replicas != 2 || o.Deployments[0].At != 5 ||
		o.Deployments[0].Layouts[1].String() != "4g.40gb@0,3g.40gb@4" {
		t.Errorf("deployments %+v", o.Deployments)
	}
	if len(o.Scoring.Scorers) != 1 || o.Scoring.Scorers[0].Range != 30 {
		t.Errorf("scoring %+v", o.Scoring)
	}
}

// TestDynamicScoringInvalid: every malformed section is refused with the file, the key and the rule.
func TestDynamicScoringInvalid(t *testing.T) {
	cases := []struct{ sections, want string }{
		{`"scoring": {"scorers": [{"name": "utilisation", "step": 60, "range": 30}]}`, `key "step": must be ≤ range`},
		{`"scoring": {"masks": [{"clusterName": "edge", "scoreName": "utilisation"}]}`, `scoring: masks[0].clusterName: "edge" is not a cluster`},
		{`"scoring": {"rules": [{"scoreName": "x", "clusterSelector": {}}]}`, `key "clusterSelector": must hold at least one label`},
		{`"dynamic_scoring": {"placement": {"prioritizerPolicy": {"configurations": [{"scoreCoordinate": {"builtIn": "Steady"}, "weight": 11}]}}}`, "dynamic_scoring.placement: placement: weight outside [-10, 10]"},
		{`"dynamic_scoring": {"placement": {"prioritizerPolicy": {"mode": "Both"}}}`, "dynamic_scoring.placement: placement: unknown prioritizer policy mode"},
		{`"dynamic_scoring": {"placement": {"prioritizerPolicy": {"configurations": [{"scoreCoordinate": {"type": "AddOn", "addOn": {"resourceName": "r"}}}]}}}`, "dynamic_scoring.placement: configuration 0: placement: invalid score coordinate"},
		{`"dynamic_scoring": {"cluster_placement": {"predicates": [{"requiredClusterSelector": {"claimSelector": {"matchExpressions": [{"key": "k", "operator": "In"}]}}}]}}`, "dynamic_scoring.cluster_placement: predicate 0: claim selector: placement: invalid selector"},
		{`"dynamic_scoring": {"placement": {"numberOfClusters": -1}}`, "placement: negative number of clusters"},
		{`"dynamic_scoring": {"placement": {"tolerations": []}}`, `unknown field "tolerations"`},
		{`"dynamic_scoring": {"power_cap_w": -1}`, "dynamic_scoring.power_cap_w = -1: must be finite and ≥ 0"},
		{`"dynamic_scoring": {"headroom": 0.5}`, "dynamic_scoring.headroom = 0.5: must be in [0, 0.5)"},
		{`"dynamic_scoring": {"mode": "power-cap"}`, `dynamic_scoring.mode "power-cap": needs power_cap_w > 0`},
		{`"dynamic_scoring": {"mode": "eco"}`, `dynamic_scoring.mode "eco": must be`},
		{`"dynamic_scoring": {"cap_policy": "most"}`, `dynamic_scoring.cap_policy "most": must be "min-power", "max-compute" or absent`},
		{`"dynamic_scoring": {"deployments": [{"service": "nope", "replicas": 1}]}`, `dynamic_scoring.deployments[0].service: "nope" is not a service`},
		{`"dynamic_scoring": {"deployments": [{"service": "du", "replicas": 1}]}`, `dynamic_scoring.deployments[0].service: "du" is a du service`},
		{`"dynamic_scoring": {"deployments": [{"service": "llm", "replicas": 0}]}`, "dynamic_scoring.deployments[0].replicas = 0: must be ≥ 1"},
		{`"dynamic_scoring": {"deployments": [{"service": "llm", "replicas": 2, "layouts": [["3g.40gb@0", "3g.40gb@2"]]}]}`, "dynamic_scoring.deployments[0].layouts[0]: mig: invalid layout: GPU gpu1 (H100-80GB): rule placement"},
		{`"dynamic_scoring": {"deployments": [{"service": "llm", "replicas": 2, "layouts": [["3g.40gb"]]}]}`, "layouts[0]: mig: invalid layout: GPU  (): rule syntax"},
		{`"dynamic_scoring": {"deployments": [{"service": "llm", "replicas": 2, "layouts": [["3g.40gb@0", "4g.40gb@0"]]}]}`, "rule overlap"},
	}
	for _, tc := range cases {
		_, err := scenario.Parse(strings.NewReader(dynFile(tc.sections)), "dyn.json")
		if err == nil || !errors.Is(err, scenario.ErrInvalid) || !strings.Contains(err.Error(), "dyn.json") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s:\n got %v\nwant …%s…", tc.sections, err, tc.want)
		}
	}
}

package scenario_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/airansim/airansim/policy/hautoscale"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/traces/xapp"
)

// autoscaling returns a valid "autoscaling" section for validScenario: the paper's constants, a
// combined metric, a PID, a balancer, a crash model and two tenants' deployments.
func autoscaling() map[string]any {
	return map[string]any{
		"services": []any{"ai"}, "min_replicas": 1, "max_replicas": 3, "up_cpu": 0.8, "down_cpu": 0.1, "down_hold_s": 180,
		"period_s": 15, "startup_s": 10, "cpu_max": 0.6,
		"combined":  map[string]any{"alpha": 0.5, "beta": 0.3, "gamma": 0.2, "up": 0.8, "down": 0.1, "l_max_s": 1},
		"pid":       map[string]any{"kp": 1, "ki": 0.1},
		"balancer":  map[string]any{"probe_period_s": 5, "reassoc_s": 1},
		"crash":     map[string]any{"ticks": 3, "restart_s": 10},
		"admission": "pwl",
		"tenants":   []any{map[string]any{"name": "r1", "deadline_s": 0.4}, map[string]any{"name": "r2"}},
		"deployments": []any{
			map[string]any{"tenant": "r1", "type": "kpm", "n": 41},
			map[string]any{"tenant": "r2", "type": "cpu-intensive", "n": 80, "deadline_s": 1, "pin_node": "m", "cell": "c"},
		},
	}
}

func parseWith(t *testing.T, edit func(a map[string]any)) (*scenario.Scenario, error) {
	t.Helper()
	s := validScenario()
	a := autoscaling()
	edit(a)
	s["autoscaling"] = a
	js, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return scenario.Parse(bytes.NewReader(js), "as.json")
}

// TestAutoscalingSection: a valid section loads and converts to the packages' options.
func TestAutoscalingSection(t *testing.T) {
	s, err := parseWith(t, func(map[string]any) {})
	if err != nil {
		t.Fatal(err)
	}
	a := s.Autoscaling
	r := a.Rules()
	if r.MaxReplicas != 3 || r.UpCPU != 0.8 || r.DownHold != 180 || !r.Combined || r.Alpha != 0.5 || !r.PID || r.Ki != 0.1 {
		t.Errorf("rules %+v", r)
	}
	if _, err := hautoscale.New(r); err != nil {
		t.Errorf("the rules are refused: %v", err)
	}
	if b := a.BalancerOptions(); b.Period != 5 || b.ReassocDelay != 1 {
		t.Errorf("balancer %+v", b)
	}
	if c, ok := a.CrashOptions(2); !ok || c.Ticks != 3 || c.Restart != 10 || c.Service != 2 {
		t.Errorf("crash %+v, %v", c, ok)
	}
	want := []xapp.Deployment{{Tenant: "r1", Type: "kpm", N: 41, Deadline: 0.4},
		{Tenant: "r2", Type: "cpu-intensive", N: 80, Deadline: 1, Pinned: true, Node: 1, Cell: 0}}
	if got := s.XAppDeployments(); !reflect.DeepEqual(got, want) {
		t.Errorf("deployments %+v, want %+v", got, want)
	}
	if _, err := xapp.New(xapp.Options{Deployments: s.XAppDeployments()}); err != nil {
		t.Errorf("xapp refuses the deployments: %v", err)
	}
}

// TestAutoscalingInvalid: each bad parameter is refused at load time with the file and the key.
func TestAutoscalingInvalid(t *testing.T) {
	type tree = map[string]any
	dep := func(a tree, i int) tree { return a["deployments"].([]any)[i].(tree) }
	for _, tc := range []struct {
		name string
		edit func(a tree)
		key  string
	}{
		{"max below min", func(a tree) { a["min_replicas"], a["max_replicas"] = 3, 2 }, "autoscaling.max_replicas"},
		{"negative min", func(a tree) { a["min_replicas"] = -1 }, "autoscaling.min_replicas"},
		{"up above 1", func(a tree) { a["up_cpu"] = 1.2 }, "autoscaling.up_cpu"},
		{"down negative", func(a tree) { a["down_cpu"] = -0.1 }, "autoscaling.down_cpu"},
		{"down above up", func(a tree) { a["down_cpu"] = 0.9 }, "autoscaling.down_cpu"},
		{"quantile above 1", func(a tree) { a["latency_quantile"] = 2 }, "autoscaling.latency_quantile"},
		{"negative hold", func(a tree) { a["down_hold_s"] = -180 }, "autoscaling.down_hold_s"},
		{"negative start-up", func(a tree) { a["startup_s"] = -1 }, "autoscaling.startup_s"},
		{"combined up above 1", func(a tree) { a["combined"].(tree)["up"] = 1.5 }, "autoscaling.combined.up"},
		{"negative weight", func(a tree) { a["combined"].(tree)["beta"] = -0.3 }, "autoscaling.combined.beta"},
		{"negative gain", func(a tree) { a["pid"].(tree)["kd"] = -1 }, "autoscaling.pid.kd"},
		{"negative re-association", func(a tree) { a["balancer"].(tree)["reassoc_s"] = -1 }, "autoscaling.balancer.reassoc_s"},
		{"negative restart", func(a tree) { a["crash"].(tree)["restart_s"] = -10 }, "autoscaling.crash.restart_s"},
		{"negative ticks", func(a tree) { a["crash"].(tree)["ticks"] = -3 }, "autoscaling.crash.ticks"},
		{"unknown predictor", func(a tree) { a["admission"] = "oracle" }, "autoscaling.admission"},
		{"not an AI service", func(a tree) { a["services"] = []any{"du"} }, "autoscaling.services[0]"},
		{"duplicate tenant", func(a tree) { a["tenants"] = append(a["tenants"].([]any), tree{"name": "r1"}) }, "autoscaling.tenants[2]"},
		{"unknown tenant", func(a tree) { dep(a, 1)["tenant"] = "r9" }, "autoscaling.deployments[1]: tenant \"r9\""},
		{"unknown type", func(a tree) { dep(a, 0)["type"] = "dqn" }, "autoscaling.deployments[0]: type"},
		{"no instance", func(a tree) { dep(a, 0)["n"] = 0 }, "autoscaling.deployments[0]: n"},
		{"negative deadline", func(a tree) { dep(a, 0)["deadline_s"] = -1 }, "autoscaling.deployments[0]: deadline_s"},
		{"unknown pin node", func(a tree) { dep(a, 1)["pin_node"] = "z" }, "autoscaling.deployments[1]: pin_node"},
		{"unknown cell", func(a tree) { dep(a, 1)["cell"] = "z" }, "autoscaling.deployments[1]: cell"},
		{"unknown key", func(a tree) { a["max_pods"] = 3 }, "max_pods"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parseWith(t, tc.edit)
			wantRejected(t, err, tc.key, "as.json")
		})
	}
}

package policy_test

import (
	"context"
	"github.com/airansim/airansim/critic"
	"strings"
	"testing"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/telemetry"
)

// capture keeps the user prompts its agent is asked with.
type capture struct {
	agent.Agent
	prompts *[]string
}

func (c capture) Shortlist(ctx context.Context, q *agent.Query) (agent.Reply, error) {
	_, user := agent.Prompt(q)
	*c.prompts = append(*c.prompts, user)
	return c.Agent.Shortlist(ctx, q)
}

// TestHAFScores runs haf+scores on the AITRAS scenario with telemetry: after the first scoring
// interval (at the first epoch, 5 s) the prompt carries the Scores table (every node of both clusters, the power forecast per
// cluster) before the reply instruction; with the in-process heuristic agent, which reads no notes,
// and haf's critic (Options.Critic) every outcome equals haf's.
func TestHAFScores(t *testing.T) {
	var prompts []string
	reg := policy.Default()
	base := reg[policy.MethodHAFScores]
	reg["probe"] = policy.Entry{New: func(o policy.Options) (policy.Method, error) {
		o.Agent = capture{agent.NewHeuristic(agent.HeuristicOptions{}), &prompts}
		c, err := critic.Default()
		if err != nil {
			return policy.Method{}, err
		}
		o.Critic = c
		return base.New(o)
	}}
	run := func(method string) study.Result {
		r, err := study.Run(context.Background(), study.Spec{Scenario: scenario.AITRAS(), Method: method, Registry: reg,
			Seed: 1, Requests: 2000, Load: 0.6, Telemetry: &telemetry.Options{Step: 1}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	got, want := run("probe"), run(policy.MethodHAF)
	if len(prompts) < 3 {
		t.Fatalf("%d prompts", len(prompts))
	}
	p := prompts[2]
	i, j := strings.Index(p, "Scores ("), strings.Index(p, "Reply with JSON")
	if i < 0 || j < i {
		t.Fatalf("epoch 3 prompt lacks the Scores table before the reply line:\n%s", p)
	}
	for _, want := range []string{"cluster | node or score | utilisation | spare_capacity | throughput_per_watt | power_forecast",
		"edge-a | h100-0/0 | ", "edge-b | a100-0/2 | ", "edge-a | power_forecast | - | - | - | ", "edge-b | cpu-0 | "} {
		if !strings.Contains(p[i:j], want) {
			t.Errorf("Scores table lacks %q:\n%s", want, p[i:j])
		}
	}
	if got.Overall != want.Overall || got.AI != want.AI || got.RAN != want.RAN || got.EnergyJ != want.EnergyJ || got.MigrationsTotal != want.MigrationsTotal {
		t.Errorf("haf+scores with the heuristic agent %+v differs from haf %+v", got, want)
	}
}

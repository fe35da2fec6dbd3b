package study

import (
	"fmt"
	"strings"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/sim"
)

// agentUsers are the methods whose results depend on the agent.
var agentUsers = map[string]bool{policy.MethodHAF: true, policy.MethodHAFNoCritic: true, policy.MethodHAFHPA: true}

// agentLabel is the "agent" column: the agent spec for methods that use one, empty otherwise.
func agentLabel(spec Spec) string {
	if !agentUsers[spec.Method] {
		return ""
	}
	if spec.Agent.Spec == "" {
		return "heuristic"
	}
	return spec.Agent.Spec
}

// addReport copies the counters of the first HAF controller into r.
func addReport(r *Result, cs []sim.ControllerSpec) {
	var hp *haf.Policy
	for _, c := range cs {
		if p, ok := c.Controller.(*haf.Policy); ok {
			hp = p
			break
		}
	}
	if hp == nil {
		return
	}
	rep, fb := hp.Report()
	r.AgentEpochs, r.CriticVetoes = rep.Epochs, rep.Vetoed
	r.FallbackReasons = reasons(fb)
	for _, c := range fb {
		r.AgentFallbacks += c.N
	}
	if rep.Epochs > 0 {
		r.DecisionMS = Frac(float64(rep.DecisionLatency.Microseconds()) / 1e3 / float64(rep.Epochs))
		r.PromptTokens = Frac(float64(rep.PromptTokens) / float64(rep.Epochs))
	}
}

func reasons(fb []agent.Count) string {
	parts := make([]string, len(fb))
	for i, c := range fb {
		parts[i] = fmt.Sprintf("%s=%d", c.Reason, c.N)
	}
	return strings.Join(parts, ";")
}

package agentflag

import (
	"os"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/agent"
)

// Flags are the agent flags of one command.
type Flags struct {
	Spec    string        `json:"agent"`
	Host    string        `json:"ollama_host"`
	Think   bool          `json:"think"`
	Timeout time.Duration `json:"agent_timeout"`
	Charge  bool          `json:"charge_decision_latency"`
}

// Register declares --agent, --ollama-host, --think, --agent-timeout and --charge-decision-latency
// on fs. The host defaults to $OLLAMA_HOST, else Ollama's local default.
func Register(fs *pflag.FlagSet, f *Flags) {
	host := os.Getenv("OLLAMA_HOST")
	if host == "" {
		host = agent.DefaultOllamaHost
	}
	fs.StringVar(&f.Spec, "agent", "heuristic", "placement agent of haf and haf-nocritic: "+agent.Specs+
		"; LLM and replay answers that are unusable fall back to the heuristic and are counted")
	fs.StringVar(&f.Host, "ollama-host", host, "Ollama server URL (default from $OLLAMA_HOST)")
	fs.BoolVar(&f.Think, "think", false, "let thinking models think before answering (slower; off as in the paper)")
	fs.DurationVar(&f.Timeout, "agent-timeout", 60*time.Second, "limit on each LLM call; a timeout falls back to the heuristic")
	fs.BoolVar(&f.Charge, "charge-decision-latency", false, "apply each placement only after the agent's measured latency, in simulated time")
}

// Config returns the agent configuration of f.
func (f Flags) Config() agent.Config {
	return agent.Config{Spec: f.Spec, OllamaHost: f.Host, Think: f.Think, Timeout: f.Timeout}
}

package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/agent"
	"github.com/airansim/airansim/internal/cli"
)

// quickRequests is the request count of --quick.
const quickRequests = 1500

// config holds the command line; it is written to config.json.
type config struct {
	Agents         []string      `json:"agents"`
	Load           float64       `json:"load"`
	Seeds          int           `json:"seeds"`
	Seed           uint64        `json:"seed"`
	Requests       int           `json:"requests"`
	Trace          string        `json:"trace"`
	Scenario       string        `json:"scenario"`
	Profile        string        `json:"profile"`
	Out            string        `json:"out"`
	Quick          bool          `json:"quick"`
	Resume         bool          `json:"resume"`
	Rerun          bool          `json:"rerun_stale"`
	Parallel       int           `json:"parallel"`
	OllamaParallel int           `json:"ollama_parallel"`
	OllamaHost     string        `json:"ollama_host"`
	Think          bool          `json:"think"`
	AgentTimeout   time.Duration `json:"agent_timeout"`
	Charge         bool          `json:"charge_decision_latency"`
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("ablation", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	host := os.Getenv("OLLAMA_HOST")
	if host == "" {
		host = agent.DefaultOllamaHost
	}
	fs.StringSliceVar(&c.Agents, "agents", []string{"heuristic", "random"}, "placement agents to compare (comma list of: "+agent.Specs+
		"); each runs with haf (critic) and haf-nocritic. LLM and replay answers that are unusable fall back to the heuristic and are counted")
	fs.Float64Var(&c.Load, "load", 1, "load ρ = λ·W̄/G_AI of every run (the paper's Table II: 1)")
	fs.IntVar(&c.Seeds, "seeds", 1, "seeds per (agent, method); tables show the mean (± 95 % CI half-width with ≥ 2)")
	fs.Uint64Var(&c.Seed, "seed", 1, "first seed; runs use seed, seed+1, …")
	fs.IntVar(&c.Requests, "requests", 0, "total requests per run (AI + RAN); 0: the scenario's count at --load (20000 for the paper)")
	fs.StringVar(&c.Trace, "trace", "", "Azure LLM trace (CSV or parquet) replacing the embedded workload model")
	fs.StringVar(&c.Scenario, "scenario", "", "scenario file (docs/scenario.md); empty: the paper's Table I scenario, embedded")
	fs.StringVar(&c.Profile, "profile", "", "calibration profile (docs/profile.md) overriding the scenario's cost model")
	fs.StringVar(&c.Out, "out", "out/ablation", "output directory for ablation.csv, ablation.md, config.json and runs/")
	fs.BoolVar(&c.Quick, "quick", false, fmt.Sprintf("a small smoke run: %d requests, one seed (unless --requests/--seeds are given)", quickRequests))
	fs.BoolVar(&c.Resume, "resume", false, "skip runs already stored in OUT/runs with the same inputs (after an interruption); a stored run whose inputs changed is an error")
	fs.BoolVar(&c.Rerun, "rerun-stale", false, "like --resume, but run again the stored runs whose inputs changed (scenario, requests, trace, profile, agent, code revision, …)")
	fs.IntVar(&c.Parallel, "parallel", 0, "runs at once; 0: one per CPU")
	fs.IntVar(&c.OllamaParallel, "ollama-parallel", 1, "ollama:<model> runs at once, within --parallel (they share one Ollama server, and contention inflates decision latency and causes timeouts)")
	fs.StringVar(&c.OllamaHost, "ollama-host", host, "Ollama server URL for ollama:<model> agents ($OLLAMA_HOST when set)")
	fs.BoolVar(&c.Think, "think", false, "let thinking models think before answering (slower; off as in the paper)")
	fs.DurationVar(&c.AgentTimeout, "agent-timeout", 60*time.Second, "limit on each LLM call; a timeout falls back to the heuristic")
	fs.BoolVar(&c.Charge, "charge-decision-latency", false, "apply each placement only after the agent's measured latency, in simulated time")
	fs.Usage = func() {
		fmt.Fprintf(stderr, `Usage: go run ./experiments/ablation [flags]

Runs the paper's critic ablation (Table II): for each agent of --agents, HAF with the critic (haf) and
without it (haf-nocritic) at --load for --seeds seeds, plus the agent-independent reference rows lookahead
(greedy one-interval lookahead over exact rollouts, not a bound) and haf-static (no placement). Writes
ablation.csv (one row per run), ablation.md (Table II layout with the paper's rows) and config.json to
--out; finished runs are stored in --out/runs, so --resume continues an interrupted ablation
(refusing stored runs whose inputs changed; --rerun-stale runs them again).

Flags:
%s`, fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return c, c.check(fs)
}

func (c *config) check(fs *pflag.FlagSet) error {
	if c.Quick {
		if !fs.Changed("requests") {
			c.Requests = quickRequests
		}
		if !fs.Changed("seeds") {
			c.Seeds = 1
		}
	}
	switch {
	case c.Seeds < 1:
		return cli.Usagef("--seeds must be ≥ 1, not %d", c.Seeds)
	case c.Requests < 0 || c.Parallel < 0:
		return cli.Usagef("--requests and --parallel must be ≥ 0")
	case c.OllamaParallel < 1:
		return cli.Usagef("--ollama-parallel must be ≥ 1, not %d", c.OllamaParallel)
	case c.AgentTimeout < 0:
		return cli.Usagef("--agent-timeout must be ≥ 0, not %v", c.AgentTimeout)
	case !(c.Load > 0):
		return cli.Usagef("--load: %v is not > 0", c.Load)
	case len(c.Agents) == 0:
		return cli.Usagef("--agents is empty")
	}
	keys := map[string]string{}
	for i, a := range c.Agents {
		a = strings.TrimSpace(a)
		c.Agents[i] = a
		if err := checkAgent(a); err != nil {
			return cli.Usagef("--agents: %w", err)
		}
		k := safeName(a)
		if prev, dup := keys[k]; dup {
			if prev == a {
				return cli.Usagef("--agents: %q is given twice", a)
			}
			return cli.Usagef("--agents: %q and %q have the same file name %q in OUT/runs", prev, a, k)
		}
		keys[k] = a
	}
	return nil
}

// checkAgent accepts the forms of agent.Specs without building the agent (which may need a server).
func checkAgent(spec string) error {
	kind, arg, _ := strings.Cut(spec, ":")
	switch {
	case spec == "heuristic" || spec == "random":
		return nil
	case (kind == "ollama" || kind == "replay") && arg != "":
		return nil
	}
	return fmt.Errorf("unknown agent %q (known: %s)", spec, agent.Specs)
}

// agentConfig returns the agent configuration of spec under c's agent flags.
func (c *config) agentConfig(spec string) agent.Config {
	return agent.Config{Spec: spec, OllamaHost: c.OllamaHost, Think: c.Think, Timeout: c.AgentTimeout}
}

// isOllama reports whether spec asks an Ollama server.
func isOllama(spec string) bool { return strings.HasPrefix(spec, "ollama:") }

// safeName makes an agent spec usable in a job key (a file name): ':', '/', '\\', spaces and control
// characters become '-'.
func safeName(spec string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == ':' || r == '/' || r == '\\' || r == ' ' || r == '\t' || r < 0x20 || r == 0x7f:
			return '-'
		}
		return r
	}, spec)
}

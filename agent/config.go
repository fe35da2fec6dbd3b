package agent

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
)

// Config selects and configures an agent from a command-line spec. The zero value is the heuristic.
type Config struct {
	Spec       string        // "heuristic" (default), "random", "ollama:<model>" or "replay:<file>"
	Seed       uint64        // seed of the random agent
	OllamaHost string        // Ollama server URL; "": DefaultOllamaHost
	Think      bool          // ollama: let thinking models think (off by default)
	Timeout    time.Duration // ollama: per-call timeout; 0: 60 s
	Record     io.Writer     // if set, every answer of an LLM or replay agent is recorded here (JSON Lines)
}

// Specs lists the accepted agent specs, for help texts.
const Specs = "heuristic, random, ollama:<model> (e.g. ollama:qwen3:32b), replay:<file>"

// Build returns the agent of c. LLM and replay agents are wrapped so that any failure falls back to
// the heuristic and is counted (Fallback); an Ollama model is checked once here, before the run.
func (c Config) Build(ctx context.Context) (Agent, error) {
	spec := c.Spec
	if spec == "" {
		spec = "heuristic"
	}
	heuristic := NewHeuristic(HeuristicOptions{})
	var primary Agent
	switch kind, arg, _ := strings.Cut(spec, ":"); {
	case spec == "heuristic":
		return heuristic, nil
	case spec == "random":
		return NewRandom(c.Seed), nil
	case kind == "ollama" && arg != "":
		o, err := NewOllama(OllamaOptions{Host: c.OllamaHost, Model: arg, Think: c.Think, Timeout: c.Timeout})
		if err != nil {
			return nil, err
		}
		if err := o.Check(ctx); err != nil {
			return nil, err
		}
		primary = o
	case kind == "replay" && arg != "":
		r, err := OpenReplay(arg)
		if err != nil {
			return nil, err
		}
		primary = r
	default:
		return nil, fmt.Errorf("agent: unknown agent %q (known: %s)", spec, Specs)
	}
	if c.Record != nil {
		primary = NewRecorder(primary, c.Record)
	}
	return NewFallback(primary, heuristic), nil
}

package scoring

import (
	"context"
	"math"
	"strings"

	"github.com/airansim/airansim/telemetry"
)

// Source types of SourceConfig.Type, as the addon spells them (pkg/common/types.go, SourceType).
const (
	SourcePrometheus = "Prometheus" // The scorer wants a range window of the metrics in Query.
	SourceNone       = "None"       // The scorer takes no input; it is called with "data": null.
)

// DefaultScoringPath is the scoring endpoint's path when Config.Scoring.Path is empty.
const DefaultScoringPath = "/scoring"

// Config is a scorer's self-declared configuration, the JSON its GET /config answers. Field names and
// JSON keys follow the addon's common.Config (pkg/common/types.go); the times are seconds as float64
// where the addon has int, so whole numbers are written exactly as the addon writes them.
type Config struct {
	Name        string        `json:"name"`        // Scorer name, e.g. "utilisation-scorer".
	Description string        `json:"description"` // One line for humans.
	Source      SourceConfig  `json:"source"`      // What input the scorer wants.
	Scoring     ScoringConfig `json:"scoring"`     // Where and how often to call it.
}

// SourceConfig declares the scorer's input: the addon's common.SourceConfig.
type SourceConfig struct {
	Type   string       `json:"type,omitempty"` // SourcePrometheus or SourceNone (case-insensitive); empty: SourcePrometheus.
	Host   string       `json:"host,omitempty"` // Prometheus URL in the addon; unused by the simulator.
	Path   string       `json:"path"`           // "/api/v1/query_range" in the addon; unused by the simulator.
	Params SourceParams `json:"params"`         // Query and window.
}

// SourceParams is the range query: the addon's common.SourceParams.
type SourceParams struct {
	// Query names the metrics, separated by ";" as the addon's agent splits it (one query_range call
	// per part, results concatenated). In the simulator each part is a telemetry metric name.
	Query string  `json:"query"`
	Range float64 `json:"range"` // Window length, s: the window is [now − Range, now].
	Step  float64 `json:"step"`  // Resolution of the window, s.
}

// ScoringConfig declares the scoring endpoint: the addon's common.ScoringConfig.
type ScoringConfig struct {
	Host   string        `json:"host,omitempty"` // Scoring host; empty: the host of the config URL.
	Path   string        `json:"path"`           // Scoring path; empty: DefaultScoringPath.
	Params ScoringParams `json:"params"`         // Score name and interval.
}

// ScoringParams is the addon's common.ScoringParams.
type ScoringParams struct {
	Name     string  `json:"name"`     // Score name, the key of the scores in the store (AddOnPlacementScore name).
	Interval float64 `json:"interval"` // Time between calls, s of simulated time.
}

// Result is one score of a scorer's answer: the addon agent's ScoringResult, {"metric": labels,
// "score": x}. The labels name what is scored (node, device, namespace, app, pod, container, meta).
type Result struct {
	Metric map[string]string `json:"metric"`
	Score  float64           `json:"score"`
}

// Scorer maps a metric window to scores. Score must not keep data or the results' maps after it
// returns, and for the same data must give the same results (the simulator's runs are reproducible).
type Scorer interface {
	// Config returns the scorer's declared configuration.
	Config() Config
	// Score returns the scores of a window (nil for a SourceNone scorer). Errors of kind
	// *CallError are counted by kind, any other as KindScorer.
	Score(ctx context.Context, data telemetry.Matrix) ([]Result, error)
}

// Queries returns the metric names of Params.Query, split on ";" and trimmed, empty parts dropped.
func (p SourceParams) Queries() []string {
	var out []string
	for _, q := range strings.Split(p.Query, ";") {
		if q = strings.TrimSpace(q); q != "" {
			out = append(out, q)
		}
	}
	return out
}

// sourceType returns the canonical spelling of t: SourcePrometheus, SourceNone, or "" if unknown.
// The addon's constants say "Prometheus" while its agent compares with "prometheus", so case is ignored.
func sourceType(t string) string {
	switch {
	case t == "" || strings.EqualFold(t, SourcePrometheus):
		return SourcePrometheus
	case strings.EqualFold(t, SourceNone):
		return SourceNone
	}
	return ""
}

// Validate checks c: a name, a score name, a positive interval, a known source type and, for a
// Prometheus source, a query and 0 < step ≤ range. The error is a *ConfigError naming c.Name.
func (c Config) Validate() error {
	who := "scorer " + quote(c.Name)
	if strings.TrimSpace(c.Name) == "" {
		return cfgErr("scorer \"\"", "name", "must not be empty")
	}
	if strings.TrimSpace(c.Scoring.Params.Name) == "" {
		return cfgErr(who, "scoring.params.name", "must not be empty")
	}
	if err := positive(who, "scoring.params.interval", c.Scoring.Params.Interval); err != nil {
		return err
	}
	if c.Scoring.Path != "" && !strings.HasPrefix(c.Scoring.Path, "/") {
		return cfgErr(who, "scoring.path", "must start with \"/\", got %q", c.Scoring.Path)
	}
	switch sourceType(c.Source.Type) {
	case "":
		return cfgErr(who, "source.type", "must be %q or %q, got %q", SourcePrometheus, SourceNone, c.Source.Type)
	case SourceNone:
		return nil
	}
	if len(c.Source.Params.Queries()) == 0 {
		return cfgErr(who, "source.params.query", "must name at least one metric for a %s source", SourcePrometheus)
	}
	return checkWindow(who, c.Source.Params.Range, c.Source.Params.Step)
}

// checkWindow checks 0 < step ≤ range.
func checkWindow(who string, rng, step float64) error {
	if err := positive(who, "source.params.range", rng); err != nil {
		return err
	}
	if err := positive(who, "source.params.step", step); err != nil {
		return err
	}
	if step > rng {
		return cfgErr(who, "source.params.step", "must be ≤ range (%g s), got %g", rng, step)
	}
	return nil
}

// positive checks that v is finite and > 0.
func positive(who, key string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return cfgErr(who, key, "must be a finite number > 0, got %g", v)
	}
	return nil
}

func quote(s string) string { return "\"" + s + "\"" }

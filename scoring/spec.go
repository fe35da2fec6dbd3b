package scoring

import (
	"strings"
)

// DefaultDimensionFormat is the dimension format when neither the override nor the registration sets
// one: the addon's default (internal/controller/dynamicscoringconfig_controller.go,
// getValidScoreDimentionFormat), which gives one dimension per score name. Per-node scores want "${node}".
const DefaultDimensionFormat = "${scoreName}"

// Placeholders of a dimension format, as the addon's agent maps them (pkg/dynamic_scoring_agent/agent.go):
// ${cluster} is the agent's cluster, ${scoreName} the score name, the others the result's label of
// that name ("" when absent).
var Placeholders = []string{"cluster", "node", "device", "namespace", "app", "pod", "container", "meta", "scoreName"}

// Override is an operator's change to a scorer's declared configuration (the addon's DynamicScorer
// spec fields). A zero field keeps the declared value.
type Override struct {
	Name            string  `json:"name"`                      // Config.Name of the scorer overridden.
	Interval        float64 `json:"interval,omitempty"`        // Time between calls, s; 0: declared.
	Range           float64 `json:"range,omitempty"`           // Window length, s; 0: declared.
	Step            float64 `json:"step,omitempty"`            // Window resolution, s; 0: declared.
	Validity        float64 `json:"validity,omitempty"`        // Scores stay valid this long after their call, s; 0: 2 × interval.
	DimensionFormat string  `json:"dimensionFormat,omitempty"` // e.g. "${node}"; "": DefaultDimensionFormat.
}

// Spec is a scorer's effective configuration: the declared Config with the operator's Override applied.
// Unlike the addon with configSyncMode Full, where the values synced from /config win over the
// DynamicScorer spec, the operator's override always wins here (docs/scoring-api.md).
type Spec struct {
	Name            string   // Config.Name.
	ScoreName       string   // Config.Scoring.Params.Name: the key in the store.
	SourceType      string   // SourcePrometheus or SourceNone.
	Queries         []string // Metric names of the window (nil for SourceNone).
	Range           float64  // Window length, s.
	Step            float64  // Window resolution, s.
	Interval        float64  // Time between calls, s.
	Validity        float64  // Lifetime of a call's scores, s.
	DimensionFormat string   // Format of a score's dimension.
	Scorer          Scorer   // The scorer called; set by NewSpec, nil from Resolve.
	dim             format
}

// NewSpec resolves sc's declared configuration with o and binds sc to the result.
func NewSpec(sc Scorer, o Override) (Spec, error) {
	s, err := Resolve(sc.Config(), o)
	s.Scorer = sc
	return s, err
}

// Resolve validates c, applies o (o.Name must be c.Name or empty) and validates the result. Errors
// are *ConfigError naming the scorer and key.
func Resolve(c Config, o Override) (Spec, error) {
	if err := c.Validate(); err != nil {
		return Spec{}, err
	}
	who := "scorer " + quote(c.Name)
	if o.Name != "" && o.Name != c.Name {
		return Spec{}, cfgErr(who, "name", "override is for scorer %q", o.Name)
	}
	s := Spec{
		Name: c.Name, ScoreName: c.Scoring.Params.Name, SourceType: sourceType(c.Source.Type),
		Range: c.Source.Params.Range, Step: c.Source.Params.Step, Interval: c.Scoring.Params.Interval,
		DimensionFormat: DefaultDimensionFormat,
	}
	for _, f := range []struct {
		key string
		v   float64
		dst *float64
	}{{"interval", o.Interval, &s.Interval}, {"range", o.Range, &s.Range}, {"step", o.Step, &s.Step}, {"validity", o.Validity, &s.Validity}} {
		if f.v == 0 {
			continue
		}
		if err := positive(who, f.key, f.v); err != nil {
			return Spec{}, err
		}
		*f.dst = f.v
	}
	if s.Validity == 0 {
		s.Validity = 2 * s.Interval
	}
	if s.SourceType == SourcePrometheus {
		s.Queries = c.Source.Params.Queries()
		if err := checkWindow(who, s.Range, s.Step); err != nil {
			return Spec{}, err
		}
	}
	if o.DimensionFormat != "" {
		s.DimensionFormat = o.DimensionFormat
	}
	d, err := parseFormat(s.DimensionFormat)
	if err != nil {
		return Spec{}, cfgErr(who, "dimensionFormat", "%v", err)
	}
	s.dim = d
	return s, nil
}

// format is a parsed dimension format: literal text and placeholders in order.
type format []formatPart

type formatPart struct {
	lit string // Literal text, when ph < 0.
	ph  int    // Index into Placeholders, or −1.
}

// errFormat is a dimension format error's rule text.
type errFormat string

func (e errFormat) Error() string { return string(e) }

// parseFormat splits f into literals and known placeholders; an unknown or unclosed "${" is an error.
func parseFormat(f string) (format, error) {
	var out format
	for f != "" {
		i := strings.Index(f, "${")
		if i < 0 {
			out = append(out, formatPart{lit: f, ph: -1})
			break
		}
		if i > 0 {
			out = append(out, formatPart{lit: f[:i], ph: -1})
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			return nil, errFormat("unclosed \"${\" in " + quote(f))
		}
		name := f[i+2 : i+j]
		k := indexOf(Placeholders, name)
		if k < 0 {
			return nil, errFormat("unknown placeholder \"${" + name + "}\"; known: ${" + strings.Join(Placeholders, "}, ${") + "}")
		}
		out = append(out, formatPart{ph: k})
		f = f[i+j+1:]
	}
	return out, nil
}

// render returns the dimension of a result of the agent's cluster under score name scoreName.
func (f format) render(cluster, scoreName string, labels map[string]string) string {
	if len(f) == 1 { // The common cases ("${node}", "${scoreName}") without a builder.
		return f[0].value(cluster, scoreName, labels)
	}
	var b strings.Builder
	for _, p := range f {
		b.WriteString(p.value(cluster, scoreName, labels))
	}
	return b.String()
}

func (p formatPart) value(cluster, scoreName string, labels map[string]string) string {
	switch {
	case p.ph < 0:
		return p.lit
	case Placeholders[p.ph] == "cluster":
		return cluster
	case Placeholders[p.ph] == "scoreName":
		return scoreName
	}
	return labels[Placeholders[p.ph]]
}

// renderResult is render for a built-in scorer's result, whose labels are its node and meta (each
// absent when ""): the same dimension as render of results([]result{x})[0].Metric.
func (f format) renderResult(cluster, scoreName string, x result) string {
	if len(f) == 1 {
		return f[0].resultValue(cluster, scoreName, x)
	}
	var b strings.Builder
	for _, p := range f {
		b.WriteString(p.resultValue(cluster, scoreName, x))
	}
	return b.String()
}

func (p formatPart) resultValue(cluster, scoreName string, x result) string {
	switch {
	case p.ph < 0:
		return p.lit
	case Placeholders[p.ph] == "cluster":
		return cluster
	case Placeholders[p.ph] == "scoreName":
		return scoreName
	case Placeholders[p.ph] == "node":
		return x.node
	case Placeholders[p.ph] == "meta":
		return x.meta
	}
	return ""
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

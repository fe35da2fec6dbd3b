package scoring

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
)

// Section is the scoring part of a scenario file: operator overrides of the scorers' declared
// configuration, masks and label rules. Its zero value changes nothing. Example:
//
//	{"scorers": [{"name": "utilisation", "interval": 10, "range": 60, "step": 5, "dimensionFormat": "${node}"}],
//	 "masks": [{"clusterName": "edge-2", "scoreName": "spare_capacity"}],
//	 "rules": [{"scoreName": "power_forecast", "clusterSelector": {"gpu": "true"}}]}
type Section struct {
	Scorers []Override `json:"scorers,omitempty"` // At most one per scorer name.
	Masks   []Mask     `json:"masks,omitempty"`
	Rules   []Rule     `json:"rules,omitempty"`
}

// ParseSection decodes a Section strictly (unknown keys and trailing data are errors) and validates it.
func ParseSection(data []byte) (Section, error) {
	var s Section
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return Section{}, fmt.Errorf("scoring: section: %w", err)
	}
	if dec.More() {
		return Section{}, fmt.Errorf("scoring: section: trailing data after the object")
	}
	return s, s.Validate()
}

// Validate checks every override (a name, no repeated name, times finite and ≥ 0 with step ≤ range
// when both are set, a well-formed dimension format), mask (both names set) and rule (a score name
// and a non-empty selector). Errors are *ConfigError naming the entry and key.
func (s Section) Validate() error {
	seen := map[string]bool{}
	for i, o := range s.Scorers {
		who := fmt.Sprintf("scorers[%d]", i)
		if o.Name == "" {
			return cfgErr(who, "name", "must not be empty")
		}
		who = "scorer " + quote(o.Name)
		if seen[o.Name] {
			return cfgErr(who, "name", "overridden twice")
		}
		seen[o.Name] = true
		for _, f := range []struct {
			key string
			v   float64
		}{{"interval", o.Interval}, {"range", o.Range}, {"step", o.Step}, {"validity", o.Validity}} {
			if math.IsNaN(f.v) || math.IsInf(f.v, 0) || f.v < 0 {
				return cfgErr(who, f.key, "must be a finite number ≥ 0 (0 keeps the declared value), got %g", f.v)
			}
		}
		if o.Range > 0 && o.Step > o.Range {
			return cfgErr(who, "step", "must be ≤ range (%g s), got %g", o.Range, o.Step)
		}
		if o.DimensionFormat != "" {
			if _, err := parseFormat(o.DimensionFormat); err != nil {
				return cfgErr(who, "dimensionFormat", "%v", err)
			}
		}
	}
	for i, m := range s.Masks {
		who := fmt.Sprintf("masks[%d]", i)
		if m.ClusterName == "" {
			return cfgErr(who, "clusterName", "must not be empty")
		}
		if m.ScoreName == "" {
			return cfgErr(who, "scoreName", "must not be empty")
		}
	}
	for i, r := range s.Rules {
		who := fmt.Sprintf("rules[%d]", i)
		if r.ScoreName == "" {
			return cfgErr(who, "scoreName", "must not be empty")
		}
		if len(r.ClusterSelector) == 0 {
			return cfgErr(who, "clusterSelector", "must hold at least one label")
		}
	}
	return nil
}

// Override returns the override for scorer name, or a zero Override (no change) if there is none.
func (s Section) Override(name string) Override {
	for _, o := range s.Scorers {
		if o.Name == name {
			return o
		}
	}
	return Override{}
}

// Specs resolves every scorer against the section's overrides. An override naming no scorer is an
// error (a typo would otherwise be ignored).
func (s Section) Specs(scorers []Scorer) ([]Spec, error) {
	known := map[string]bool{}
	out := make([]Spec, len(scorers))
	for i, sc := range scorers {
		c := sc.Config()
		known[c.Name] = true
		sp, err := NewSpec(sc, s.Override(c.Name))
		if err != nil {
			return nil, err
		}
		out[i] = sp
	}
	for _, o := range s.Scorers {
		if !known[o.Name] {
			return nil, cfgErr("scorer "+quote(o.Name), "name", "no such scorer")
		}
	}
	return out, nil
}

package traces

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
)

// ProfileSchemaVersion is the schema_version a calibration profile must carry.
const ProfileSchemaVersion = 1

// Profile is a calibration profile: a JSON document (schema in docs/profile.md) that overrides any
// subset of DefaultCostModel. A nil field keeps the default.
type Profile struct {
	SchemaVersion int            `json:"schema_version"`        // Must be ProfileSchemaVersion.
	Name          string         `json:"name,omitempty"`        // Free text, e.g. "h100-qwen3-14b".
	Description   string         `json:"description,omitempty"` // Free text: GPU, model, how measured.
	LargeAI       *ProfileParams `json:"large_ai,omitempty"`    // Overrides of CostModel.Large.
	SmallAI       *ProfileParams `json:"small_ai,omitempty"`    // Overrides of CostModel.Small.
	RAN           *ProfileRAN    `json:"ran,omitempty"`         // Overrides of the RAN reload times.
}

// ProfileParams overrides fields of a CostParams; each has the unit of the field it overrides.
type ProfileParams struct {
	PrefillTFLOPPerToken *float64 `json:"prefill_tflop_per_token,omitempty"`
	DecodeTFLOPPerToken  *float64 `json:"decode_tflop_per_token,omitempty"`
	CPUPerRequest        *float64 `json:"cpu_core_s_per_request,omitempty"`
	CPUPerPromptToken    *float64 `json:"cpu_core_s_per_prompt_token,omitempty"`
	CPUPerOutputToken    *float64 `json:"cpu_core_s_per_output_token,omitempty"`
	KVGBPerToken         *float64 `json:"kv_gb_per_token,omitempty"`
	KVGBPerRequest       *float64 `json:"kv_gb_per_request,omitempty"`
	KVMinGB              *float64 `json:"kv_min_gb,omitempty"`
	KVMaxGB              *float64 `json:"kv_max_gb,omitempty"`
	KVOutputTokens       *float64 `json:"kv_output_tokens,omitempty"`
	WeightsGB            *float64 `json:"weights_gb,omitempty"`
	ReloadS              *float64 `json:"reload_s,omitempty"`
}

// ProfileRAN overrides the reconfiguration times R_s of the RAN categories, s.
type ProfileRAN struct {
	DUReloadS   *float64 `json:"du_reload_s,omitempty"`
	CUUPReloadS *float64 `json:"cu_up_reload_s,omitempty"`
}

type profileField struct {
	name string
	src  *float64 // override, nil to keep
	dst  *float64 // field of the cost model
}

func (p *ProfileParams) fields(section string, dst *CostParams) []profileField {
	if p == nil {
		return nil
	}
	s := section + "."
	return []profileField{
		{s + "prefill_tflop_per_token", p.PrefillTFLOPPerToken, &dst.PrefillTFLOPPerToken},
		{s + "decode_tflop_per_token", p.DecodeTFLOPPerToken, &dst.DecodeTFLOPPerToken},
		{s + "cpu_core_s_per_request", p.CPUPerRequest, &dst.CPUPerRequest},
		{s + "cpu_core_s_per_prompt_token", p.CPUPerPromptToken, &dst.CPUPerPromptToken},
		{s + "cpu_core_s_per_output_token", p.CPUPerOutputToken, &dst.CPUPerOutputToken},
		{s + "kv_gb_per_token", p.KVGBPerToken, &dst.KVGBPerToken},
		{s + "kv_gb_per_request", p.KVGBPerRequest, &dst.KVGBPerRequest},
		{s + "kv_min_gb", p.KVMinGB, &dst.KVMinGB},
		{s + "kv_max_gb", p.KVMaxGB, &dst.KVMaxGB},
		{s + "kv_output_tokens", p.KVOutputTokens, &dst.KVOutputTokens},
		{s + "weights_gb", p.WeightsGB, &dst.WeightsGB},
		{s + "reload_s", p.ReloadS, &dst.ReloadS},
	}
}

func (p *Profile) fields(dst *CostModel) []profileField {
	f := append(p.LargeAI.fields("large_ai", &dst.Large), p.SmallAI.fields("small_ai", &dst.Small)...)
	if p.RAN != nil {
		f = append(f, profileField{"ran.du_reload_s", p.RAN.DUReloadS, &dst.DUReloadS},
			profileField{"ran.cu_up_reload_s", p.RAN.CUUPReloadS, &dst.CUUPReloadS})
	}
	return f
}

// Validate checks the schema version and that every given value is finite and ≥ 0; the error
// names the offending field, e.g. "large_ai.kv_gb_per_token".
func (p *Profile) Validate() error {
	if p.SchemaVersion != ProfileSchemaVersion {
		return fmt.Errorf("traces: profile: schema_version is %d, want %d", p.SchemaVersion, ProfileSchemaVersion)
	}
	var scratch CostModel
	for _, f := range p.fields(&scratch) {
		if f.src == nil {
			continue
		}
		if v := *f.src; math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("traces: profile: %s is %v, want a finite value ≥ 0", f.name, v)
		}
	}
	for _, c := range []struct {
		name string
		got  CostParams
	}{{"large_ai", p.Apply(scratch).Large}, {"small_ai", p.Apply(scratch).Small}} {
		if c.got.KVOutputTokens > 0 && c.got.KVMaxGB < c.got.KVMinGB {
			return fmt.Errorf("traces: profile: %s.kv_max_gb %v is below kv_min_gb %v", c.name, c.got.KVMaxGB, c.got.KVMinGB)
		}
	}
	return nil
}

// Apply returns m with the profile's values substituted. It does not validate p.
func (p *Profile) Apply(m CostModel) CostModel {
	for _, f := range p.fields(&m) {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	return m
}

// CostModel returns DefaultCostModel with the profile applied.
func (p *Profile) CostModel() CostModel { return p.Apply(DefaultCostModel()) }

// ParseProfile reads one JSON profile from r and validates it. Unknown keys, trailing data, a
// missing or wrong schema_version and negative, infinite or NaN values are errors.
func ParseProfile(r io.Reader) (*Profile, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var p Profile
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("traces: profile: %s", strings.TrimPrefix(err.Error(), "json: "))
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("traces: profile: trailing data after the JSON object")
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return &p, nil
}

// LoadProfile reads and validates the profile in the file at path.
func LoadProfile(path string) (*Profile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("traces: profile: %w", err)
	}
	defer f.Close()
	p, err := ParseProfile(f)
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return p, nil
}

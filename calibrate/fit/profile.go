package fit

import (
	"fmt"
	"math"
	"regexp"
	"strings"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/traces"
)

// ProfileOptions configures Result.Profile. The zero value writes the large-AI section.
type ProfileOptions struct {
	Category string // "large-ai" (default) or "small-ai": the section the measurements override
	Name     string // profile name; default from GPU and model, e.g. "nvidia-h100-80gb-hbm3-qwen3-14b"
}

// Profile returns the calibration profile (schema of docs/profile.md) that overrides, in one AI
// category, prefill_tflop_per_token, decode_tflop_per_token and reload_s, and kv_gb_per_token and
// weights_gb when they were measured; its description says how each number was obtained.
func (r *Result) Profile(meta calibrate.Meta, o ProfileOptions) (*traces.Profile, error) {
	p := &traces.Profile{SchemaVersion: traces.ProfileSchemaVersion, Name: o.Name, Description: r.describe(meta)}
	if p.Name == "" {
		p.Name = defaultName(meta)
	}
	pp := &traces.ProfileParams{PrefillTFLOPPerToken: ptr(r.PrefillTFLOPPerToken), DecodeTFLOPPerToken: ptr(r.DecodeTFLOPPerToken)}
	if v := float64(r.Reload.Mean); finite(v) {
		pp.ReloadS = ptr(v)
	}
	if v := float64(r.KVGBPerToken); finite(v) {
		pp.KVGBPerToken = ptr(v)
	}
	if v := float64(r.WeightsGB); finite(v) {
		pp.WeightsGB = ptr(v)
	}
	switch o.Category {
	case "", "large-ai":
		p.LargeAI = pp
	case "small-ai":
		p.SmallAI = pp
	default:
		return nil, fmt.Errorf("fit: category %q is not large-ai or small-ai", o.Category)
	}
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("fit: %w", err)
	}
	return p, nil
}

func ptr(v float64) *float64 { return &v }

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

var nonName = regexp.MustCompile(`[^a-z0-9]+`)

// defaultName builds a profile name from the first GPU and the model.
func defaultName(meta calibrate.Meta) string {
	gpu := "gpu"
	if n := meta.Inventory.GPUNames(); len(n) > 0 {
		gpu = n[0]
	}
	return strings.Trim(nonName.ReplaceAllString(strings.ToLower(gpu+"-"+meta.Model), "-"), "-")
}

// describe states what was measured and how, in one paragraph.
func (r *Result) describe(m calibrate.Meta) string {
	var b strings.Builder
	gpus := strings.Join(m.Inventory.GPUNames(), ", ")
	fmt.Fprintf(&b, "Measured by experiments/calibrate on %d× %s (driver %s, CUDA %s), model %s (%s %s) served by Ollama %s, %s. ",
		len(m.Inventory.Devices), gpus, m.Inventory.DriverVersion, m.Inventory.CUDAVersion, m.Model, m.ParameterSize,
		m.Quantization, m.OllamaVersion, m.Started.UTC().Format("2006-01-02"))
	fmt.Fprintf(&b, "GPU work = least-squares seconds per token × effective rate %s; ", r.EffectiveSource)
	fmt.Fprintf(&b, "prefill %.4g s/token (R² %.4f, %d requests), decode %.4g s/token (R² %.4f). ",
		r.Prefill.Slope, r.Prefill.R2, r.Prefill.N, r.Decode.Slope, r.Decode.R2)
	if r.KV != nil {
		fmt.Fprintf(&b, "KV cache: slope of GPU memory (%s) against context slots over %d loads (R² %.4f). ", r.KVSource, r.KV.N, r.KV.R2)
	} else {
		b.WriteString("KV cache: not measured, default kept. ")
	}
	fmt.Fprintf(&b, "R_s: mean of %d unload/load cycles (sd %.3g s). Power: idle %s, busy %s.",
		r.Reload.N, float64(r.Reload.Std), watts(r.IdlePowerW), watts(r.BusyPowerW))
	return b.String()
}

func watts(v Value) string {
	if !finite(float64(v)) {
		return "not measured"
	}
	return fmt.Sprintf("%.0f W", float64(v))
}

package fit

import (
	"errors"
	"fmt"

	"github.com/airansim/airansim/calibrate"
)

// Options configures Fit. The zero value works.
type Options struct {
	// EffectiveTFLOPS is the measured GPU's effective rate G_n, TFLOP/s, that converts seconds per
	// token into TFLOP per token; 0: from the GPU name (EffectiveTFLOPS).
	EffectiveTFLOPS float64
}

// Result is what Fit measured. Times are in s, memory in GB, power in W, work in TFLOP.
type Result struct {
	Prefill Line  `json:"prefill"`      // prompt_eval_duration (s) against prompt tokens, grid requests
	Decode  Line  `json:"decode"`       // eval_duration (s) against output tokens, grid requests
	KV      *Line `json:"kv,omitempty"` // GPU memory (GB) against KV-cache slots, one point per load; nil if not measurable
	// KVSource says where the KV points come from: "nvml" (memory used during the hold after each
	// load, median, summed over GPUs) or "ollama" (size_vram of /api/ps, when NVML saw nothing).
	KVSource        string  `json:"kv_source,omitempty"`
	BaselineGB      Value   `json:"baseline_memory_gb"` // memory used with the model unloaded (idle phase median), GB
	WeightsGB       Value   `json:"weights_gb"`         // KV intercept less the baseline: weights plus fixed buffers, GB
	Reload          Stats   `json:"reload_s"`           // R_s over the loads, s
	IdlePowerW      Value   `json:"idle_power_w"`       // mean power of the idle phase, summed over GPUs, W
	BusyPowerW      Value   `json:"busy_power_w"`       // mean power while a grid request runs, summed over GPUs, W
	BusyUtilPct     Value   `json:"busy_util_pct"`      // mean GPU utilisation while a grid request runs, %
	BusySMClockMHz  Value   `json:"busy_sm_clock_mhz"`  // mean SM clock while a grid request runs, MHz
	EffectiveTFLOPS float64 `json:"effective_tflops"`   // G_n of the measured GPU, TFLOP/s
	EffectiveSource string  `json:"effective_source"`   // where EffectiveTFLOPS comes from
	// The cost-model parameters: slopes × EffectiveTFLOPS, and the KV slope.
	PrefillTFLOPPerToken float64  `json:"prefill_tflop_per_token"`
	DecodeTFLOPPerToken  float64  `json:"decode_tflop_per_token"`
	KVGBPerToken         Value    `json:"kv_gb_per_token"`
	Warnings             []string `json:"warnings,omitempty"`
}

// Stats summarises repeated measurements.
type Stats struct {
	N    int   `json:"n"`
	Mean Value `json:"mean"`
	Std  Value `json:"std"` // sample standard deviation
	Min  Value `json:"min"`
	Max  Value `json:"max"`
}

// Fit fits the cost model to s: prefill and decode seconds per token by least squares over the
// grid requests, converted to TFLOP with the effective rate; KV GB per token as the slope of GPU
// memory against the KV-cache slots allocated by each load; R_s as the mean load time; idle and busy
// power from the NVML samples. It fails when the grid does not determine both lines or a per-token
// slope is negative (too noisy).
func Fit(s *calibrate.Samples, o Options) (*Result, error) {
	r := &Result{}
	var err error
	if r.Prefill, r.Decode, err = latencyLines(s.Requests); err != nil {
		return nil, err
	}
	name := ""
	if names := s.Meta.Inventory.GPUNames(); len(names) > 0 {
		name = names[0]
	}
	r.EffectiveTFLOPS, r.EffectiveSource = EffectiveTFLOPS(name, o.EffectiveTFLOPS)
	r.PrefillTFLOPPerToken = r.Prefill.Slope * r.EffectiveTFLOPS
	r.DecodeTFLOPPerToken = r.Decode.Slope * r.EffectiveTFLOPS
	r.Reload = reloadStats(s.Loads)
	ticks := sumTicks(s.GPU)
	r.power(s, ticks)
	r.kv(s, ticks)
	return r, nil
}

// latencyLines fits the prefill and decode lines over the grid requests.
func latencyLines(reqs []calibrate.Request) (prefill, decode Line, err error) {
	var pt, ps, ot, os []float64
	for _, q := range reqs {
		if q.Phase != calibrate.PhaseGrid {
			continue
		}
		pt, ps = append(pt, float64(q.PromptTokens)), append(ps, q.PromptEvalS)
		ot, os = append(ot, float64(q.OutputTokens)), append(os, q.EvalS)
	}
	if len(pt) == 0 {
		return prefill, decode, errors.New("fit: no grid requests in the samples")
	}
	if prefill, err = Linear(pt, ps); err != nil {
		return prefill, decode, fmt.Errorf("fit: prefill (prompt_eval_duration against prompt tokens): %w", err)
	}
	if decode, err = Linear(ot, os); err != nil {
		return prefill, decode, fmt.Errorf("fit: decode (eval_duration against output tokens): %w", err)
	}
	for _, l := range []struct {
		name string
		line Line
	}{{"prefill", prefill}, {"decode", decode}} {
		if l.line.Slope < 0 {
			return prefill, decode, fmt.Errorf("fit: %s time per token is negative (%.3g s, R² %.2f): the measurements are too noisy; "+
				"widen the token range or add repetitions", l.name, l.line.Slope, l.line.R2)
		}
	}
	return prefill, decode, nil
}

func reloadStats(loads []calibrate.Load) Stats {
	v := make([]float64, 0, len(loads))
	for _, l := range loads {
		v = append(v, l.ReloadS())
	}
	return summarize(v)
}

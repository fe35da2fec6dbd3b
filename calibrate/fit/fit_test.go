package fit

import (
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/calibrate"
)

// TestFitRecovers fits synthetic samples with known coefficients and Gaussian noise and checks that
// every coefficient comes back within the tolerance, for 20 noise seeds per case. Over 200 seeds the
// worst relative errors measured were, at 2 % noise: prefill 2.9 %, decode 2.4 %, KV 1.6 %, R_s
// 1.6 %, power 0.6 %; at 5 % noise: 7.3 %, 5.9 %, 3.4 %, 4.1 %, 1.5 %.
func TestFitRecovers(t *testing.T) {
	small := calibrate.SyntheticOptions{PrefillS: 5e-6, PrefillBaseS: 0.002, DecodeS: 2e-3, DecodeBaseS: 0.001,
		KVGBPerToken: 1.2288e-5, WeightsGB: 0.988, ReloadS: 0.5, IdleW: 30, BusyW: 120, GPUName: "NVIDIA L4"}
	tests := []struct {
		name              string
		o                 calibrate.SyntheticOptions
		tolTime, tolOther float64 // relative tolerances: prefill/decode slopes; KV, R_s, weights, power
	}{
		{"exact", calibrate.SyntheticOptions{Noise: -1}, 1e-9, 1e-9},
		{"2% noise", calibrate.SyntheticOptions{Noise: 0.02}, 0.05, 0.03},
		{"5% noise", calibrate.SyntheticOptions{Noise: 0.05}, 0.10, 0.06},
		{"small model, 2% noise", small, 0.05, 0.03},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.o
			for seed := uint64(1); seed <= 20; seed++ {
				o.Seed = seed
				r, err := Fit(calibrate.Synthetic(o), Options{})
				if err != nil {
					t.Fatal(err)
				}
				checkRecovery(t, r, withDefaults(o), tt.tolTime, tt.tolOther)
			}
		})
	}
}

// withDefaults returns the synthetic options with the defaults Synthetic applies.
// h100 is Synthetic's reference rate, TFLOP/s.
const h100 = 989.5 * PrefillMFU

func withDefaults(o calibrate.SyntheticOptions) calibrate.SyntheticOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.PrefillS, 0.028/h100)
	def(&o.DecodeS, 0.042/h100)
	def(&o.KVGBPerToken, 3.66e-4)
	def(&o.WeightsGB, 28)
	def(&o.ReloadS, 8)
	def(&o.IdleW, 60)
	def(&o.BusyW, 350)
	return o
}

func checkRecovery(t *testing.T, r *Result, o calibrate.SyntheticOptions, tolTime, tolOther float64) {
	t.Helper()
	e := r.EffectiveTFLOPS
	checks := []struct {
		name      string
		got, want float64
		tol       float64
	}{
		{"prefill s/token", r.Prefill.Slope, o.PrefillS, tolTime},
		{"decode s/token", r.Decode.Slope, o.DecodeS, tolTime},
		{"prefill TFLOP/token", r.PrefillTFLOPPerToken, o.PrefillS * e, tolTime},
		{"decode TFLOP/token", r.DecodeTFLOPPerToken, o.DecodeS * e, tolTime},
		{"KV GB/token", float64(r.KVGBPerToken), o.KVGBPerToken, tolOther},
		{"weights GB", float64(r.WeightsGB), o.WeightsGB, tolOther},
		{"R_s", float64(r.Reload.Mean), o.ReloadS, tolOther},
		{"idle W", float64(r.IdlePowerW), o.IdleW, tolOther},
		{"busy W", float64(r.BusyPowerW), o.BusyW, tolOther},
	}
	for _, c := range checks {
		if err := math.Abs(c.got/c.want - 1); !(err <= c.tol) {
			t.Errorf("seed %d: %s = %.6g, want %.6g ± %.1f %% (error %.2f %%)", o.Seed, c.name, c.got, c.want, 100*c.tol, 100*err)
		}
	}
	if r.Prefill.R2 < 0.95 || r.Decode.R2 < 0.95 || r.KV == nil || r.KVSource != "nvml" || len(r.Warnings) > 0 {
		t.Errorf("R² %.3f %.3f, KV %v from %q, warnings %v", r.Prefill.R2, r.Decode.R2, r.KV, r.KVSource, r.Warnings)
	}
}

// TestFitFallbacks: without NVML samples the KV cache comes from Ollama's size_vram and power is
// unknown; too few distinct token counts or a negative slope is an error.
func TestFitFallbacks(t *testing.T) {
	s := calibrate.Synthetic(calibrate.SyntheticOptions{Noise: -1})
	s.GPU = nil
	r, err := Fit(s, Options{EffectiveTFLOPS: 100})
	if err != nil {
		t.Fatal(err)
	}
	if r.KVSource != "ollama" || math.Abs(float64(r.KVGBPerToken)/3.66e-4-1) > 1e-9 || math.Abs(float64(r.WeightsGB)-28) > 1e-9 ||
		!math.IsNaN(float64(r.IdlePowerW)) || r.EffectiveTFLOPS != 100 || !strings.Contains(r.EffectiveSource, "--effective-tflops") {
		t.Errorf("no NVML: %+v", r)
	}
	for i := range s.Loads {
		s.Loads[i].SizeVRAMGB = math.NaN()
	}
	if r, err = Fit(s, Options{}); err != nil || r.KV != nil || len(r.Warnings) == 0 {
		t.Errorf("no KV at all: %v %+v", err, r)
	}
	one := calibrate.Synthetic(calibrate.SyntheticOptions{})
	for i := range one.Requests {
		one.Requests[i].PromptTokens = 512
	}
	if _, err := Fit(one, Options{}); err == nil || !strings.Contains(err.Error(), "prefill") {
		t.Errorf("one prompt length: %v", err)
	}
	neg := calibrate.Synthetic(calibrate.SyntheticOptions{Noise: -1})
	for i := range neg.Requests {
		neg.Requests[i].EvalS = 1 - 1e-3*float64(neg.Requests[i].OutputTokens)
	}
	if _, err := Fit(neg, Options{}); err == nil || !strings.Contains(err.Error(), "decode time per token is negative") {
		t.Errorf("negative slope: %v", err)
	}
	if _, err := Fit(&calibrate.Samples{}, Options{}); err == nil || !strings.Contains(err.Error(), "no grid requests") {
		t.Errorf("empty: %v", err)
	}
	// A samples file (e.g. from another tool) with an inverted or unknown window: no panic, and the
	// window holds no NVML sample, so the KV cache falls back to size_vram.
	bad := calibrate.Synthetic(calibrate.SyntheticOptions{Noise: -1})
	bad.Loads[0].HoldStartS, bad.Loads[0].HoldEndS = bad.Loads[0].HoldEndS, bad.Loads[0].HoldStartS
	bad.Loads[1].HoldStartS = math.NaN()
	bad.Requests[3].StartS, bad.Requests[3].EndS = bad.Requests[3].EndS, bad.Requests[3].StartS
	if r, err := Fit(bad, Options{}); err != nil || r.KVSource != "ollama" {
		t.Errorf("inverted windows: %v %+v", err, r)
	}
}

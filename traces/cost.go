package traces

import (
	"fmt"

	"github.com/airansim/airansim/sim"
)

// CostParams is the cost model of one AI category: it turns a request's prompt and output tokens
// into work at the AI instance (a GPU phase then a CPU phase) and a KV-cache footprint.
//
//	GPU TFLOP = PrefillTFLOPPerToken·prompt + DecodeTFLOPPerToken·output
//	CPU core-s = CPUPerRequest + CPUPerPromptToken·prompt + CPUPerOutputToken·output
//	KV GB     = KVGBPerRequest + KVGBPerToken·(prompt + output)                 (token model)
//	KV GB     = KVMinGB + (KVMaxGB − KVMinGB)·min(1, output / KVOutputTokens)    (output-range model)
//
// The output-range model, selected by KVOutputTokens > 0, is the HAF paper's: a large-AI request's KV
// "scales with its output length" within Table I's 0.4–0.6 GB (docs/profile.md).
//
// GPU work is in prefill-equivalent TFLOP: a node of capacity G_n TFLOP/s is assumed to run prefill
// at G_n, so decode's lower utilisation is folded into DecodeTFLOPPerToken. All fields are ≥ 0.
type CostParams struct {
	PrefillTFLOPPerToken float64 // GPU work per prompt token, TFLOP.
	DecodeTFLOPPerToken  float64 // GPU work per output token, prefill-equivalent TFLOP.
	CPUPerRequest        float64 // CPU work per request (request handling, tokeniser set-up), core-s.
	CPUPerPromptToken    float64 // CPU work per prompt token (tokenisation), core-s.
	CPUPerOutputToken    float64 // CPU work per output token (sampling, detokenisation), core-s.
	KVGBPerToken         float64 // KV cache per token of prompt+output, GB.
	KVGBPerRequest       float64 // Fixed KV cache per request, GB.
	KVMinGB              float64 // Output-range model: KV of a request without output, GB.
	KVMaxGB              float64 // Output-range model: KV at KVOutputTokens output tokens or more, GB (≥ KVMinGB).
	KVOutputTokens       float64 // Output-range model: output tokens at which KV reaches KVMaxGB; 0: the token model.
	WeightsGB            float64 // Model weights M_s, GB (informative; the scenario places them).
	ReloadS              float64 // Reconfiguration time R_s after a migration, s.
}

// Cost returns the work and KV cache (GB) of a request with the given tokens. Negative token counts
// are treated as 0.
func (c CostParams) Cost(prompt, output int) (w sim.Work, kvGB float64) {
	p, o := float64(max(prompt, 0)), float64(max(output, 0))
	w.GPU = c.PrefillTFLOPPerToken*p + c.DecodeTFLOPPerToken*o
	w.CPU = c.CPUPerRequest + c.CPUPerPromptToken*p + c.CPUPerOutputToken*o
	return w, c.kv(p, o)
}

// kv returns the KV cache of a request with p prompt and o output tokens, GB, by the model in use.
func (c CostParams) kv(p, o float64) float64 {
	if c.KVOutputTokens > 0 {
		return c.KVMinGB + (c.KVMaxGB-c.KVMinGB)*min(1, o/c.KVOutputTokens)
	}
	return c.KVGBPerRequest + c.KVGBPerToken*(p+o)
}

// MeanGPUWork returns the mean GPU work per request, TFLOP, for mean token counts (the cost is
// linear in the tokens, so the mean work is the work of the mean tokens).
func (c CostParams) MeanGPUWork(meanPrompt, meanOutput float64) float64 {
	return c.PrefillTFLOPPerToken*meanPrompt + c.DecodeTFLOPPerToken*meanOutput
}

// CostModel holds the cost parameters of both AI categories and the reconfiguration times of the
// RAN categories. Build one with DefaultCostModel or Profile.CostModel.
type CostModel struct {
	Large, Small CostParams // Large-AI and small-AI parameters.
	DUReloadS    float64    // R_s of a DU, s.
	CUUPReloadS  float64    // R_s of a CU-UP, s.
}

// Published figures behind the defaults. See docs/profile.md for the derivation.
const (
	largeParams = 14e9    // parameters of the default large model: 28 GB of fp16 weights (Table I).
	smallParams = 0.494e9 // parameters of the default small model (Qwen2.5-0.5B class): 0.99 GB fp16.
	// mfuPrefill and mfuDecode are BLIS's H100 model-FLOPs utilisations
	// (inference-sim/inference-sim hardware_config.json: mfuPrefill 0.45, mfuDecode 0.30).
	mfuPrefill = 0.45
	mfuDecode  = 0.30
)

// DefaultCostModel returns the default cost model:
//
//   - Prefill: 2 FLOP per parameter per token (the standard dense-transformer forward cost): large
//     2·14e9 = 0.028 TFLOP/token, small 2·0.494e9 ≈ 0.000988 TFLOP/token.
//   - Decode: the prefill FLOPs divided by BLIS's H100 decode/prefill MFU ratio 0.30/0.45, i.e.
//     1.5× prefill: large 0.042, small ≈ 0.00148 TFLOP/token (prefill-equivalent).
//   - CPU: 1 ms per request and 46 µs per output token (BLIS fitted overheads α₁ ≈ 777 µs post-decode
//     per request, rounded up, and α₂ ≈ 46 µs per output token), 1 µs per prompt token (tokeniser
//     throughput of order 10⁶ tokens/s/core; an assumption).
//   - KV: large 3.66e-4 GB/token, chosen so that a mean conv-trace request (1,155 + 211 = 1,366
//     tokens) holds 0.50 GB, the middle of Table I's 0.4–0.6 GB; small 1.2288e-5 GB/token, the fp16
//     KV of Qwen2.5-0.5B (2·24 layers·2 KV heads·64·2 B = 12 KiB).
//   - Weights 28 GB (Table I) and 0.99 GB (< 1 GB, Table I); R_s 8 s, 0.5 s, DU and CU-UP 0.05 s (Table I).
func DefaultCostModel() CostModel {
	const cpuReq, cpuPrompt, cpuOut = 1e-3, 1e-6, 46e-6
	return CostModel{
		Large: CostParams{
			PrefillTFLOPPerToken: 2 * largeParams / 1e12,
			DecodeTFLOPPerToken:  2 * largeParams / 1e12 * mfuPrefill / mfuDecode,
			CPUPerRequest:        cpuReq, CPUPerPromptToken: cpuPrompt, CPUPerOutputToken: cpuOut,
			KVGBPerToken: 3.66e-4, WeightsGB: 28, ReloadS: 8,
		},
		Small: CostParams{
			PrefillTFLOPPerToken: 2 * smallParams / 1e12,
			DecodeTFLOPPerToken:  2 * smallParams / 1e12 * mfuPrefill / mfuDecode,
			CPUPerRequest:        cpuReq, CPUPerPromptToken: cpuPrompt, CPUPerOutputToken: cpuOut,
			KVGBPerToken: 12288e-9, WeightsGB: 0.988, ReloadS: 0.5,
		},
		DUReloadS:   0.05,
		CUUPReloadS: 0.05,
	}
}

// Params returns the parameters of an AI category. It returns an error for a RAN category.
func (m CostModel) Params(c sim.Category) (CostParams, error) {
	switch c {
	case sim.LargeAI:
		return m.Large, nil
	case sim.SmallAI:
		return m.Small, nil
	}
	return CostParams{}, fmt.Errorf("traces: cost model: %v is not an AI category", c)
}

// ReloadS returns R_s of category c, s (0 for an unknown category).
func (m CostModel) ReloadS(c sim.Category) float64 {
	switch c {
	case sim.LargeAI:
		return m.Large.ReloadS
	case sim.SmallAI:
		return m.Small.ReloadS
	case sim.DU:
		return m.DUReloadS
	case sim.CUUP:
		return m.CUUPReloadS
	}
	return 0
}

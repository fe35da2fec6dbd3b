package scenario

import (
	"github.com/airansim/airansim/traces"
)

// Workload describes the traffic of a scenario. Zero fields select the defaults in the comments.
type Workload struct {
	RequestsAtLoad1 int           `json:"requests_at_load_1"` // total requests (AI + RAN) at ρ = 1, scaled ∝ ρ; 0: 20000 (paper: 15k/20k/25k at ρ = 0.75/1/1.25)
	SmallAIFraction float64       `json:"small_ai_fraction"`  // share of AI requests for small-AI services; 0: 0.5
	RANPerAI        float64       `json:"ran_per_ai"`         // RAN-only requests per AI request; 0: 1 ("about equal number", Table I)
	URLLCFraction   float64       `json:"urllc_fraction"`     // share of RAN-only requests that are URLLC; 0: 0.5
	RANJitter       float64       `json:"ran_work_jitter"`    // uniform ± relative jitter of RAN work, in [0,1)
	DUReserve       float64       `json:"du_reserve_tflops"`  // GPU reserved for each DU's RAN floors when defining ρ, TFLOP/s; 0: none (ρ after the expected RAN demand only)
	LargeModel      string        `json:"large_ai_model"`     // embedded Azure model trace for large-AI requests; "": conv
	SmallModel      string        `json:"small_ai_model"`     // embedded Azure model trace for small-AI requests; "": code
	LargeDeadline   *DeadlineRule `json:"large_ai_deadline,omitempty"`
	SmallDeadline   *DeadlineRule `json:"small_ai_deadline,omitempty"`
	URLLC           *RANClass     `json:"urllc,omitempty"`
	EMBB            *RANClass     `json:"embb,omitempty"`
}

// DeadlineRule is τ = clamp(base + per_prompt_token·prompt + per_output_token·output, min, max), s.
type DeadlineRule struct {
	Base           float64 `json:"base_s"`
	PerPromptToken float64 `json:"per_prompt_token_s"`
	PerOutputToken float64 `json:"per_output_token_s"`
	Min            float64 `json:"min_s"`
	Max            float64 `json:"max_s"` // 0: no upper bound
}

// RANClass is the deadline and per-request work of a RAN-only class.
type RANClass struct {
	DeadlineS  float64 `json:"deadline_s"`
	DUGPUTFLOP float64 `json:"du_gpu_tflop"`
	DUCPUCoreS float64 `json:"du_cpu_core_s"`
	CUGPUTFLOP float64 `json:"cu_gpu_tflop"`
	CUCPUCoreS float64 `json:"cu_cpu_core_s"`
}

func (w *Workload) defaults() {
	if w.RequestsAtLoad1 == 0 {
		w.RequestsAtLoad1 = 20000
	}
	if w.SmallAIFraction == 0 {
		w.SmallAIFraction = 0.5
	}
	if w.RANPerAI == 0 {
		w.RANPerAI = 1
	}
	if w.URLLCFraction == 0 {
		w.URLLCFraction = 0.5
	}
	if w.LargeModel == "" {
		w.LargeModel = "conv"
	}
	if w.SmallModel == "" {
		w.SmallModel = "code"
	}
}

func (d *DeadlineRule) rule() traces.DeadlineRule {
	if d == nil {
		return traces.DeadlineRule{}
	}
	return traces.DeadlineRule{Base: d.Base, PerPromptToken: d.PerPromptToken, PerOutputToken: d.PerOutputToken, Min: d.Min, Max: d.Max}
}

func (c *RANClass) class() traces.RANClass {
	if c == nil {
		return traces.RANClass{}
	}
	r := traces.RANClass{Deadline: c.DeadlineS}
	r.DU.GPU, r.DU.CPU = c.DUGPUTFLOP, c.DUCPUCoreS
	r.CU.GPU, r.CU.CPU = c.CUGPUTFLOP, c.CUCPUCoreS
	return r
}

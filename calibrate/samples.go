package calibrate

import "time"

// SamplesVersion is the version of the samples layout written by WriteParquet (Meta.Version).
const SamplesVersion = 1

// Phase names used in Phase.Name and Request.Phase.
const (
	PhaseIdle   = "idle"   // model unloaded, GPU idle: baseline power and memory
	PhaseLoads  = "loads"  // unload/load cycles at several context sizes: R_s and KV cache
	PhaseWarmup = "warmup" // discarded requests that load the model at the grid's context size
	PhaseGrid   = "grid"   // the measured grid of prompt and output lengths
)

// Samples are the raw measurements of one calibration run. Every time is in seconds since
// Meta.Started, on one monotonic clock shared by the workload and the NVML sampler.
type Samples struct {
	Meta     Meta
	Phases   []Phase     // in time order
	Loads    []Load      // in time order
	Requests []Request   // in time order
	GPU      []GPUSample // in time order, one per device per sampling tick
}

// Meta describes the run: what was measured, where and how.
type Meta struct {
	Version       int       `json:"version"`           // SamplesVersion
	Started       time.Time `json:"started"`           // the epoch of every time in the samples (UTC)
	OllamaHost    string    `json:"ollama_host"`       // server base URL
	OllamaVersion string    `json:"ollama_version"`    // e.g. "0.17.4"
	Model         string    `json:"model"`             // e.g. "qwen3:14b"
	Family        string    `json:"family"`            // model family, e.g. "qwen3"
	ParameterSize string    `json:"parameter_size"`    // e.g. "14.8B"
	Quantization  string    `json:"quantization"`      // e.g. "Q4_K_M"
	NumCtx        int       `json:"num_ctx"`           // context size of the warm-up and grid requests, tokens
	PeriodS       float64   `json:"sample_period_s"`   // NVML sampling period, s
	Inventory     Inventory `json:"inventory"`         // the GPUs
	Notes         string    `json:"notes,omitempty"`   // free text, e.g. "synthetic"
	Command       string    `json:"command,omitempty"` // the command line that produced the samples
}

// Phase is a named interval of the run.
type Phase struct {
	Name         string  // PhaseIdle, PhaseLoads, PhaseWarmup or PhaseGrid
	StartS, EndS float64 // s since Meta.Started
}

// Request is one completion request (POST /api/generate) and the server's own timings.
type Request struct {
	Phase        string  // PhaseWarmup or PhaseGrid
	Rep          int     // repetition of the grid, from 0
	TargetPrompt int     // prompt length asked for, tokens (approximate: the prompt is synthetic text)
	TargetOutput int     // output length asked for (num_predict), tokens
	PromptTokens int     // prompt_eval_count: prompt tokens the server evaluated
	OutputTokens int     // eval_count: tokens generated
	StartS, EndS float64 // wall clock of the request, s since Meta.Started
	LoadS        float64 // load_duration, s
	PromptEvalS  float64 // prompt_eval_duration, s
	EvalS        float64 // eval_duration, s
	TotalS       float64 // total_duration, s
	DoneReason   string  // "stop" or "length"
}

// Load is one unload/load cycle of the model.
type Load struct {
	Rep           int     // repetition, from 0
	NumCtx        int     // num_ctx option of the load, tokens
	ContextTokens int     // context the server allocated per sequence (context_length of /api/ps, else NumCtx), tokens; KV slots with OLLAMA_NUM_PARALLEL=1
	UnloadS       float64 // from the unload request until the model left /api/ps, s
	StartS, EndS  float64 // the load request (POST /api/generate without a prompt); R_s = EndS − StartS
	HoldStartS    float64 // model loaded and idle from HoldStartS …
	HoldEndS      float64 // … to HoldEndS: the window whose NVML memory readings measure the KV cache
	SizeVRAMGB    float64 // size_vram of /api/ps, GB; NaN if not reported
}

// ReloadS returns the measured reconfiguration time R_s of the load, s.
func (l Load) ReloadS() float64 { return l.EndS - l.StartS }

// GPUSample is one NVML reading of one device. A value NVML did not report is NaN.
type GPUSample struct {
	TimeS      float64 // s since Meta.Started
	GPU        int     // NVML device index
	UtilPct    float64 // GPU utilisation over the driver's last sample period, %
	MemUsedGB  float64 // memory used, GB (10⁹ bytes)
	PowerW     float64 // power draw, W
	SMClockMHz float64 // SM clock, MHz
}

package calibrate

import (
	"math"
	"math/rand/v2"
	"time"
)

// h100 is the effective rate of an H100 SXM in the simulator's units, TFLOP/s: 989.5 × 0.45.
const h100 = 989.5 * 0.45

// SyntheticOptions describe a made-up GPU and model whose costs are known exactly. Every field has
// a default, chosen when the field is left at its zero value; the timing defaults reproduce
// traces.DefaultCostModel's large-AI GPU work on an H100 (effective 989.5 × 0.45 ≈ 445 TFLOP/s).
type SyntheticOptions struct {
	PrefillS     float64 // prompt-evaluation time per prompt token, s; default 0.028/445.275 ≈ 6.29e-5
	PrefillBaseS float64 // fixed prompt-evaluation time per request, s; default 0.01
	DecodeS      float64 // generation time per output token, s; default 0.042/445.275 ≈ 9.43e-5
	DecodeBaseS  float64 // fixed generation time per request, s; default 0.005
	KVGBPerToken float64 // GPU memory per KV-cache slot, GB; default 3.66e-4
	WeightsGB    float64 // memory of the loaded model without KV cache, GB; default 28
	BaselineGB   float64 // memory used with the model unloaded, GB; default 0.5
	ReloadS      float64 // model load time R_s, s; default 8
	IdleW, BusyW float64 // power draw idle and while serving, W; defaults 60 and 350
	Noise        float64 // relative σ of Gaussian noise on timings, power and the KV-cache memory; default 0.02; < 0: none
	Prompts      []int   // prompt lengths, tokens; default 128, 512, 1024, 2048
	Outputs      []int   // output lengths, tokens; default 16, 64, 128, 256
	Reps         int     // repetitions of the grid; default 3
	CtxSizes     []int   // context sizes of the load cycles, tokens; default 2048, 4096, 8192
	Reloads      int     // load cycles per context size; default 3
	PeriodS      float64 // NVML sampling period, s; default 0.02
	GPUName      string  // device name; default "NVIDIA H100 80GB HBM3"
	Seed         uint64  // noise seed; default 1
}

func (o SyntheticOptions) withDefaults() SyntheticOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.PrefillS, 0.028/h100)
	def(&o.PrefillBaseS, 0.01)
	def(&o.DecodeS, 0.042/h100)
	def(&o.DecodeBaseS, 0.005)
	def(&o.KVGBPerToken, 3.66e-4)
	def(&o.WeightsGB, 28)
	def(&o.BaselineGB, 0.5)
	def(&o.ReloadS, 8)
	def(&o.IdleW, 60)
	def(&o.BusyW, 350)
	def(&o.Noise, 0.02)
	def(&o.PeriodS, 0.02)
	o.Noise = max(o.Noise, 0)
	if o.Prompts == nil {
		o.Prompts = []int{128, 512, 1024, 2048}
	}
	if o.Outputs == nil {
		o.Outputs = []int{16, 64, 128, 256}
	}
	if o.CtxSizes == nil {
		o.CtxSizes = []int{2048, 4096, 8192}
	}
	if o.Reps <= 0 {
		o.Reps = 3
	}
	if o.Reloads <= 0 {
		o.Reloads = 3
	}
	if o.GPUName == "" {
		o.GPUName = "NVIDIA H100 80GB HBM3"
	}
	if o.Seed == 0 {
		o.Seed = 1
	}
	return o
}

// synth builds a synthetic run on a timeline.
type synth struct {
	o     SyntheticOptions
	rng   *rand.Rand
	s     *Samples
	t     float64
	busy  [][2]float64 // request intervals
	level [][3]float64 // start, end, KV-cache GB of the loaded model
}

// noisy returns v with relative Gaussian noise.
func (y *synth) noisy(v float64) float64 { return v * (1 + y.o.Noise*y.rng.NormFloat64()) }

// Synthetic returns the samples of a calibration run on a made-up device with the costs of o:
// the same phases, loads, requests and NVML samples a real run records, for tests and for trying
// the fitting without a GPU. The same options give the same samples.
func Synthetic(o SyntheticOptions) *Samples {
	o = o.withDefaults()
	y := &synth{o: o, rng: rand.New(rand.NewPCG(o.Seed, 0x5eed)), s: &Samples{}}
	numCtx := 4096
	y.s.Meta = Meta{Version: SamplesVersion, Started: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		OllamaHost: "http://127.0.0.1:11434", OllamaVersion: "synthetic", Model: "synthetic:14b", Family: "synthetic",
		ParameterSize: "14B", Quantization: "F16", NumCtx: numCtx, PeriodS: o.PeriodS, Notes: "synthetic samples",
		Inventory: Inventory{DriverVersion: "550.54.15", CUDAVersion: "12.4", NVMLVersion: "12.550.54.15",
			Devices: []Device{{Name: o.GPUName, UUID: "GPU-00000000-0000-0000-0000-000000000000", MemoryTotalGB: 85.0,
				MemoryUsedGB: o.BaselineGB, SMClockMHz: 1980, MemClockMHz: 2619, MaxSMClockMHz: 1980, MaxMemClockMHz: 2619, PowerLimitW: 700}}}}
	y.phase(PhaseIdle, func() { y.t += 2 })
	y.phase(PhaseLoads, func() {
		for rep := range o.Reloads {
			for _, c := range o.CtxSizes {
				y.load(rep, c)
			}
		}
	})
	start := y.t
	y.phase(PhaseWarmup, func() { y.t += o.ReloadS; y.request(PhaseWarmup, 0, 64, 16) })
	y.phase(PhaseGrid, func() {
		for rep := range o.Reps {
			for _, p := range o.Prompts {
				for _, q := range o.Outputs {
					y.request(PhaseGrid, rep, p, q)
				}
			}
		}
	})
	y.level = append(y.level, [3]float64{start + o.ReloadS, y.t, o.KVGBPerToken * float64(numCtx)})
	y.sample()
	return y.s
}

func (y *synth) phase(name string, f func()) {
	start := y.t
	f()
	y.s.Phases = append(y.s.Phases, Phase{Name: name, StartS: start, EndS: y.t})
	y.t += 0.1
}

func (y *synth) load(rep, ctx int) {
	l := Load{Rep: rep, NumCtx: ctx, ContextTokens: ctx, UnloadS: y.noisy(0.3)}
	y.t += l.UnloadS
	l.StartS = y.t
	y.t += y.noisy(y.o.ReloadS)
	l.EndS, l.HoldStartS = y.t, y.t
	y.t += 0.5
	l.HoldEndS = y.t
	kv := y.o.KVGBPerToken * float64(ctx)
	l.SizeVRAMGB = y.o.WeightsGB + kv
	y.level = append(y.level, [3]float64{l.StartS, l.HoldEndS, kv})
	y.s.Loads = append(y.s.Loads, l)
}

func (y *synth) request(phase string, rep, prompt, output int) {
	q := Request{Phase: phase, Rep: rep, TargetPrompt: prompt, TargetOutput: output, DoneReason: "length",
		PromptTokens: prompt + 3 + y.rng.IntN(8), OutputTokens: output, StartS: y.t, LoadS: y.noisy(0.002)}
	q.PromptEvalS = y.noisy(y.o.PrefillBaseS + y.o.PrefillS*float64(q.PromptTokens))
	q.EvalS = y.noisy(y.o.DecodeBaseS + y.o.DecodeS*float64(q.OutputTokens))
	q.TotalS = q.LoadS + q.PromptEvalS + q.EvalS + 0.001
	q.EndS = y.t + q.TotalS + 0.002
	y.busy = append(y.busy, [2]float64{q.StartS, q.EndS})
	y.t = q.EndS + 0.01
	y.s.Requests = append(y.s.Requests, q)
}

// sample adds one GPU sample per period over the whole timeline.
func (y *synth) sample() {
	for i := 0; ; i++ {
		t := float64(i) * y.o.PeriodS
		if t > y.t {
			return
		}
		g := GPUSample{TimeS: t, UtilPct: 0, MemUsedGB: y.o.BaselineGB, PowerW: y.noisy(y.o.IdleW), SMClockMHz: 345}
		for _, b := range y.busy {
			if t >= b[0] && t < b[1] {
				g.UtilPct, g.PowerW, g.SMClockMHz = 97, y.noisy(y.o.BusyW), 1980
			}
		}
		for _, l := range y.level {
			if t >= l[0] && t < l[1] {
				g.MemUsedGB = y.o.BaselineGB + y.o.WeightsGB + math.Max(y.noisy(l[2]), 0)
			}
		}
		y.s.GPU = append(y.s.GPU, g)
	}
}

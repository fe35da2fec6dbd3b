package calibrate

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/parquet-go/parquet-go"
)

// metaKey is the parquet key-value metadata entry holding Meta as JSON.
const metaKey = "airansim.calibration.meta"

// Row kinds of the parquet file.
const (
	kindPhase   = "phase"
	kindLoad    = "load"
	kindRequest = "request"
	kindGPU     = "gpu"
)

// row is one row of the samples file: a phase, load, request or GPU sample, told apart by Kind.
// Columns that do not apply to a kind hold 0, "" or NaN. docs/calibration.md lists them.
type row struct {
	Kind          string  `parquet:"kind,dict"`
	Phase         string  `parquet:"phase,dict"`
	Rep           int64   `parquet:"rep"`
	GPU           int64   `parquet:"gpu"`
	TimeS         float64 `parquet:"time_s"`
	StartS        float64 `parquet:"start_s"`
	EndS          float64 `parquet:"end_s"`
	TargetPrompt  int64   `parquet:"target_prompt_tokens"`
	TargetOutput  int64   `parquet:"target_output_tokens"`
	PromptTokens  int64   `parquet:"prompt_tokens"`
	OutputTokens  int64   `parquet:"output_tokens"`
	LoadS         float64 `parquet:"load_s"`
	PromptEvalS   float64 `parquet:"prompt_eval_s"`
	EvalS         float64 `parquet:"eval_s"`
	TotalS        float64 `parquet:"total_s"`
	DoneReason    string  `parquet:"done_reason,dict"`
	NumCtx        int64   `parquet:"num_ctx"`
	ContextTokens int64   `parquet:"context_tokens"`
	UnloadS       float64 `parquet:"unload_s"`
	HoldStartS    float64 `parquet:"hold_start_s"`
	HoldEndS      float64 `parquet:"hold_end_s"`
	SizeVRAMGB    float64 `parquet:"size_vram_gb"`
	UtilPct       float64 `parquet:"util_pct"`
	MemUsedGB     float64 `parquet:"mem_used_gb"`
	PowerW        float64 `parquet:"power_w"`
	SMClockMHz    float64 `parquet:"sm_clock_mhz"`
}

func blankRow(kind string) row {
	n := math.NaN()
	return row{Kind: kind, TimeS: n, StartS: n, EndS: n, LoadS: n, PromptEvalS: n, EvalS: n, TotalS: n,
		UnloadS: n, HoldStartS: n, HoldEndS: n, SizeVRAMGB: n, UtilPct: n, MemUsedGB: n, PowerW: n, SMClockMHz: n}
}

func (s *Samples) rows() []row {
	out := make([]row, 0, len(s.Phases)+len(s.Loads)+len(s.Requests)+len(s.GPU))
	for _, p := range s.Phases {
		r := blankRow(kindPhase)
		r.Phase, r.StartS, r.EndS = p.Name, p.StartS, p.EndS
		out = append(out, r)
	}
	for _, l := range s.Loads {
		r := blankRow(kindLoad)
		r.Phase, r.Rep, r.NumCtx, r.ContextTokens = PhaseLoads, int64(l.Rep), int64(l.NumCtx), int64(l.ContextTokens)
		r.UnloadS, r.StartS, r.EndS, r.HoldStartS, r.HoldEndS, r.SizeVRAMGB = l.UnloadS, l.StartS, l.EndS, l.HoldStartS, l.HoldEndS, l.SizeVRAMGB
		out = append(out, r)
	}
	for _, q := range s.Requests {
		r := blankRow(kindRequest)
		r.Phase, r.Rep, r.TargetPrompt, r.TargetOutput = q.Phase, int64(q.Rep), int64(q.TargetPrompt), int64(q.TargetOutput)
		r.PromptTokens, r.OutputTokens, r.StartS, r.EndS = int64(q.PromptTokens), int64(q.OutputTokens), q.StartS, q.EndS
		r.LoadS, r.PromptEvalS, r.EvalS, r.TotalS, r.DoneReason = q.LoadS, q.PromptEvalS, q.EvalS, q.TotalS, q.DoneReason
		out = append(out, r)
	}
	for _, g := range s.GPU {
		r := blankRow(kindGPU)
		r.TimeS, r.GPU, r.UtilPct, r.MemUsedGB, r.PowerW, r.SMClockMHz = g.TimeS, int64(g.GPU), g.UtilPct, g.MemUsedGB, g.PowerW, g.SMClockMHz
		out = append(out, r)
	}
	return out
}

// WriteParquet writes s to w as one Snappy-compressed parquet file: one row per phase, load,
// request and GPU sample (column "kind"), with Meta as JSON in the key-value metadata. Equal
// samples give byte-identical files.
func (s *Samples) WriteParquet(w io.Writer) error {
	meta := s.Meta
	meta.Version = SamplesVersion
	b, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("calibrate: encoding samples metadata: %w", err)
	}
	if err := parquet.Write(w, s.rows(), parquet.KeyValueMetadata(metaKey, string(b)), parquet.Compression(&parquet.Snappy)); err != nil {
		return fmt.Errorf("calibrate: writing samples: %w", err)
	}
	return nil
}

// ReadParquet reads samples written by WriteParquet from r of the given size. It returns an error
// for a parquet file without the calibration metadata, another layout version or an unknown kind.
func ReadParquet(r io.ReaderAt, size int64) (*Samples, error) {
	f, err := parquet.OpenFile(r, size)
	if err != nil {
		return nil, fmt.Errorf("calibrate: reading samples: %w", err)
	}
	raw, ok := f.Lookup(metaKey)
	if !ok {
		return nil, fmt.Errorf("calibrate: not a calibration samples file (no %q metadata)", metaKey)
	}
	s := &Samples{}
	if err := json.Unmarshal([]byte(raw), &s.Meta); err != nil {
		return nil, fmt.Errorf("calibrate: samples metadata: %w", err)
	}
	if s.Meta.Version != SamplesVersion {
		return nil, fmt.Errorf("calibrate: samples version is %d, want %d", s.Meta.Version, SamplesVersion)
	}
	rows, err := parquet.Read[row](r, size)
	if err != nil {
		return nil, fmt.Errorf("calibrate: reading samples: %w", err)
	}
	for i, r := range rows {
		if err := s.add(r); err != nil {
			return nil, fmt.Errorf("calibrate: samples row %d: %w", i+1, err)
		}
	}
	return s, nil
}

func (s *Samples) add(r row) error {
	switch r.Kind {
	case kindPhase:
		s.Phases = append(s.Phases, Phase{Name: r.Phase, StartS: r.StartS, EndS: r.EndS})
	case kindLoad:
		s.Loads = append(s.Loads, Load{Rep: int(r.Rep), NumCtx: int(r.NumCtx), ContextTokens: int(r.ContextTokens),
			UnloadS: r.UnloadS, StartS: r.StartS, EndS: r.EndS, HoldStartS: r.HoldStartS, HoldEndS: r.HoldEndS, SizeVRAMGB: r.SizeVRAMGB})
	case kindRequest:
		s.Requests = append(s.Requests, Request{Phase: r.Phase, Rep: int(r.Rep), TargetPrompt: int(r.TargetPrompt),
			TargetOutput: int(r.TargetOutput), PromptTokens: int(r.PromptTokens), OutputTokens: int(r.OutputTokens),
			StartS: r.StartS, EndS: r.EndS, LoadS: r.LoadS, PromptEvalS: r.PromptEvalS, EvalS: r.EvalS, TotalS: r.TotalS,
			DoneReason: r.DoneReason})
	case kindGPU:
		s.GPU = append(s.GPU, GPUSample{TimeS: r.TimeS, GPU: int(r.GPU), UtilPct: r.UtilPct, MemUsedGB: r.MemUsedGB,
			PowerW: r.PowerW, SMClockMHz: r.SMClockMHz})
	default:
		return fmt.Errorf("unknown kind %q", r.Kind)
	}
	return nil
}

// LoadSamples reads the samples file at path.
func LoadSamples(path string) (*Samples, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("calibrate: %w", err)
	}
	s, err := ReadParquet(f, st.Size())
	if err != nil {
		return nil, fmt.Errorf("%w (file %s)", err, path)
	}
	return s, nil
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/calibrate/gpu"
	"github.com/airansim/airansim/calibrate/workload"
	"github.com/airansim/airansim/internal/cli"
)

// flags holds the command line; it is recorded in the report.
type flags struct {
	Model       string        `json:"model"`
	Host        string        `json:"ollama_host"`
	Out         string        `json:"out"`
	FromSamples string        `json:"from_samples"`
	Prompts     []int         `json:"prompts"`
	Outputs     []int         `json:"outputs"`
	Reps        int           `json:"reps"`
	Warmup      int           `json:"warmup"`
	NumCtx      int           `json:"num_ctx"`
	CtxSizes    []int         `json:"ctx_sizes"`
	Reloads     int           `json:"reloads"`
	Idle        time.Duration `json:"idle"`
	Settle      time.Duration `json:"settle"`
	Period      time.Duration `json:"period"`
	Timeout     time.Duration `json:"timeout"`
	Seed        uint64        `json:"seed"`
	Effective   float64       `json:"effective_tflops"`
	Category    string        `json:"category"`
	Name        string        `json:"name"`
	Library     string        `json:"nvml_library"`
}

func parse(args []string, stderr io.Writer) (*flags, error) {
	f := &flags{}
	fs := pflag.NewFlagSet("calibrate", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	host := os.Getenv("OLLAMA_HOST")
	if host == "" {
		host = workload.DefaultHost
	}
	fs.StringVar(&f.Model, "model", "", "Ollama model to measure, e.g. qwen3:14b (required unless --from-samples)")
	fs.StringVar(&f.Host, "ollama-host", host, "Ollama server URL (default from $OLLAMA_HOST)")
	fs.StringVar(&f.Out, "out", "out/calibrate/profile.json", "profile to write; the raw samples (.samples.parquet), the fit report (.report.json) and figures (.fit.png, .fit.svg) go next to it")
	fs.StringVar(&f.FromSamples, "from-samples", "", "refit a profile from a saved .samples.parquet file, without GPU or Ollama")
	fs.IntSliceVar(&f.Prompts, "prompts", []int{128, 512, 1024, 2048}, "prompt lengths of the grid, tokens (approximate)")
	fs.IntSliceVar(&f.Outputs, "outputs", []int{16, 64, 128, 256}, "output lengths of the grid (num_predict), tokens")
	fs.IntVar(&f.Reps, "reps", 3, "repetitions of the grid, each in a new random order")
	fs.IntVar(&f.Warmup, "warmup", 2, "discarded requests before the grid")
	fs.IntVar(&f.NumCtx, "num-ctx", 0, "num_ctx of the grid requests; 0: the next multiple of 1024 ≥ 1.5·max prompt + max output + 64")
	fs.IntSliceVar(&f.CtxSizes, "ctx-sizes", []int{2048, 4096, 8192}, "num_ctx of the unload/load cycles that measure R_s and the KV cache")
	fs.IntVar(&f.Reloads, "reloads", 3, "unload/load cycles per context size")
	fs.DurationVar(&f.Idle, "idle", 2*time.Second, "idle baseline with the model unloaded (idle power, baseline memory)")
	fs.DurationVar(&f.Settle, "settle", 500*time.Millisecond, "hold after each load, over which GPU memory is read")
	fs.DurationVar(&f.Period, "period", gpu.DefaultPeriod, "NVML sampling period")
	fs.DurationVar(&f.Timeout, "timeout", 10*time.Minute, "limit on each Ollama call (loads of large models can be slow)")
	fs.Uint64Var(&f.Seed, "seed", 1, "seed of the grid order and prompt text")
	fs.Float64Var(&f.Effective, "effective-tflops", 0, "effective rate G_n of the measured GPU, TFLOP/s, converting s/token into TFLOP/token; 0: peak of the GPU's name × 0.45 (docs/calibration.md)")
	fs.StringVar(&f.Category, "category", "large-ai", "profile section the measurements override: large-ai or small-ai")
	fs.StringVar(&f.Name, "name", "", "profile name; empty: from the GPU and model")
	fs.StringVar(&f.Library, "nvml-library", "", "path of libnvidia-ml.so; empty: the driver's libnvidia-ml.so.1")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/calibrate --model MODEL [--ollama-host URL] [--out profile.json] [flags]\n"+
			"       go run ./experiments/calibrate --from-samples FILE [--out profile.json]\n\n"+
			"Measures a GPU's AI costs through NVML and Ollama and writes a calibration profile (docs/calibration.md).\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	return f, f.check(fs)
}

func (f *flags) check(fs *pflag.FlagSet) error {
	switch {
	case f.Model == "" && f.FromSamples == "":
		return cli.Usagef("give --model MODEL to measure, or --from-samples FILE to refit saved samples")
	case f.Model != "" && f.FromSamples != "":
		return cli.Usagef("--model and --from-samples exclude each other")
	case f.Category != "large-ai" && f.Category != "small-ai":
		return cli.Usagef("--category must be large-ai or small-ai, not %q", f.Category)
	case f.Effective < 0 || f.Reps < 1 || f.Reloads < 1 || f.Warmup < 1 || f.NumCtx < 0:
		return cli.Usagef("--effective-tflops and --num-ctx must be ≥ 0, --reps, --reloads and --warmup ≥ 1")
	case f.Idle <= 0 || f.Settle <= 0 || f.Period <= 0 || f.Timeout <= 0:
		return cli.Usagef("--idle, --settle, --period and --timeout must be > 0")
	case !strings.HasSuffix(f.Out, ".json"):
		return cli.Usagef("--out %q must end in .json", f.Out)
	}
	for _, l := range [][]int{f.Prompts, f.Outputs, f.CtxSizes} {
		for _, v := range l {
			if v <= 0 {
				return cli.Usagef("--prompts, --outputs and --ctx-sizes take positive token counts, not %d", v)
			}
		}
		if len(l) == 0 {
			return cli.Usagef("--prompts, --outputs and --ctx-sizes must not be empty")
		}
	}
	return nil
}

// MarshalJSON writes the flags with durations as text ("500ms"), as they are given on the command line.
func (f *flags) MarshalJSON() ([]byte, error) {
	type plain flags
	return json.Marshal(struct {
		*plain
		Idle    string `json:"idle"`
		Settle  string `json:"settle"`
		Period  string `json:"period"`
		Timeout string `json:"timeout"`
	}{(*plain)(f), f.Idle.String(), f.Settle.String(), f.Period.String(), f.Timeout.String()})
}

// paths are the files written next to the profile.
type paths struct{ profile, samples, report, png, svg string }

func outPaths(profile string) paths {
	base := strings.TrimSuffix(profile, ".json")
	return paths{profile, base + ".samples.parquet", base + ".report.json", base + ".fit.png", base + ".fit.svg"}
}

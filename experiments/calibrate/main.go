// Command calibrate measures a GPU's AI costs and writes a calibration profile for the simulator.
//
//	go run ./experiments/calibrate --model qwen3:14b [--ollama-host URL] --out profile.json
//	go run ./experiments/calibrate --from-samples profile.samples.parquet --out profile.json
//
// It inventories the GPUs through NVML, runs a calibration workload through Ollama (unload/load
// cycles, then a grid of prompt and output lengths) while sampling NVML every --period, fits prefill
// and decode time per token, the KV cache per token, the reload time R_s and idle/busy power, and
// writes the profile (docs/profile.md), the raw samples (.samples.parquet, always), a fit report
// (.report.json) and figures of the fits (.fit.png, .fit.svg). Without a usable GPU, NVIDIA driver,
// Ollama server or model it exits with status 2 and one sentence saying what to do, before measuring
// anything. docs/calibration.md describes the procedure.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/gpu"
	"github.com/airansim/airansim/calibrate/workload"
	"github.com/airansim/airansim/internal/cli"
)

func main() { cli.Main(run) }

// device is an open NVML: what the measurement needs.
type device interface {
	gpu.Reader
	Close() error
}

// command holds the dependencies that tests replace.
type command struct {
	openGPU func(gpu.Options) (device, error)
}

func openNVML(o gpu.Options) (device, error) {
	n, err := gpu.Open(o)
	if err != nil {
		return nil, err
	}
	return n, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return (&command{openGPU: openNVML}).run(ctx, args, stdout, stderr)
}

func (c *command) run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f, err := parse(args, stderr)
	if err != nil {
		return err
	}
	var s *calibrate.Samples
	if f.FromSamples != "" {
		if s, err = calibrate.LoadSamples(f.FromSamples); err != nil {
			return err
		}
		fmt.Fprintf(stderr, "calibrate: refitting %s (%s, %s, %d requests, %d loads, %d NVML samples)\n", f.FromSamples,
			strings.Join(s.Meta.Inventory.GPUNames(), ", "), s.Meta.Model, len(s.Requests), len(s.Loads), len(s.GPU))
	} else if s, err = c.measure(ctx, f, args, stderr); err != nil {
		return err
	}
	return finish(f, s, stdout)
}

// measure opens NVML, checks Ollama and the model, then runs the workload while sampling NVML.
// The raw samples are written even when the workload fails part-way.
func (c *command) measure(ctx context.Context, f *flags, args []string, stderr io.Writer) (*calibrate.Samples, error) {
	epoch := time.Now()
	dev, err := c.openGPU(gpu.Options{Library: f.Library})
	if err != nil {
		return nil, unavailable(err)
	}
	defer dev.Close()
	inv, err := dev.Inventory()
	if err != nil {
		return nil, err
	}
	wl, err := workload.New(workload.Options{Host: f.Host, Model: f.Model, Prompts: f.Prompts, Outputs: f.Outputs,
		Reps: f.Reps, Warmup: f.Warmup, NumCtx: f.NumCtx, CtxSizes: f.CtxSizes, Reloads: f.Reloads, Idle: f.Idle,
		Settle: f.Settle, Timeout: f.Timeout, Seed: f.Seed, Epoch: epoch, Progress: stderr})
	if err != nil {
		return nil, &cli.UsageError{Err: err}
	}
	info, err := wl.Check(ctx)
	if err != nil {
		return nil, unavailable(err)
	}
	fmt.Fprintf(stderr, "calibrate: %s, driver %s, CUDA %s; model %s (%s %s) on Ollama %s at %s\n",
		strings.Join(inv.GPUNames(), ", "), inv.DriverVersion, inv.CUDAVersion, f.Model, info.ParameterSize, info.Quantization,
		info.Version, info.Host)
	sampler := gpu.Start(ctx, dev, gpu.SamplerOptions{Period: f.Period, Epoch: epoch})
	res, werr := wl.Run(ctx)
	samples, serr := sampler.Stop()
	s := &calibrate.Samples{GPU: samples, Meta: calibrate.Meta{Version: calibrate.SamplesVersion, Started: epoch.UTC(),
		OllamaHost: info.Host, OllamaVersion: info.Version, Model: f.Model, Family: info.Family, ParameterSize: info.ParameterSize,
		Quantization: info.Quantization, NumCtx: wl.Options().NumCtx, PeriodS: f.Period.Seconds(), Inventory: inv,
		Command: "calibrate " + strings.Join(args, " ")}}
	if res != nil {
		s.Phases, s.Loads, s.Requests = res.Phases, res.Loads, res.Requests
	}
	if werr != nil || serr != nil {
		p := outPaths(f.Out)
		err := writeSamples(p.samples, s)
		if err == nil {
			fmt.Fprintf(stderr, "calibrate: the samples measured so far are in %s\n", p.samples)
		} else {
			err = fmt.Errorf("calibrate: the samples measured so far could not be saved: %w", err)
		}
		return nil, errors.Join(werr, serr, err)
	}
	return s, nil
}

// unavailable turns "no GPU / no Ollama / no model" into a usage error: exit status 2, one sentence.
func unavailable(err error) error {
	if errors.Is(err, gpu.ErrUnavailable) || errors.Is(err, workload.ErrUnavailable) {
		return &cli.UsageError{Err: err}
	}
	return err
}

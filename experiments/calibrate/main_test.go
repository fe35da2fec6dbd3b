package main

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/gpu"
	"github.com/airansim/airansim/calibrate/workload/ollamatest"
	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/traces"
)

// TestMeasure runs the whole measurement against a fake NVML and a fake Ollama server with known
// costs and checks every output and the numbers of the profile.
func TestMeasure(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}, LoadDelay: 30 * time.Millisecond,
		AnswerDelay: 15 * time.Millisecond})
	defer srv.Close()
	g := &fakeGPU{srv: srv}
	dir := t.TempDir()
	out := filepath.Join(dir, "h100.json")
	stdout, err := runCmd(t, fakeCommand(g, nil), quick(srv.URL, out)...)
	if err != nil {
		t.Fatal(err)
	}
	if !g.closed.Load() || g.reads.Load() < 50 {
		t.Errorf("NVML closed %v after %d reads", g.closed.Load(), g.reads.Load())
	}
	for _, f := range []string{"h100.json", "h100.samples.parquet", "h100.report.json", "h100.fit.png", "h100.fit.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	p, err := traces.LoadProfile(out)
	if err != nil {
		t.Fatal(err)
	}
	e := 989.5 * 0.45 // the H100's effective rate from the peak table
	l := p.LargeAI
	checks := []struct {
		name      string
		got, want float64
		tol       float64 // relative
	}{
		{"prefill TFLOP/token", *l.PrefillTFLOPPerToken, 2e-4 * e, 0.02},
		{"decode TFLOP/token", *l.DecodeTFLOPPerToken, 0.02 * e, 1e-6},
		{"KV GB/token", *l.KVGBPerToken, 1.6e-4, 0.01},
		{"weights GB", *l.WeightsGB, 9, 0.01},
	}
	if *l.ReloadS < 0.03 || *l.ReloadS > 1 { // the fake's load takes 30 ms of wall time, plus HTTP
		t.Errorf("R_s = %v s, want 0.03 s plus overhead", *l.ReloadS)
	}
	for _, c := range checks {
		if math.Abs(c.got/c.want-1) > c.tol {
			t.Errorf("%s = %.6g, want %.6g ± %g %%", c.name, c.got, c.want, 100*c.tol)
		}
	}
	if p.SmallAI != nil || p.Name != "nvidia-h100-80gb-hbm3-qwen3-14b" || !strings.Contains(p.Description, "Ollama 0.17.4") {
		t.Errorf("profile %+v", p)
	}
	var rep struct {
		Fit struct {
			IdlePowerW float64 `json:"idle_power_w"`
			BusyPowerW float64 `json:"busy_power_w"`
			Prefill    struct{ Residuals []float64 }
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "h100.report.json")); err != nil || json.Unmarshal(b, &rep) != nil {
		t.Fatalf("report: %v", err)
	}
	// Busy power is an average over sampling ticks inside request windows, which also hold HTTP
	// overhead: between idle and the fake GPU's 310 W, and near 310 W on an unloaded machine.
	if f := rep.Fit; math.Abs(f.IdlePowerW-55) > 1 || !(f.BusyPowerW > 180 && f.BusyPowerW <= 310) || len(f.Prefill.Residuals) != 18 {
		t.Errorf("report: idle %v W, busy %v W, %d residuals", f.IdlePowerW, f.BusyPowerW, len(f.Prefill.Residuals))
	}
	for _, w := range []string{"prefill", "decode", "KV cache", "R_s", "idle 55 W", "h100.samples.parquet"} {
		if !strings.Contains(stdout, w) {
			t.Errorf("summary lacks %q:\n%s", w, stdout)
		}
	}
	// Refitting the saved samples without GPU or Ollama gives the same profile, byte for byte.
	again := filepath.Join(dir, "refit", "h100.json")
	if _, err := runCmd(t, fakeCommand(nil, errors.New("NVML must not be opened")), "--from-samples",
		filepath.Join(dir, "h100.samples.parquet"), "--out", again); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(out)
	b, _ := os.ReadFile(again)
	if string(a) != string(b) {
		t.Errorf("refit differs:\n%s\n%s", a, b)
	}
	if _, err := os.Stat(filepath.Join(dir, "refit", "h100.samples.parquet")); err != nil {
		t.Errorf("samples not saved next to the refitted profile: %v", err)
	}
}

// TestSamplesKept: the raw samples are saved when the fit fails after a complete measurement (one
// prompt length does not determine the prefill line), and a samples file that cannot be written is
// reported, not silently lost, when the workload fails.
func TestSamplesKept(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}})
	defer srv.Close()
	dir := t.TempDir()
	out := filepath.Join(dir, "p.json")
	args := quick(srv.URL, out)
	args[7] = "100" // --prompts
	_, err := runCmd(t, fakeCommand(&fakeGPU{srv: srv}, nil), args...)
	if err == nil || !strings.Contains(err.Error(), "prefill") || !strings.Contains(err.Error(), outPaths(out).samples) {
		t.Errorf("err = %v, want the prefill fit's error naming the samples file", err)
	}
	if s, err := calibrate.LoadSamples(outPaths(out).samples); err != nil || len(s.Requests) != 1+2*3 || len(s.GPU) == 0 {
		t.Errorf("samples of a measurement whose fit failed: %v", err)
	}

	failing := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}, FailGenerate: 2})
	defer failing.Close()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = runCmd(t, fakeCommand(&fakeGPU{srv: failing}, nil), quick(failing.URL, filepath.Join(file, "p.json"))...)
	if err == nil || !strings.Contains(err.Error(), "HTTP 500") || !strings.Contains(err.Error(), "could not be saved") {
		t.Errorf("err = %v, want the workload's error and the samples' one", err)
	}
}

// TestUnavailable: no GPU, no Ollama or no model stops the command before anything is measured,
// with a usage error (exit status 2) of one line, and no samples file.
func TestUnavailable(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}})
	defer srv.Close()
	dead := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}})
	dead.Close()
	_, noGPU := gpu.Open(gpu.Options{Library: "/nonexistent/libnvidia-ml.so.1"})
	tests := []struct {
		name    string
		gpuErr  error
		host    string
		model   string
		want    string
		readGPU bool
	}{
		{"no NVML", noGPU, srv.URL, "qwen3:14b", "gpu: ", false},
		{"Ollama unreachable", nil, dead.URL, "qwen3:14b", "ollama serve", false},
		{"model missing", nil, srv.URL, "llama3:70b", "ollama pull llama3:70b", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGPU{srv: srv}
			out := filepath.Join(t.TempDir(), "p.json")
			args := quick(tt.host, out)
			args[1] = tt.model
			_, err := runCmd(t, fakeCommand(g, tt.gpuErr), args...)
			var u *cli.UsageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("err = %v, want a one-line usage error mentioning %q", err, tt.want)
			}
			if g.reads.Load() != 0 {
				t.Error("NVML sampled before the checks passed")
			}
			if _, err := os.Stat(outPaths(out).samples); !os.IsNotExist(err) {
				t.Error("samples written although nothing was measured")
			}
		})
	}
}

// TestExitStatus runs the real binary path without a GPU: status 2 and one line on stderr.
func TestExitStatus(t *testing.T) {
	code, stderr := exitStatus(t, "--model", "qwen3:14b", "--nvml-library", "/nonexistent/libnvidia-ml.so.1",
		"--out", filepath.Join(t.TempDir(), "p.json"))
	if code != 2 || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, ": gpu: ") {
		t.Errorf("status %d, stderr %q", code, stderr)
	}
	if code, _ := exitStatus(t, "--help"); code != 0 {
		t.Errorf("--help: status %d", code)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{}, {"--model", "m", "--from-samples", "f"}, {"--model", "m", "--category", "du"},
		{"--model", "m", "--reps", "0"}, {"--model", "m", "--prompts", "0"}, {"--model", "m", "--out", "p.txt"},
		{"--model", "m", "extra"}, {"--model", "m", "--ctx-sizes", ""}, {"--nope"}, {"--model", "m", "--period", "0s"},
		{"--model", "m", "--idle", "0s"}, {"--model", "m", "--settle", "-1s"}, {"--model", "m", "--timeout", "0s"}} {
		_, err := runCmd(t, fakeCommand(nil, errors.New("no")), args...)
		var u *cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
	_, err := runCmd(t, fakeCommand(nil, nil), "--from-samples", filepath.Join(t.TempDir(), "missing.parquet"))
	if err == nil || !strings.Contains(err.Error(), "missing.parquet") {
		t.Errorf("missing samples: %v", err)
	}
	_ = calibrate.SamplesVersion
}

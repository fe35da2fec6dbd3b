package main

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/gpu"
	"github.com/airansim/airansim/calibrate/workload/ollamatest"
)

// TestMain runs the command itself when asked to by TestExitStatus.
func TestMain(m *testing.M) {
	if os.Getenv("CALIBRATE_RUN_MAIN") == "1" {
		main()
	}
	os.Exit(m.Run())
}

// fakeGPU is one H100 whose memory, power and utilisation follow the fake Ollama server's state:
// baseline 0.6 GB, plus the model's size_vram when loaded; 55 W idle, 310 W while answering.
type fakeGPU struct {
	srv    *ollamatest.Server
	reads  atomic.Int64
	closed atomic.Bool
}

func (g *fakeGPU) Inventory() (calibrate.Inventory, error) {
	return calibrate.Inventory{DriverVersion: "550.54.15", CUDAVersion: "12.4", NVMLVersion: "12.550.54.15",
		Devices: []calibrate.Device{{Name: "NVIDIA H100 80GB HBM3", UUID: "GPU-fake", MemoryTotalGB: 85.0, PowerLimitW: 700}}}, nil
}

func (g *fakeGPU) Read(dst []calibrate.GPUSample, t float64) ([]calibrate.GPUSample, error) {
	g.reads.Add(1)
	loaded, slots, busy := g.srv.State()
	s := calibrate.GPUSample{TimeS: t, MemUsedGB: 0.6, PowerW: 55, SMClockMHz: 345}
	if loaded {
		s.MemUsedGB += 9 + 1.6e-4*float64(slots)
	}
	if busy {
		s.UtilPct, s.PowerW, s.SMClockMHz = 98, 310, 1980
	}
	return append(dst, s), nil
}

func (g *fakeGPU) Close() error { g.closed.Store(true); return nil }

// fakeCommand returns a command whose NVML is g, or err when err is not nil.
func fakeCommand(g *fakeGPU, err error) *command {
	return &command{openGPU: func(gpu.Options) (device, error) {
		if err != nil {
			return nil, err
		}
		return g, nil
	}}
}

// quick are the flags of a fast measurement against a fake server.
func quick(host, out string) []string {
	return []string{"--model", "qwen3:14b", "--ollama-host", host, "--out", out, "--prompts", "100,400,800",
		"--outputs", "4,16,32", "--reps", "2", "--warmup", "1", "--ctx-sizes", "1024,2048,4096", "--reloads", "1",
		"--idle", "60ms", "--settle", "40ms", "--period", "2ms"}
}

func runCmd(t *testing.T, c *command, args ...string) (string, error) {
	t.Helper()
	var out, errb strings.Builder
	err := c.run(context.Background(), args, &out, &errb)
	return out.String(), err
}

// exitStatus runs the test binary as the command with args and returns its status and stderr.
func exitStatus(t *testing.T, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "CALIBRATE_RUN_MAIN=1", "OLLAMA_HOST=")
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stderr.String()
}

package workload

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/ollama/ollama/api"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/workload/ollamatest"
)

// smallOptions is a quick workload: 2×2 grid, 2 reps, 2 context sizes × 2 reloads.
func smallOptions(host string) Options {
	return Options{Host: host, Model: "qwen3:14b", Prompts: []int{50, 200}, Outputs: []int{4, 8}, Reps: 2, Warmup: 1,
		CtxSizes: []int{1024, 2048}, Reloads: 2, Idle: 10 * time.Millisecond, Settle: 10 * time.Millisecond, Seed: 5}
}

func runSmall(t *testing.T, fo ollamatest.Options) (*Result, *ollamatest.Server) {
	t.Helper()
	fo.Models = []string{"qwen3:14b"}
	srv := ollamatest.NewServer(fo)
	t.Cleanup(srv.Close)
	c, err := New(smallOptions(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	res, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res, srv
}

// TestRunMeasures checks phases, loads and requests against the fake server's known model.
func TestRunMeasures(t *testing.T) {
	res, _ := runSmall(t, ollamatest.Options{Parallel: 2, UnloadPolls: 2, LoadDelay: 20 * time.Millisecond})
	names := []string{calibrate.PhaseIdle, calibrate.PhaseLoads, calibrate.PhaseWarmup, calibrate.PhaseGrid}
	for i, p := range res.Phases {
		if p.Name != names[i] || p.EndS < p.StartS || (i > 0 && p.StartS < res.Phases[i-1].EndS) {
			t.Errorf("phase %d: %+v", i, p)
		}
	}
	if d := res.Phases[0].EndS - res.Phases[0].StartS; len(res.Phases) != 4 || d < 0.01 {
		t.Fatalf("phases %+v", res.Phases)
	}
	if len(res.Loads) != 4 {
		t.Fatalf("%d loads, want 4", len(res.Loads))
	}
	for _, l := range res.Loads {
		// Two parallel sequences: twice the KV cache in size_vram, but context_length is per sequence.
		wantVRAM := 9 + 1.6e-4*float64(2*l.NumCtx)
		if l.ContextTokens != l.NumCtx || math.Abs(l.SizeVRAMGB-wantVRAM) > 1e-6 || l.ReloadS() < 0.02 ||
			l.UnloadS <= 0 || l.HoldEndS-l.HoldStartS < 0.01 || l.HoldStartS < l.EndS {
			t.Errorf("load %+v", l)
		}
	}
	cells := map[[2]int]int{}
	for i, q := range res.Requests {
		if (i == 0) != (q.Phase == calibrate.PhaseWarmup) {
			t.Errorf("request %d phase %s", i, q.Phase)
		}
		wantPE, wantEv := 0.01+2e-4*float64(q.PromptTokens), 0.005+0.02*float64(q.OutputTokens)
		if q.OutputTokens != q.TargetOutput || math.Abs(q.PromptEvalS-wantPE) > 1e-8 || math.Abs(q.EvalS-wantEv) > 1e-8 ||
			q.EndS <= q.StartS || q.DoneReason != "length" || q.TotalS < q.PromptEvalS+q.EvalS {
			t.Errorf("request %+v", q)
		}
		if q.Phase == calibrate.PhaseGrid {
			cells[[2]int{q.TargetPrompt, q.TargetOutput}]++
			if r := float64(q.PromptTokens) / float64(q.TargetPrompt); r < 0.95 || r > 1.05 {
				t.Errorf("asked %d prompt tokens, got %d", q.TargetPrompt, q.PromptTokens)
			}
		}
	}
	if len(cells) != 4 || len(res.Requests) != 9 {
		t.Errorf("grid cells %v, %d requests", cells, len(res.Requests))
	}
	for k, n := range cells {
		if n != 2 {
			t.Errorf("cell %v measured %d times, want 2", k, n)
		}
	}
}

// TestRunProtocol checks every request body against Ollama's protocol and the step order:
// each load follows an unload and /api/ps polls until the model is gone.
func TestRunProtocol(t *testing.T) {
	_, srv := runSmall(t, ollamatest.Options{UnloadPolls: 3})
	var seq []string
	nonces := map[string]bool{}
	for _, c := range srv.Calls() {
		if c.Path == "/api/ps" {
			seq = append(seq, "ps")
			continue
		}
		b := c.Body
		if c.Path != "/api/generate" || b["model"] != "qwen3:14b" || b["stream"] != false {
			t.Fatalf("call %s %v", c.Path, b)
		}
		opts, _ := b["options"].(map[string]any)
		switch prompt, _ := b["prompt"].(string); {
		case prompt == "" && b["keep_alive"] == "0s":
			seq = append(seq, "unload")
		case prompt == "":
			seq = append(seq, "load")
			if b["keep_alive"] != "30m0s" || opts["num_ctx"] == nil {
				t.Errorf("load body %v", b)
			}
		default:
			seq = append(seq, "gen")
			nonce := strings.Fields(prompt)[0]
			if b["raw"] != true || b["think"] != false || b["keep_alive"] != "30m0s" || opts["num_ctx"] != 1024.0 ||
				opts["temperature"] != 0.0 || opts["seed"] != 5.0 || opts["num_predict"] == nil || nonces[nonce] {
				t.Errorf("generate body %v", b)
			}
			nonces[nonce] = true
		}
	}
	got := strings.Join(seq, " ")
	cycle := "unload ps ps ps ps load ps "
	// The idle phase and the first cycle find the model unloaded already.
	want := "unload ps unload ps load ps " + strings.Repeat(cycle, 3) + strings.TrimSpace(strings.Repeat("gen ", 9))
	if got != want {
		t.Errorf("call sequence\n got %s\nwant %s", got, want)
	}
}

func TestRunDeterministic(t *testing.T) {
	prompts := func() []string {
		_, srv := runSmall(t, ollamatest.Options{})
		var out []string
		for _, c := range srv.Calls() {
			if p, _ := c.Body["prompt"].(string); p != "" {
				out = append(out, p)
			}
		}
		return out
	}
	a, b := prompts(), prompts()
	if strings.Join(a, "|") != strings.Join(b, "|") || len(a) != 9 {
		t.Error("the same seed sent different prompts")
	}
}

// TestRunIdleAfterUnload: a model left loaded (e.g. by the previous run) is unloaded before the
// idle phase starts, so the idle interval (idle power, baseline memory) is the wait alone.
func TestRunIdleAfterUnload(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}, UnloadPolls: 6})
	defer srv.Close()
	c, _ := New(smallOptions(srv.URL))
	if _, err := c.generate(context.Background(), &api.GenerateRequest{}); err != nil { // load it
		t.Fatal(err)
	}
	res, err := c.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// The unload polls /api/ps 6 times, 50 ms apart: ≥ 0.25 s. The idle wait is 10 ms.
	if p := res.Phases[0]; p.Name != calibrate.PhaseIdle || p.EndS-p.StartS > 0.2 || p.StartS < 0.25 {
		t.Errorf("idle phase %+v includes the unload", p)
	}
}

func TestRunFailure(t *testing.T) {
	srv := ollamatest.NewServer(ollamatest.Options{Models: []string{"qwen3:14b"}, FailGenerate: 3})
	defer srv.Close()
	c, _ := New(smallOptions(srv.URL))
	res, err := c.Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "grid phase") || !strings.Contains(err.Error(), "HTTP 500") ||
		!strings.Contains(err.Error(), "llama runner process has terminated") {
		t.Fatalf("err = %v", err)
	}
	if res == nil || len(res.Requests) != 2 || len(res.Loads) != 4 || len(res.Phases) != 4 {
		t.Errorf("partial result %+v", res)
	}
	ctx, cancel := context.WithCancel(context.Background())
	o := smallOptions(srv.URL)
	o.Idle = time.Hour
	c, _ = New(o)
	time.AfterFunc(20*time.Millisecond, cancel)
	t0 := time.Now()
	if _, err := c.Run(ctx); !errors.Is(err, context.Canceled) || time.Since(t0) > 5*time.Second {
		t.Errorf("cancelled run: %v after %v", err, time.Since(t0))
	}
}

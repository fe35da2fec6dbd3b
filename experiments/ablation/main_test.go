package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

func ablate(t *testing.T, out string, args ...string) {
	t.Helper()
	args = append([]string{"--quick", "--agents", "heuristic,random", "--out", out}, args...)
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestQuickAblationWritesOutputs runs a smoke ablation and checks every promised file.
func TestQuickAblationWritesOutputs(t *testing.T) {
	out := t.TempDir()
	ablate(t, out)
	for _, f := range []string{"ablation.csv", "ablation.md", "config.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "ablation.csv"))
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if want := strings.Join(csvColumns, ","); lines[0] != want {
		t.Errorf("ablation.csv header:\n%s\nwant\n%s", lines[0], want)
	}
	for _, col := range []string{"agent", "method", "load", "seed", "requests", "overall", "ran", "ai", "large_ai",
		"small_ai", "migrations_large", "migrations_total", "agent_fallbacks", "fallback_reasons", "critic_vetoes",
		"decision_latency_ms", "prompt_tokens"} {
		if !strings.Contains(","+lines[0]+",", ","+col+",") {
			t.Errorf("ablation.csv lacks column %q", col)
		}
	}
	want := []string{"heuristic,haf,", "heuristic,haf-nocritic,", "random,haf,", "random,haf-nocritic,", ",lookahead,", ",haf-static,"}
	if len(lines) != 1+len(want) {
		t.Fatalf("ablation.csv has %d lines, want header + 2 agents × 2 methods + 2 references:\n%s", len(lines), csv)
	}
	for i, p := range want {
		if !strings.HasPrefix(lines[1+i], p) {
			t.Errorf("row %d = %q, want prefix %q", i+1, lines[1+i], p)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "ablation.md"))
	for _, s := range []string{"| heuristic |", "| random |", "Critic gain", "Gap to lookahead", "lookahead (greedy, not a bound)",
		"haf-static", "paper (arXiv:2605.07547, Table II)", "| qwen3:32b | 90.0% | 1/9 | 84.7% | 2/16 | +6.3% |",
		"| gpt-oss:120b | 88.2% | 1/10 | 80.8% | 2/16 | +9.1% |"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("ablation.md lacks %q:\n%s", s, md)
		}
	}
}

// TestAblationDeterministic: the same flags give byte-identical ablation.csv, in parallel or not.
func TestAblationDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	ablate(t, a, "--parallel", "1")
	ablate(t, b, "--parallel", "4")
	x, _ := os.ReadFile(filepath.Join(a, "ablation.csv"))
	y, _ := os.ReadFile(filepath.Join(b, "ablation.csv"))
	if !bytes.Equal(x, y) || len(x) == 0 {
		t.Fatalf("ablation.csv differs between two identical runs:\n%s\n%s", x, y)
	}
}

// TestResumeSkipsFinishedRuns proves that --resume reuses stored runs instead of running them: a
// value tampered with in a stored run comes through to ablation.csv.
func TestResumeSkipsFinishedRuns(t *testing.T) {
	out := t.TempDir()
	ablate(t, out)
	path := filepath.Join(out, "runs", "heuristic_haf_load1_seed1.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tampered := regexp.MustCompile(`"overall": [0-9.]+`).ReplaceAll(b, []byte(`"overall": 0.123456`))
	if bytes.Equal(b, tampered) || os.WriteFile(path, tampered, 0o644) != nil {
		t.Fatal("could not tamper with the stored run")
	}
	ablate(t, out, "--resume")
	csv, _ := os.ReadFile(filepath.Join(out, "ablation.csv"))
	if !bytes.Contains(csv, []byte("\nheuristic,haf,1,1,1500,0.123456,")) {
		t.Errorf("the stored run was not reused:\n%s", csv)
	}
}

// TestResumeRefusesStaleRuns: after a change of --requests, --resume is an error naming a stored
// run, and --rerun-stale runs them again.
func TestResumeRefusesStaleRuns(t *testing.T) {
	out := t.TempDir()
	ablate(t, out)
	args := []string{"--quick", "--agents", "heuristic,random", "--out", out, "--requests", "1200"}
	err := run(context.Background(), append(args, "--resume"), io.Discard, io.Discard)
	if !errors.Is(err, runner.ErrStale) || !strings.Contains(err.Error(), "requests: stored 1500, now 1200") ||
		!strings.Contains(err.Error(), filepath.Join(out, "runs", "lookahead_load1_seed1.json")) {
		t.Fatalf("resume: %v, want a stale error naming lookahead_load1_seed1.json and the request count", err)
	}
	if err := run(context.Background(), append(args, "--rerun-stale"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "ablation.csv"))
	if n := strings.Count(string(csv), ",1,1,1200,"); n != 6 {
		t.Errorf("%d of 6 runs have the new request count:\n%s", n, csv)
	}
}

func TestUnknownAgent(t *testing.T) {
	err := run(context.Background(), []string{"--agents", "heuristic,gpt5", "--out", t.TempDir()}, io.Discard, io.Discard)
	var u *cli.UsageError
	if !errors.As(err, &u) || !strings.Contains(err.Error(), `unknown agent "gpt5"`) {
		t.Fatalf("got %v, want a usage error naming the unknown agent", err)
	}
}

// TestMissingReplay: a well-formed spec whose agent cannot be built fails before any run.
func TestMissingReplay(t *testing.T) {
	out := t.TempDir()
	err := run(context.Background(), []string{"--quick", "--agents", "replay:" + filepath.Join(out, "none.jsonl"),
		"--out", out}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "none.jsonl") {
		t.Fatalf("got %v, want an error naming the replay file", err)
	}
	if _, serr := os.Stat(filepath.Join(out, "runs")); serr == nil {
		t.Error("runs/ was created although the agent check failed")
	}
}

func TestSafeName(t *testing.T) {
	if got, want := safeName(`ollama:qwen3:32b`), "ollama-qwen3-32b"; got != want {
		t.Errorf("safeName = %q, want %q", got, want)
	}
	if got, want := safeName(`replay:a/b\c d.jsonl`), "replay-a-b-c-d.jsonl"; got != want {
		t.Errorf("safeName = %q, want %q", got, want)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--seeds", "0"}, {"extra"}, {"--load", "0"}, {"--agents", ""},
		{"--agents", "heuristic,heuristic"}, {"--agents", "ollama:a:b,ollama:a/b"}, {"--agents", "ollama:"},
		{"--ollama-parallel", "0"}, {"--nope"}} {
		err := run(context.Background(), append(args, "--out", t.TempDir()), io.Discard, io.Discard)
		var u *cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

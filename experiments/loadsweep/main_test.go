package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study/runner"
)

func sweep(t *testing.T, out string, args ...string) {
	t.Helper()
	args = append([]string{"--quick", "--requests", "1500", "--out", out}, args...)
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
}

// TestQuickSweepWritesOutputs runs a smoke sweep and checks every promised file.
func TestQuickSweepWritesOutputs(t *testing.T) {
	out := t.TempDir()
	sweep(t, out, "--loads", "0.75,1")
	for _, f := range []string{"summary.csv", "table.md", "loadsweep.png", "loadsweep.svg", "config.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	header := strings.SplitN(string(csv), "\n", 2)[0]
	for _, col := range []string{"load", "method", "agent", "seed", "requests", "overall", "ran", "ai", "large_ai",
		"small_ai", "urllc", "embb", "migrations_large", "migrations_total"} {
		if !strings.Contains(","+header+",", ","+col+",") {
			t.Errorf("summary.csv lacks column %q", col)
		}
	}
	methods := len(policy.PaperMethods())
	if n := strings.Count(string(csv), "\n"); n != 1+2*methods {
		t.Errorf("summary.csv has %d lines, want header + 2 loads × %d methods", n, methods)
	}
}

// TestSweepDeterministic: the same seed gives byte-identical summary.csv, in parallel or not.
func TestSweepDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	sweep(t, a, "--parallel", "1")
	sweep(t, b, "--parallel", "4")
	x, _ := os.ReadFile(filepath.Join(a, "summary.csv"))
	y, _ := os.ReadFile(filepath.Join(b, "summary.csv"))
	if !bytes.Equal(x, y) || len(x) == 0 {
		t.Fatalf("summary.csv differs between --parallel 1 and 4:\n%s\n%s", x, y)
	}
}

// TestResumeSkipsFinishedRuns proves that --resume reuses stored runs instead of running them:
// a value tampered with in a stored run comes through to summary.csv, and no run is done again.
func TestResumeSkipsFinishedRuns(t *testing.T) {
	out := t.TempDir()
	sweep(t, out)
	path := filepath.Join(out, "runs", "load1_haf-static_seed1.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	tampered := regexp.MustCompile(`"overall": [0-9.]+`).ReplaceAll(b, []byte(`"overall": 0.123456`))
	if bytes.Equal(b, tampered) || os.WriteFile(path, tampered, 0o644) != nil {
		t.Fatal("could not tamper with the stored run")
	}
	var stderr strings.Builder
	args := []string{"--quick", "--requests", "1500", "--out", out, "--resume"}
	if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if !bytes.Contains(csv, []byte(",haf-static,,1,1500,0.123456,")) {
		t.Errorf("the stored haf-static run was not reused:\n%s", csv)
	}
	n := len(policy.PaperMethods())
	if want := fmt.Sprintf("resumed %d of %d jobs", n, n); !strings.Contains(stderr.String(), want) || strings.Contains(stderr.String(), "done in") {
		t.Errorf("stderr does not say all %d runs were resumed and none run:\n%s", n, stderr.String())
	}
}

// TestResumeRefusesStaleRuns: resuming after a change of any input of the runs (request count,
// scenario file content, profile content) is an error naming a stored run and the input, and
// --rerun-stale runs them again with the new input.
func TestResumeRefusesStaleRuns(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, dir string) []string // edits files, returns the new flags
		want   string
	}{
		{"requests", func(*testing.T, string) []string { return []string{"--requests", "1000"} }, "requests: stored 1500, now 1000"},
		{"scenario file", func(t *testing.T, dir string) []string {
			writeScenario(t, filepath.Join(dir, "sc.json"), 0.5)
			return nil
		}, "scenario.nodes.0.gpu_tflops: stored"},
		{"profile file", func(t *testing.T, dir string) []string {
			os.WriteFile(filepath.Join(dir, "p.json"), []byte(`{"schema_version": 1, "name": "b", "large_ai": {"reload_s": 7}}`), 0o644)
			return nil
		}, "profile.sha256: stored"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			writeScenario(t, filepath.Join(dir, "sc.json"), 1)
			os.WriteFile(filepath.Join(dir, "p.json"), []byte(`{"schema_version": 1, "name": "a", "large_ai": {"reload_s": 6}}`), 0o644)
			base := []string{"--methods", "haf-static,haf", "--scenario", filepath.Join(dir, "sc.json"), "--profile", filepath.Join(dir, "p.json")}
			sweep(t, out, base...)
			args := append(append([]string{"--quick", "--requests", "1500", "--out", out}, base...), tt.change(t, dir)...)
			err := run(context.Background(), append(args, "--resume"), io.Discard, io.Discard)
			if !errors.Is(err, runner.ErrStale) || !strings.Contains(err.Error(), filepath.Join(out, "runs", "load1_haf-static_seed1.json")) ||
				!strings.Contains(err.Error(), tt.want) {
				t.Fatalf("resume: %v, want a stale error naming load1_haf-static_seed1.json and %q", err, tt.want)
			}
			if err := run(context.Background(), append(args, "--rerun-stale"), io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
			if tt.name == "requests" && !bytes.Contains(csv, []byte(",haf-static,,1,1000,")) {
				t.Errorf("--rerun-stale did not run with the new request count:\n%s", csv)
			}
		})
	}
}

// writeScenario writes the paper scenario with node 0's GPU capacity scaled by gpu to path.
func writeScenario(t *testing.T, path string, gpu float64) {
	t.Helper()
	sc := scenario.Default()
	sc.Nodes[0].GPU *= gpu
	b, err := json.Marshal(sc)
	if err == nil {
		err = os.WriteFile(path, b, 0o644)
	}
	if err != nil {
		t.Fatal(err)
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--methods", "nope"}, {"--loads", "0"}, {"--seeds", "0"}, {"extra"}} {
		err := run(context.Background(), args, io.Discard, io.Discard)
		var u *cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

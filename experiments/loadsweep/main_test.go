package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/policy"
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

// TestResumeSkipsFinishedRuns deletes the outputs but keeps runs/, then resumes.
func TestResumeSkipsFinishedRuns(t *testing.T) {
	out := t.TempDir()
	sweep(t, out)
	before, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	os.Remove(filepath.Join(out, "summary.csv"))
	sweep(t, out, "--resume")
	after, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if !bytes.Equal(before, after) {
		t.Fatal("resumed sweep differs")
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

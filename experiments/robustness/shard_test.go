package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "robustness", Run: run,
		Args:    []string{"--methods", "haf-static,haf", "--requests", "300", "--variants", "paper,random-placement", "--parallel", "1"},
		Outputs: []string{"summary.csv", "robustness.md", "robustness.png", "robustness.svg"}}, 3)
}

// TestPartialMerge: a merge with --allow-partial after a lost run keeps every other run with its
// own variant.
func TestPartialMerge(t *testing.T) {
	out := t.TempDir()
	args := []string{"--methods", "haf-static", "--requests", "300", "--seeds", "1", "--variants", "paper,capacity-minus50,deadlines-x2", "--parallel", "1", "--out", out}
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "runs", "capacity-minus50_load1_haf-static_seed1.json")); err != nil {
		t.Fatal(err)
	}
	if err := run(context.Background(), append(args, "--merge"), io.Discard, io.Discard); err == nil {
		t.Fatal("a merge with a run missing succeeded")
	}
	if err := run(context.Background(), append(args, "--merge", "--allow-partial"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[1], "paper,") || !strings.HasPrefix(lines[2], "deadlines-x2,") {
		t.Errorf("partial summary.csv:\n%s", csv)
	}
}

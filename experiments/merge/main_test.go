package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

// TestMergeCommand builds loadsweep, runs a small sweep on one machine and in two shards (one of
// them first stopped part-way), and checks merge's status, its refusal while a run is missing,
// and that its outputs equal the one-machine run's byte for byte.
func TestMergeCommand(t *testing.T) {
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin, "../loadsweep")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	sweep := func(args ...string) {
		t.Helper()
		base := []string{"--quick", "--requests", "300", "--methods", "haf,round-robin", "--seeds", "2", "--parallel", "1"}
		cmd := exec.Command(filepath.Join(bin, "loadsweep"), append(base, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("loadsweep %q: %v\n%s", args, err, out)
		}
	}
	whole, dir := t.TempDir(), t.TempDir()
	sweep("--out", whole)
	sweep("--out", dir, "--plan", filepath.Join(dir, "p.json"), "--shards", "2")
	sweep("--out", dir, "--shard", "0/2")
	merge := func(args ...string) (string, error) {
		var out bytes.Buffer
		err := run(context.Background(), append([]string{"--in", dir, "--bin", bin}, args...), &out, io.Discard)
		return out.String(), err
	}
	out, err := merge("--status")
	if err != nil || !strings.Contains(out, "2 of 4 runs done, 2 missing") || !strings.Contains(out, "shard 1/2: 0 of 2 runs done, never started") {
		t.Errorf("status: %v\n%s", err, out)
	}
	out, err = merge()
	var inc *runner.IncompleteError
	if !errors.As(err, &inc) || len(inc.Missing) != 2 {
		t.Errorf("merge with shard 1/2 missing: %v\n%s", err, out)
	}
	sweep("--out", dir, "--shards", "2", "--index", "1")
	if out, err = merge(); err != nil {
		t.Fatalf("merge: %v\n%s", err, out)
	}
	for _, f := range []string{"summary.csv", "table.md", "loadsweep.png", "loadsweep.svg"} {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the merge differs from the one-machine run", f)
		}
	}
}

func TestMergeErrors(t *testing.T) {
	var u *cli.UsageError
	if err := run(context.Background(), nil, io.Discard, io.Discard); !errors.As(err, &u) {
		t.Errorf("no --in: %v, want a usage error", err)
	}
	err := run(context.Background(), []string{"--in", t.TempDir()}, io.Discard, io.Discard)
	if !errors.Is(err, runner.ErrNoPlan) {
		t.Errorf("no plan: %v", err)
	}
}

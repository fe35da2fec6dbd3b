package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/airansim/airansim/internal/cli"
)

// TestShardedCollection: collecting in two shards and training in the merge gives the dataset,
// weights and loss curve of the one-machine run, byte for byte (report.md and report.json differ
// only by their wall-clock times).
func TestShardedCollection(t *testing.T) {
	args := []string{"--loads", "1", "--seeds", "3", "--requests", "1500", "--epochs", "2", "--parallel", "1"}
	call := func(out string, extra ...string) error {
		return run(context.Background(), append(append(append([]string{}, args...), "--out", out), extra...), io.Discard, io.Discard)
	}
	whole, dir := t.TempDir(), t.TempDir()
	if err := call(whole); err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		if err := call(dir, "--shard", fmt.Sprintf("%d/2", k)); cli.Settle(io.Discard, "traincritic", err) != nil {
			t.Fatalf("shard %d: %v", k, err)
		}
		if _, err := os.Stat(filepath.Join(dir, "weights.json")); err == nil {
			t.Fatal("a shard trained")
		}
	}
	if err := call(dir, "--merge"); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"dataset.parquet", "weights.json", "loss.csv"} {
		a, _ := os.ReadFile(filepath.Join(whole, f))
		b, _ := os.ReadFile(filepath.Join(dir, f))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s of the merge differs from the one-machine run", f)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-summary.csv from the current code")

// TestGoldenSummary proves that a change leaves the default sweep's summary.csv (the embedded
// defaults, seed 1) byte-identical to testdata/golden-summary.csv. A change meant to alter results
// regenerates it with `go test ./experiments/loadsweep -run TestGoldenSummary -update` and says why
// in its commit.
func TestGoldenSummary(t *testing.T) {
	if testing.Short() {
		t.Skip("the full default sweep")
	}
	out := t.TempDir()
	if err := run(context.Background(), []string{"--out", out}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "golden-summary.csv")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("summary.csv of the default sweep changed:\n got:\n%s\nwant:\n%s", got, want)
	}
}

package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestSmokeDeterministic: the quick run writes every output, and runs with --parallel 1 and 2 give
// byte-identical summaries, series and tables.
func TestSmokeDeterministic(t *testing.T) {
	var outs []string
	for _, p := range []string{"1", "2"} {
		out := t.TempDir()
		if err := run(context.Background(), []string{"--quick", "--seeds", "2", "--parallel", p, "--out", out}, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		outs = append(outs, out)
	}
	for _, name := range []string{"summary.csv", "summary.parquet", "series.csv", "table.md", "replicas.svg", "cpu.svg", "admitted.svg", "config.json"} {
		a, err := os.ReadFile(filepath.Join(outs[0], name))
		if err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(outs[1], name))
		if err != nil {
			t.Fatal(err)
		}
		if name != "config.json" && !bytes.Equal(a, b) {
			t.Errorf("%s differs between --parallel 1 and 2", name)
		}
	}
}

package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/airansim/airansim/policy"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-requests.txt from the current code")

// goldenLoads are the default sweep's loads.
var goldenLoads = []string{"0.75", "1", "1.25"}

// TestGoldenRequests proves that a change leaves every request's outcome of the default sweep (the
// paper's methods at its three loads, seed 1, the embedded defaults) byte-identical: it compares the
// SHA-256 of each run's requests.csv with testdata/golden-requests.txt. A change meant to alter
// results regenerates the file with `go test ./experiments/run -run TestGoldenRequests -update` and
// says why in its commit.
func TestGoldenRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("21 full runs")
	}
	var got bytes.Buffer
	for _, m := range policy.PaperMethods() {
		for _, load := range goldenLoads {
			dir := t.TempDir()
			args := []string{"--method", m, "--load", load, "--seed", "1", "--out", dir}
			if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
				t.Fatalf("%s at %s: %v", m, load, err)
			}
			b, err := os.ReadFile(filepath.Join(dir, "requests.csv"))
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&got, "%s load=%s seed=1 requests.csv sha256=%x\n", m, load, sha256.Sum256(b))
		}
	}
	path := filepath.Join("testdata", "golden-requests.txt")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with -update)", err)
	}
	if !bytes.Equal(got.Bytes(), want) {
		t.Fatalf("requests.csv of the default sweep changed:\n got:\n%s\nwant:\n%s", got.String(), want)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
)

// TestSmoke runs every reference on two seeds of a tiny run and checks the promised files and the
// dominance checks.
func TestSmoke(t *testing.T) {
	out := t.TempDir()
	var stderr bytes.Buffer
	args := []string{"--requests", "300", "--seeds", "2", "--width", "1", "--restarts", "1", "--out", out}
	if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	csv, err := os.ReadFile(filepath.Join(out, "bound.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if lines[0] != strings.Join(csvColumns, ",") || len(lines) != 1+2*len(allRefs) {
		t.Fatalf("bound.csv: header %q and %d rows, want %d rows", lines[0], len(lines)-1, 2*len(allRefs))
	}
	overall := map[string]float64{}
	for _, l := range lines[1:] {
		f := strings.Split(l, ",")
		v, err := strconv.ParseFloat(f[5], 64)
		if err != nil || v <= 0 || v > 1 {
			t.Errorf("row %q: overall %q", l, f[5])
		}
		overall[f[2]+f[3]] = v
	}
	for _, s := range []string{"1", "2"} {
		if overall[s+refBeam] < overall[s+refGreedy] || overall[s+refStatic] < overall[s+refHAFStatic] {
			t.Errorf("seed %s: beam %v < greedy %v or best-static %v < haf-static %v", s, overall[s+refBeam],
				overall[s+refGreedy], overall[s+refStatic], overall[s+refHAFStatic])
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "bound.md"))
	for _, s := range []string{"| greedy lookahead (`lookahead`) |", "| beam search |", "| best static placement |",
		"beam ≥ lookahead (overall) on 2 of 2 seeds", "best-static ≥ haf-static (overall) on 2 of 2 seeds"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("bound.md lacks %q:\n%s", s, md)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "config.json")); err != nil || !strings.Contains(stderr.String(), "beam") {
		t.Errorf("config.json: %v; progress on stderr: %q", err, stderr.String())
	}
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{{"--seeds", "0"}, {"--width", "0"}, {"--loads", "-1"}, {"--references", "nope"},
		{"--references", "beam,beam"}, {"--restarts", "-1"}, {"--score-window", "-2"}, {"stray"}} {
		var u *cli.UsageError
		if err := run(context.Background(), append(args, "--out", t.TempDir()), io.Discard, io.Discard); !errors.As(err, &u) {
			t.Errorf("%v: error %v, want a usage error", args, err)
		}
	}
}

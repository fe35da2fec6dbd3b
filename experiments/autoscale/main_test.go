package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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

// TestAutoscalingFile: --autoscaling takes hautoscale's constants from a scenario file's section
// (its keys win over the flags): up_cpu 0.05 (down_cpu 0.01) makes the quick run (≈ 20 % of a replica) scale up,
// max_replicas 1 then holds it at one replica; a bad key is refused naming the file and the key.
func TestAutoscalingFile(t *testing.T) {
	example, err := os.ReadFile(filepath.Join("testdata", "autoscaling.json"))
	if err != nil {
		t.Fatal(err)
	}
	write := func(pairs ...string) string {
		b := example
		for k := 0; k < len(pairs); k += 2 {
			b = bytes.Replace(b, []byte(pairs[k]), []byte(pairs[k+1]), 1)
		}
		p := filepath.Join(t.TempDir(), "s.json")
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	low := []string{`"up_cpu": 0.8`, `"up_cpu": 0.05`, `"down_cpu": 0.1,`, `"down_cpu": 0.01,`}
	peak := func(file string) int {
		out := t.TempDir()
		if err := run(context.Background(), []string{"--quick", "--methods", "hautoscale", "--out", out, "--autoscaling", file}, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		cols, vals := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
		n, _ := strconv.Atoi(vals[slices.Index(cols, "peak_replicas")])
		return n
	}
	if got := peak(write(low...)); got < 2 {
		t.Errorf("up_cpu 0.05: peak %d replicas, want ≥ 2", got)
	}
	if got := peak(write(append(low, `"max_replicas": 3`, `"max_replicas": 1`)...)); got != 1 {
		t.Errorf("max_replicas 1: peak %d replicas, want 1", got)
	}
	bad := write(`"down_hold_s": 180`, `"down_hold_s": -180`)
	err = run(context.Background(), []string{"--quick", "--out", t.TempDir(), "--autoscaling", bad}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "autoscaling.down_hold_s") || !strings.Contains(err.Error(), bad) {
		t.Errorf("bad section: %v, want an error naming %s and autoscaling.down_hold_s", err, bad)
	}
}

// TestCrashAndAdmission: 60 xApps (≈ 2.1 cores) on one 2-core replica. Single-server under the crash
// model (K = 2) crashes and ends requests dropped; hautoscale held at one replica with the PWL
// admission refuses xApps, which are neither deployed nor admitted, and keeps every SLA ≥ 99 % (the
// requests cut at the horizon count as misses).
func TestCrashAndAdmission(t *testing.T) {
	out := t.TempDir()
	args := []string{"--out", out, "--xapps", "60", "--horizon", "300", "--interval", "2", "--methods", "single-server,hautoscale",
		"--crash-ticks", "2", "--admission", "pwl", "--seeds", "1", "--max-replicas", "1"}
	if err := run(context.Background(), args, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(out, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	cols := strings.Split(lines[0], ",")
	get := func(row []string, col string) float64 {
		v, err := strconv.ParseFloat(row[slices.Index(cols, col)], 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, l := range lines[1:] {
		row := strings.Split(l, ",")
		switch row[0] {
		case "single-server":
			if get(row, "crashes") == 0 || get(row, "crashed_requests") == 0 || get(row, "refused") != 0 {
				t.Errorf("single-server: %s", l)
			}
		case "hautoscale":
			if r := get(row, "refused"); r == 0 || get(row, "deployed")+r != 60 || get(row, "admitted") > get(row, "deployed") ||
				get(row, "crashes") != 0 || min(get(row, "sla_r1"), get(row, "sla_r2"), get(row, "sla_r3")) < 0.99 {
				t.Errorf("hautoscale: %s", l)
			}
		}
	}
}

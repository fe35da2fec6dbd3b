package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunWritesRecords checks the files and that the same seed gives byte-identical requests.csv.
func TestRunWritesRecords(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := run(context.Background(), []string{"--requests", "1000", "--out", dir}, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "requests.csv"))
	y, _ := os.ReadFile(filepath.Join(b, "requests.csv"))
	if !bytes.Equal(x, y) {
		t.Fatal("requests.csv differs between two runs with the same seed")
	}
	if n := strings.Count(string(x), "\n"); n != 1001 {
		t.Errorf("requests.csv has %d lines, want 1001", n)
	}
	if !strings.HasPrefix(string(x), "id,class,category,service,cell,node,arrival_s,finish_s,latency_s,deadline_s,met,finished") {
		t.Errorf("header %q", strings.SplitN(string(x), "\n", 2)[0])
	}
	for _, f := range []string{"requests.parquet", "summary.json"} {
		if _, err := os.Stat(filepath.Join(a, f)); err != nil {
			t.Error(err)
		}
	}
}

// TestRunBadScenario names the file and the rule.
func TestRunBadScenario(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "bad.json")
	os.WriteFile(path, []byte(`{"name":"x","nodez":[]}`), 0o644)
	err := run(context.Background(), []string{"--scenario", path, "--out", dir}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "bad.json") || !strings.Contains(err.Error(), "nodez") {
		t.Fatalf("got %v", err)
	}
}

// TestRunRequestTrace replays a generic request trace naming the paper scenario's services and cells,
// and rejects one naming an unknown service with file, line and column.
func TestRunRequestTrace(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.csv")
	os.WriteFile(good, []byte("class,service,cell,arrival_s,deadline_s,prompt_tokens,output_tokens,gpu_work_tflop,cpu_work_core_s,kv_gb\n"+
		"urllc,,cell-0,0.000,0.001,,,,,\n"+
		"ai,llm-a,cell-1,0.010,2.0,1200,40,,,\n"+
		"embb,,cell-2,0.012,0.004,,,,,\n"+
		"ai,small-0,cell-3,0.020,0.5,,,0.02,0.001,0.05\n"), 0o644)
	out := filepath.Join(dir, "out")
	if err := run(context.Background(), []string{"--request-trace", good, "--out", out}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "requests.csv"))
	if n := strings.Count(string(csv), "\n"); n != 5 || !strings.Contains(string(csv), "llm-a") || !strings.Contains(string(csv), "small-0") {
		t.Fatalf("requests.csv:\n%s", csv)
	}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("class,service,cell,arrival_s,deadline_s,gpu_work_tflop,cpu_work_core_s,kv_gb\n"+
		"ai,llm-z,cell-1,0.010,2.0,1,0,0.1\n"), 0o644)
	err := run(context.Background(), []string{"--request-trace", bad, "--out", out}, io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "bad.csv:2") || !strings.Contains(err.Error(), "service") {
		t.Fatalf("got %v, want an error naming bad.csv:2 and the service column", err)
	}
}

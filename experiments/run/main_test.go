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

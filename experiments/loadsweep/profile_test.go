package main

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSweepRecordsProfile: the profile is printed and recorded in config.json.
func TestSweepRecordsProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "h100.json")
	os.WriteFile(prof, []byte(`{"schema_version": 1, "name": "h100-test", "large_ai": {"reload_s": 6}}`), 0o644)
	out := filepath.Join(dir, "out")
	var stderr strings.Builder
	args := []string{"--quick", "--requests", "500", "--methods", "haf-static", "--out", out, "--profile", prof}
	if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	want := prof + ` ("h100-test")`
	if !strings.Contains(stderr.String(), "cost profile "+want) {
		t.Errorf("stderr lacks the profile:\n%s", stderr.String())
	}
	var cfg struct {
		Profile string `json:"cost_profile"`
		File    string `json:"cost_profile_file"`
	}
	b, err := os.ReadFile(filepath.Join(out, "config.json"))
	if err != nil || json.Unmarshal(b, &cfg) != nil || cfg.Profile != want || cfg.File != prof {
		t.Errorf("config.json: %v %+v", err, cfg)
	}
}

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

// TestRunRecordsProfile: the profile used is printed and recorded in config.json, and it changes
// the results.
func TestRunRecordsProfile(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "slow.json")
	os.WriteFile(prof, []byte(`{"schema_version": 1, "name": "slow-decode", "large_ai": {"decode_tflop_per_token": 0.084}}`), 0o644)
	tests := []struct {
		name, profile, wantLabel string
	}{
		{"defaults", "", "built-in defaults"},
		{"profile", prof, `slow.json ("slow-decode")`},
	}
	summaries := map[string]string{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(dir, tt.name)
			var stderr strings.Builder
			args := []string{"--requests", "600", "--out", out, "--profile", tt.profile}
			if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(stderr.String(), "cost profile ") || !strings.Contains(stderr.String(), tt.wantLabel) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.wantLabel)
			}
			var cfg struct {
				Profile string `json:"cost_profile"`
				File    string `json:"cost_profile_file"`
			}
			b, err := os.ReadFile(filepath.Join(out, "config.json"))
			if err != nil || json.Unmarshal(b, &cfg) != nil || !strings.Contains(cfg.Profile, tt.wantLabel) || cfg.File != tt.profile {
				t.Errorf("config.json: %v %s", err, b)
			}
			s, _ := os.ReadFile(filepath.Join(out, "summary.json"))
			summaries[tt.name] = string(s)
		})
	}
	if summaries["defaults"] == summaries["profile"] {
		t.Error("the profile did not change the results")
	}
}

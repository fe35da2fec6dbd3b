package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestProfileFileAndLabel(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "h100.json"), []byte(`{"schema_version": 1, "name": "h100-test"}`), 0o644)
	withProfile := func(profile, path string) *Scenario {
		s := Default()
		s.Profile, s.path = profile, path
		return s
	}
	abs := filepath.Join(dir, "h100.json")
	tests := []struct {
		name      string
		s         *Scenario
		override  string
		wantFile  string
		wantLabel string
	}{
		{"defaults", Default(), "", "", "built-in defaults"},
		{"override", Default(), abs, abs, `h100.json ("h100-test")`},
		{"relative to the scenario file", withProfile("h100.json", filepath.Join(dir, "s.json")), "", abs, `("h100-test")`},
		{"override wins", withProfile("other.json", filepath.Join(dir, "s.json")), abs, abs, "h100-test"},
		{"absolute in the scenario", withProfile(abs, "/elsewhere/s.json"), "", abs, "h100-test"},
		{"unreadable", Default(), filepath.Join(dir, "missing.json"), filepath.Join(dir, "missing.json"), "missing.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.ProfileFile(tt.override); got != tt.wantFile {
				t.Errorf("ProfileFile = %q, want %q", got, tt.wantFile)
			}
			if got := tt.s.ProfileLabel(tt.override); !strings.Contains(got, tt.wantLabel) {
				t.Errorf("ProfileLabel = %q, want …%s…", got, tt.wantLabel)
			}
		})
	}
}

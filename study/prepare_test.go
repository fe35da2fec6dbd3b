package study

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPrepareWritesConfig(t *testing.T) {
	out := filepath.Join(t.TempDir(), "a", "b")
	flags := struct{ Seeds int }{3}
	sc, err := Prepare("testcmd", "", "", out, flags, map[string]any{"extra": "x"})
	if err != nil || sc == nil {
		t.Fatalf("Prepare: %v", err)
	}
	b, err := os.ReadFile(filepath.Join(out, "config.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]any{"command": "testcmd", "extra": "x", "cost_profile": "built-in defaults (docs/profile.md)"} {
		if got[k] != want {
			t.Errorf("config.json %s = %v, want %v", k, got[k], want)
		}
	}
	if f, _ := got["flags"].(map[string]any); f["Seeds"] != 3.0 {
		t.Errorf("flags not recorded: %v", got["flags"])
	}
	if _, ok := got["scenario"]; !ok {
		t.Error("scenario not recorded")
	}
}

func TestPrepareBadScenario(t *testing.T) {
	_, err := Prepare("testcmd", filepath.Join(t.TempDir(), "missing.json"), "", t.TempDir(), nil, nil)
	if err == nil || !strings.Contains(err.Error(), "missing.json") {
		t.Fatalf("error %v, want one naming the file", err)
	}
}

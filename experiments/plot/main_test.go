package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
)

func TestPlotErrors(t *testing.T) {
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"--in", t.TempDir()}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "no run results") {
		t.Errorf("empty directory: error %v, want one saying there are no runs", err)
	}
	var ue *cli.UsageError
	if err := run(context.Background(), []string{"stray"}, &out, &errs); !errors.As(err, &ue) {
		t.Errorf("stray argument: error %v, want a usage error", err)
	}
}

func TestPlotRedraws(t *testing.T) {
	dir := t.TempDir()
	runs := filepath.Join(dir, "runs")
	if err := os.MkdirAll(runs, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, m := range []string{"haf", "haf-static"} {
		js := `{"load":1,"method":"` + m + `","seed":1,"overall":0.8,"ran":1,"ai":0.6,"large_ai":0.5,"small_ai":0.9}`
		if err := os.WriteFile(filepath.Join(runs, m+".json"), []byte(js), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"--in", dir}, &out, &errs); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"summary.csv", "table.md", "loadsweep.png", "loadsweep.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	if !strings.Contains(out.String(), "plot: 2 runs") {
		t.Errorf("output %q", out.String())
	}
}

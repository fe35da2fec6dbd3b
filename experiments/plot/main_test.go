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
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
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

// TestPlotPlanned: with a plan, plot reads the planned runs and names a missing one.
func TestPlotPlanned(t *testing.T) {
	dir := t.TempDir()
	var jobs []runner.Job[study.Result]
	for _, m := range []string{"haf", "haf-static", "round-robin"} {
		r := study.Result{Load: 1, Method: m, Seed: 1, Overall: 0.5, RAN: 1, AI: 0.25}
		jobs = append(jobs, runner.Job[study.Result]{Key: m, Inputs: m,
			Run: func(context.Context) (study.Result, error) { return r, nil }})
	}
	o := runner.Options{Dir: filepath.Join(dir, "runs"), Sharding: runner.Sharding{PlanFile: filepath.Join(dir, study.PlanFile)}}
	if _, err := runner.Run(context.Background(), jobs, o); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "runs", "stray.json"), []byte(`{"load":2,"method":"x"}`), 0o644)
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"--in", dir}, &out, &errs); err != nil || !strings.Contains(out.String(), "plot: 3 runs") {
		t.Fatalf("%v, %q: want the 3 planned runs, not the stray one", err, out.String())
	}
	os.Remove(filepath.Join(dir, "runs", "haf-static.json"))
	err := run(context.Background(), []string{"--in", dir}, &out, &errs)
	var inc *runner.IncompleteError
	if !errors.As(err, &inc) || !strings.Contains(err.Error(), "missing: haf-static") {
		t.Errorf("missing run: %v", err)
	}
	out.Reset()
	if err := run(context.Background(), []string{"--in", dir, "--allow-partial"}, &out, &errs); err != nil || !strings.Contains(out.String(), "plot: 2 runs") {
		t.Errorf("--allow-partial: %v, %q", err, out.String())
	}
}

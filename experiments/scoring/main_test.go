package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
	"github.com/airansim/airansim/scenario"
)

// readSummary returns summary.csv's rows as column → value maps.
func readSummary(t *testing.T, dir string) []map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "summary.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, c := range recs[0] {
			m[c] = r[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, m map[string]string, col string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(m[col], 64)
	if err != nil {
		t.Fatalf("%s %s: %q: %v", m["method"], col, m[col], err)
	}
	return v
}

// TestQuick runs --quick and checks the experiment's claims on it: the power-cap mode's own forecast
// stays under the cap at every epoch and it deploys on the lowest-peak layout, costing fulfillment;
// the performance mode meets more requests and uses more energy; both reconfigure once; every
// method's monitoring hub made calls without errors. (haf+scores differs from haf through its scores
// critic, even with the heuristic agent, which ignores the prompt's scores.)
func TestQuick(t *testing.T) {
	out := t.TempDir()
	if err := run(context.Background(), []string{"--quick", "--out", out, "--parallel", "1"}, io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"summary.csv", "table.md", "scoring.png", "scoring.svg", "config.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	by := map[string]map[string]string{}
	for _, r := range readSummary(t, out) {
		by[r["method"]] = r
	}
	if len(by) != len(knownMethods()) {
		t.Fatalf("methods %d, want %d", len(by), len(knownMethods()))
	}
	perf, capped := by[methodDSPerformance], by[methodDSPowerCap]
	if v := num(t, capped, "ds_forecast_over_cap_epochs"); v != 0 {
		t.Errorf("power-cap mode: %g epochs with its forecast over the cap", v)
	}
	if num(t, capped, "ds_power_cap_epochs") != num(t, capped, "epochs") {
		t.Errorf("power-cap mode left the mode: %s of %s epochs", capped["ds_power_cap_epochs"], capped["epochs"])
	}
	if num(t, perf, "overall") <= num(t, capped, "overall") || num(t, perf, "energy_j") <= num(t, capped, "energy_j") {
		t.Errorf("performance (overall %s, %s J) vs power-cap (%s, %s J): want more fulfillment and more energy",
			perf["overall"], perf["energy_j"], capped["overall"], capped["energy_j"])
	}
	for _, m := range []map[string]string{perf, capped} {
		if num(t, m, "reconfigurations") != 1 || num(t, m, "ds_deployed") != 1 {
			t.Errorf("%s: %s reconfigurations, %s deployed; want 1 and 1", m["method"], m["reconfigurations"], m["ds_deployed"])
		}
	}
	for m, r := range by {
		if num(t, r, "scorer_calls") == 0 || num(t, r, "scorer_errors") != 0 {
			t.Errorf("%s: monitoring hub %s calls, %s errors", m, r["scorer_calls"], r["scorer_errors"])
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "table.md"))
	if !bytes.Contains(md, []byte("| 0.35 | 5 | dynamic-scoring-power-cap |")) {
		t.Errorf("table.md lacks the power-cap row:\n%s", md)
	}
}

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte, but for
// the wall-clock columns of summary.csv.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "scoring", Run: run,
		Args:    []string{"--quick", "--requests", "1500", "--methods", "haf-static,dynamic-scoring-power-cap", "--reconfigure-delay", "0,5", "--parallel", "1"},
		Outputs: []string{"summary.csv", "table.md", "scoring.png", "scoring.svg"}, Normalize: blankWall}, 3)
}

// blankWall empties summary.csv's wall-clock columns.
func blankWall(file string, b []byte) []byte {
	if file != "summary.csv" {
		return b
	}
	recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		return b
	}
	for i, c := range recs[0] {
		if strings.HasSuffix(c, "wall_ms") {
			for _, r := range recs[1:] {
				r[i] = ""
			}
		}
	}
	var out bytes.Buffer
	w := csv.NewWriter(&out)
	w.WriteAll(recs)
	return out.Bytes()
}

// TestHelpAndFlags: --help explains every flag; bad values are refused; --scenario reads a file
// through scenario.Load and a broken one is refused naming the file and the key.
func TestHelpAndFlags(t *testing.T) {
	var help bytes.Buffer
	err := run(context.Background(), []string{"--help"}, io.Discard, &help)
	if err == nil && help.Len() == 0 {
		t.Fatal("no help")
	}
	for _, want := range []string{"--reconfigure-delay", "--cap-w", "--forecast-horizon", "--methods", "--loads", "--quick",
		"--plan", "--shard", "--merge", "dynamic-scoring-power-cap", "haf+scores", "table.md"} {
		if !strings.Contains(help.String(), want) {
			t.Errorf("--help lacks %q", want)
		}
	}
	for _, args := range [][]string{{"--cap-w", "0"}, {"--reconfigure-delay", "-1"}, {"--methods", "nope"}, {"--loads", "0"}} {
		if err := run(context.Background(), append(args, "--out", t.TempDir()), io.Discard, io.Discard); err == nil {
			t.Errorf("%v accepted", args)
		}
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	data := bytes.Replace(scenario.AITRASJSON(), []byte(`"2g.20gb@2"`), []byte(`"2g.20gb@1"`), 1)
	os.WriteFile(bad, data, 0o644)
	err = run(context.Background(), []string{"--quick", "--scenario", bad, "--out", t.TempDir()}, io.Discard, io.Discard)
	if !errors.Is(err, scenario.ErrInvalid) || !strings.Contains(err.Error(), bad) || !strings.Contains(err.Error(), "mig.layout") {
		t.Errorf("broken scenario: %v", err)
	}
}

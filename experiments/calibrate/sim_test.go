package main

import (
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/traces"
)

// profileFrom writes synthetic samples with options o, refits them with the command and returns
// the profile's path and its cost model.
func profileFrom(t *testing.T, dir, name string, o calibrate.SyntheticOptions) (string, traces.CostModel) {
	t.Helper()
	samples := filepath.Join(dir, name+".parquet")
	if err := writeSamples(samples, calibrate.Synthetic(o)); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name+".json")
	if _, err := runCmd(t, fakeCommand(nil, nil), "--from-samples", samples, "--out", path); err != nil {
		t.Fatal(err)
	}
	p, err := traces.LoadProfile(path)
	if err != nil {
		t.Fatal(err)
	}
	return path, p.CostModel()
}

// aiTrace writes a generic request trace of large-AI requests only: one every 0.15 s for 60 s,
// with tokens and deadlines that vary by request, so that the profile alone sets the GPU work.
func aiTrace(t *testing.T, dir string) string {
	var b strings.Builder
	b.WriteString("class,service,cell,arrival_s,deadline_s,prompt_tokens,output_tokens\n")
	for i := range 400 {
		fmt.Fprintf(&b, "ai,llm-%c,cell-%d,%.3f,%.2f,%d,%d\n", 'a'+i%2, i%6, 0.15*float64(i), 0.25+0.05*float64(i%5),
			200+(i*397)%1800, 50+(i*131)%350)
	}
	path := filepath.Join(dir, "ai.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestProfileChangesSimulation: a profile written by calibrate from a GPU whose decode is twice as
// slow doubles decode_tflop_per_token, leaves the prefill alone, and lowers large-AI fulfillment
// on the same requests; the simulator uses exactly the profile's numbers.
func TestProfileChangesSimulation(t *testing.T) {
	dir := t.TempDir()
	base := calibrate.SyntheticOptions{Seed: 3}
	slow := base
	slow.DecodeS = 2 * 0.042 / (989.5 * 0.45)
	pathA, a := profileFrom(t, dir, "base", base)
	pathB, b := profileFrom(t, dir, "slow-decode", slow)
	if r := b.Large.DecodeTFLOPPerToken / a.Large.DecodeTFLOPPerToken; math.Abs(r-2) > 0.1 {
		t.Errorf("decode ratio %v, want 2", r)
	}
	if r := b.Large.PrefillTFLOPPerToken / a.Large.PrefillTFLOPPerToken; math.Abs(r-1) > 0.06 {
		t.Errorf("prefill ratio %v, want 1", r)
	}
	if w, _ := b.Large.Cost(1000, 200); math.Abs(w.GPU-(1000*b.Large.PrefillTFLOPPerToken+200*b.Large.DecodeTFLOPPerToken)) > 1e-12 {
		t.Errorf("cost model does not use the profile: %v", w.GPU)
	}
	trace := aiTrace(t, dir)
	sc := scenario.Default()
	fulfil := func(profile string) float64 {
		res, err := study.Run(context.Background(), study.Spec{Scenario: sc, Method: "haf-static", Seed: 1,
			RequestTrace: trace, Profile: profile})
		if err != nil {
			t.Fatal(err)
		}
		if res.Requests != 400 {
			t.Fatalf("%d requests simulated", res.Requests)
		}
		return float64(res.LargeAI)
	}
	fa, fb := fulfil(pathA), fulfil(pathB)
	t.Logf("large-AI fulfillment: measured profile %.3f, decode twice as slow %.3f", fa, fb)
	if !(fb < fa-0.05) || fa < 0.2 {
		t.Errorf("large-AI fulfillment %.3f with the slow-decode profile, %.3f with the base one: want clearly lower", fb, fa)
	}
	built, err := sc.Build(scenario.BuildOptions{RequestTrace: trace, Profile: pathB})
	if err != nil {
		t.Fatal(err)
	}
	defer built.Close()
	if built.Profile != pathB {
		t.Errorf("built with profile %q", built.Profile)
	}
	for _, sv := range built.Config.Services {
		if sv.Category == sim.LargeAI && sv.ReconfigS != b.Large.ReloadS {
			t.Errorf("%s: R_s %v, want the profile's %v", sv.Name, sv.ReconfigS, b.Large.ReloadS)
		}
	}
}

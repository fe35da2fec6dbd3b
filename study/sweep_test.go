package study

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/study/runner"
	"github.com/airansim/airansim/traces"
)

// quickSpecs are two short runs of the paper scenario.
func quickSpecs() []Spec {
	var specs []Spec
	for _, m := range []string{"haf-static", "haf"} {
		specs = append(specs, Spec{Scenario: scenario.Default(), Method: m, Load: 1, Seed: 3, Requests: 300})
	}
	return specs
}

func writeProfile(t *testing.T, path string, reload float64) {
	t.Helper()
	js := `{"schema_version": 1, "name": "test", "large_ai": {"reload_s": ` + strconv.FormatFloat(reload, 'g', -1, 64) + `}}`
	if err := os.WriteFile(path, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSweepResumeStale: a resumed sweep refuses every stored run whose inputs changed, naming the
// file and the input, and runs it again with RerunStale.
func TestSweepResumeStale(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, s *Spec, dir string)
		want   string // in the error
	}{
		{"requests", func(_ *testing.T, s *Spec, _ string) { s.Requests = 250 }, "requests: stored 300, now 250"},
		{"scenario content", func(_ *testing.T, s *Spec, _ string) {
			sc := *s.Scenario
			sc.Nodes = append([]scenario.Node(nil), sc.Nodes...)
			sc.Nodes[0].GPU *= 2
			s.Scenario = &sc
		}, "scenario.nodes.0.gpu_tflops: stored"},
		{"profile content", func(t *testing.T, s *Spec, dir string) { writeProfile(t, filepath.Join(dir, "p.json"), 7) }, "profile.sha256: stored"},
		{"agent", func(_ *testing.T, s *Spec, _ string) { s.Agent.Spec = "random" }, `agent.spec: stored "heuristic", now "random"`},
		{"charge flag", func(_ *testing.T, s *Spec, _ string) { s.ChargeDecisionLatency = true }, "charge_decision_latency: stored false, now true"},
		{"params", func(_ *testing.T, s *Spec, _ string) { s.Params = map[string]int{"k": 2} }, "params.k: stored 1, now 2"},
		{"workload", func(_ *testing.T, s *Spec, _ string) {
			s.Workload = &Workload{Name: "capped", Source: func(b *scenario.Built, _ uint64) (sim.Source, error) { return b.Config.Source, nil }}
		}, `workload: stored none, now "capped"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			prof := filepath.Join(dir, "p.json")
			writeProfile(t, prof, 6)
			specs := quickSpecs()
			for i := range specs {
				specs[i].Profile, specs[i].Params = prof, map[string]int{"k": 1}
			}
			o := SweepOptions{Dir: filepath.Join(dir, "runs"), Parallel: 2}
			first, err := Sweep(context.Background(), specs, o)
			if err != nil {
				t.Fatal(err)
			}
			for i := range specs {
				tt.change(t, &specs[i], dir)
			}
			o.Resume = true
			_, err = Sweep(context.Background(), specs, o)
			var se *runner.StaleError
			if !errors.As(err, &se) || !strings.Contains(err.Error(), tt.want) || filepath.Base(se.Path) != "load1_haf-static_seed3.json" || se.More != 1 {
				t.Fatalf("err = %v, want a stale error on load1_haf-static_seed3.json (and 1 more) naming %q", err, tt.want)
			}
			o.RerunStale = true
			again, err := Sweep(context.Background(), specs, o)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "requests" && (again[0].Requests != 250 || first[0].Requests != 300) {
				t.Errorf("requests %d then %d, want 300 then 250", first[0].Requests, again[0].Requests)
			}
		})
	}
}

// TestSweepResumeReuses: unchanged inputs reuse the stored result, whatever it says.
func TestSweepResumeReuses(t *testing.T) {
	dir := t.TempDir()
	specs := quickSpecs()
	o := SweepOptions{Dir: dir, Parallel: 2}
	if _, err := Sweep(context.Background(), specs, o); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "load1_haf_seed3.json")
	b, _ := os.ReadFile(path)
	b = bytes.Replace(b, []byte(`"wall_s":`), []byte(`"tampered": 42, "wall_s":`), 1)
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	o.Resume = true
	var progress bytes.Buffer
	o.Progress = &progress
	rs, err := Sweep(context.Background(), specs, o)
	if err != nil || rs[1].Extra["tampered"] != 42 {
		t.Fatalf("resume did not reuse the stored run: %v %+v", err, rs[1])
	}
	if !strings.Contains(progress.String(), "resumed 2 of 2") {
		t.Errorf("progress: %q", progress.String())
	}
}

func TestJobsErrors(t *testing.T) {
	meter := func() Meter { return nil }
	tests := []struct {
		name   string
		change func(s *Spec)
		want   string
	}{
		{"missing trace", func(s *Spec) { s.Trace = "/nonexistent/trace.csv" }, "trace.csv"},
		{"missing replay", func(s *Spec) { s.Agent.Spec = "replay:/nonexistent/r.jsonl" }, "r.jsonl"},
		{"no scenario", func(s *Spec) { s.Scenario = nil }, "no scenario"},
		{"builtin measure", func(s *Spec) { s.Measures = []Measure{{Name: "overall", New: meter}} }, `"overall"`},
		{"duplicate measure", func(s *Spec) { s.Measures = []Measure{{Name: "x", New: meter}, {Name: "x", New: meter}} }, `"x"`},
		{"unnamed measure", func(s *Spec) { s.Measures = []Measure{{New: meter}} }, "needs a Name"},
		{"params", func(s *Spec) { s.Params = math.NaN() }, "inputs"},
	}
	for _, tt := range tests {
		s := quickSpecs()[0]
		tt.change(&s)
		_, err := Sweep(context.Background(), []Spec{s}, SweepOptions{})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}

// TestWorkloadReplacesSource: Spec.Workload's source is the run's.
func TestWorkloadReplacesSource(t *testing.T) {
	s := quickSpecs()[0]
	s.Workload = &Workload{Name: "first-100", Source: func(b *scenario.Built, _ uint64) (sim.Source, error) {
		return traces.Limit(b.Config.Source, 100), nil
	}}
	r, err := Run(context.Background(), s)
	if err != nil || r.Requests != 100 {
		t.Fatalf("requests %d, %v; want 100", r.Requests, err)
	}
	s.Workload = &Workload{Name: "broken"}
	if _, err := Run(context.Background(), s); err == nil || !strings.Contains(err.Error(), "Source") {
		t.Errorf("a workload without Source: %v", err)
	}
}

func TestWarnRevision(t *testing.T) {
	for _, tt := range []struct {
		rev  string
		warn bool
	}{{"abc", false}, {"abc-dirty", true}, {"unknown", true}} {
		var b bytes.Buffer
		warnRevision(&b, "sweep", tt.rev)
		if got := strings.Contains(b.String(), "sweep warning: code revision "+tt.rev); got != tt.warn {
			t.Errorf("%s: warning %q", tt.rev, b.String())
		}
	}
}

// TestReadRuns reads stored runs back, with fingerprints or (older files) without.
func TestReadRuns(t *testing.T) {
	dir := t.TempDir()
	rs, err := Sweep(context.Background(), quickSpecs(), SweepOptions{Dir: filepath.Join(dir, "runs")})
	if err != nil {
		t.Fatal(err)
	}
	legacy, _ := json.Marshal(Result{Method: "old", Overall: 0.5})
	if err := os.WriteFile(filepath.Join(dir, "runs", "zz-old.json"), legacy, 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadRuns(dir)
	if err != nil || len(got) != 3 {
		t.Fatalf("ReadRuns: %d runs, %v", len(got), err)
	}
	for i, r := range rs {
		a, _ := json.Marshal(r)
		b, _ := json.Marshal(got[i])
		if !bytes.Equal(a, b) {
			t.Errorf("run %d read back as\n%s\nwant\n%s", i, b, a)
		}
	}
	if got[2].Method != "old" || got[2].Overall != 0.5 {
		t.Errorf("legacy run read as %+v", got[2])
	}
	if _, err := ReadRuns(t.TempDir()); err == nil || !strings.Contains(err.Error(), "no run results") {
		t.Errorf("empty directory: %v", err)
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/scenario/family"
	"github.com/airansim/airansim/study/runner"
)

// runStudy runs the command with args and tiny sizes, failing the test on an error; it returns stderr.
func runStudy(t *testing.T, out string, args ...string) string {
	t.Helper()
	var stderr strings.Builder
	args = append([]string{"--methods", "haf-static,haf", "--requests", "300", "--seeds", "2", "--out", out}, args...)
	if err := run(context.Background(), args, io.Discard, &stderr); err != nil {
		t.Fatal(err)
	}
	return stderr.String()
}

// TestSmokeWritesOutputs runs every variant with two methods and two seeds and checks every
// promised file: summary.csv has the variant column first and one row per run, robustness.md a
// section and a verdict per variant.
func TestSmokeWritesOutputs(t *testing.T) {
	out := t.TempDir()
	runStudy(t, out)
	for _, f := range []string{"summary.csv", "robustness.md", "robustness.png", "robustness.svg", "config.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	lines := strings.Split(strings.TrimSuffix(string(csv), "\n"), "\n")
	if !strings.HasPrefix(lines[0], "variant,load,rho,method,") || !strings.Contains(lines[0], ",completed,large_ai_completed,") {
		t.Errorf("summary.csv header %q", lines[0])
	}
	vs := family.VariantNames()
	if want := 1 + len(vs)*2*2; len(lines) != want {
		t.Errorf("summary.csv has %d lines, want header + %d variants × 2 methods × 2 seeds", len(lines), len(vs))
	}
	md, _ := os.ReadFile(filepath.Join(out, "robustness.md"))
	for _, v := range vs {
		if !bytes.Contains(md, []byte("\n## "+v+": ")) || !bytes.Contains(csv, []byte("\n"+v+",1,")) {
			t.Errorf("variant %s missing from robustness.md or summary.csv", v)
		}
	}
	if n := bytes.Count(md, []byte("HAF's AI advantage over the best of the paper baselines (haf-static)")); n != len(vs) {
		t.Errorf("robustness.md has %d verdicts against haf-static, want one per variant:\n%s", n, md)
	}
}

// TestDeterministic: the same seeds give byte-identical summary.csv and robustness.md, in parallel
// or not.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	args := []string{"--variants", "paper,random-placement"}
	runStudy(t, a, append(args, "--parallel", "1")...)
	runStudy(t, b, append(args, "--parallel", "2")...)
	for _, f := range []string{"summary.csv", "robustness.md"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) || len(x) == 0 {
			t.Errorf("%s differs between --parallel 1 and 2:\n%s\n%s", f, x, y)
		}
	}
}

// TestResume: --resume reuses every stored run; after a change of the request count it refuses the
// stored runs, naming one with the variant in its name, and --rerun-stale runs them again.
func TestResume(t *testing.T) {
	out := t.TempDir()
	args := []string{"--variants", "llms-split", "--seeds", "1"}
	runStudy(t, out, args...)
	if e := runStudy(t, out, append(args, "--resume")...); !strings.Contains(e, "resumed 2 of 2 jobs") {
		t.Errorf("--resume did not reuse both runs:\n%s", e)
	}
	changed := append([]string{"--methods", "haf-static,haf", "--requests", "200", "--out", out}, args...)
	err := run(context.Background(), append(changed, "--resume"), io.Discard, io.Discard)
	if !errors.Is(err, runner.ErrStale) || !strings.Contains(err.Error(), "llms-split_load1_haf-static_seed1.json") {
		t.Fatalf("resume after a change: %v, want a stale error naming llms-split_load1_haf-static_seed1.json", err)
	}
	if err := run(context.Background(), append(changed, "--rerun-stale"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if !bytes.Contains(csv, []byte("llms-split,1,")) || !bytes.Contains(csv, []byte(",haf-static,,1,200,")) {
		t.Errorf("--rerun-stale did not run with 200 requests:\n%s", csv)
	}
}

// TestHelp: --help explains every flag and lists the variants and methods.
func TestHelp(t *testing.T) {
	var stderr strings.Builder
	if err := run(context.Background(), []string{"--help"}, io.Discard, &stderr); !errors.Is(err, pflag.ErrHelp) {
		t.Fatalf("--help: %v", err)
	}
	for _, s := range append([]string{"--methods", "--variants", "--seeds", "--seed", "--load", "--requests", "--scenario",
		"--profile", "--out", "--quick", "--resume", "--rerun-stale", "--parallel", "--agent", "lyapunov-horizon",
		"game-theory-amortised", "caora-completions"}, family.VariantNames()...) {
		if !strings.Contains(stderr.String(), s) {
			t.Errorf("--help lacks %q", s)
		}
	}
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"--methods", "nope"}, {"--variants", "nope"}, {"--variants", "paper,paper"},
		{"--load", "0"}, {"--seeds", "0"}, {"extra"}} {
		err := run(context.Background(), append(args, "--out", t.TempDir()), io.Discard, io.Discard)
		var u *cli.UsageError
		if !errors.As(err, &u) {
			t.Errorf("%v: got %v, want a usage error", args, err)
		}
	}
}

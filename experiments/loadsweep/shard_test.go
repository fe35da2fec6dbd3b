package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

// shardArgs is a small sweep of 6 runs: 2 loads × 3 methods × 1 seed.
var shardArgs = []string{"--quick", "--requests", "400", "--loads", "0.75,1", "--methods", "haf,haf-static,round-robin", "--parallel", "1"}

// outputs are the files a merge must reproduce byte for byte.
var outputs = []string{"summary.csv", "table.md", "loadsweep.png", "loadsweep.svg"}

// invoke runs loadsweep on out with the shard arguments and extra, and returns its error.
func invoke(out string, extra ...string) error {
	args := append(append(slices.Clone(shardArgs), "--out", out), extra...)
	return run(context.Background(), args, io.Discard, io.Discard)
}

// stopped fails unless err is the success that ends a plan or a shard.
func stopped(t *testing.T, err error) {
	t.Helper()
	if cli.Settle(io.Discard, "loadsweep", err) != nil {
		t.Fatalf("want a stopped sweep, got %v", err)
	}
}

func sameOutputs(t *testing.T, want, got string) {
	t.Helper()
	for _, f := range outputs {
		a, err1 := os.ReadFile(filepath.Join(want, f))
		b, err2 := os.ReadFile(filepath.Join(got, f))
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("%s of the merge differs from the one-machine run (%v, %v)", f, err1, err2)
		}
	}
}

// TestMergeEqualsOneMachine: planning, running N shards and merging gives the same outputs as one
// run, byte for byte, for one shard, three, and more shards than runs.
func TestMergeEqualsOneMachine(t *testing.T) {
	whole := t.TempDir()
	if err := invoke(whole); err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{1, 3, 8} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			out := t.TempDir()
			planFile := filepath.Join(t.TempDir(), "plan.json")
			stopped(t, invoke(out, "--plan", planFile, "--shards", fmt.Sprint(n)))
			p, err := runner.ReadPlan(planFile)
			if err != nil || p.Runs != 6 || p.Shards != n || p.Command != "loadsweep" {
				t.Fatalf("plan %+v, %v", p, err)
			}
			for k := range n {
				if k%2 == 0 {
					stopped(t, invoke(out, "--shard", fmt.Sprintf("%d/%d", k, n)))
				} else {
					stopped(t, invoke(out, "--shards", fmt.Sprint(n), "--index", fmt.Sprint(k)))
				}
			}
			if err := invoke(out, "--merge"); err != nil {
				t.Fatal(err)
			}
			sameOutputs(t, whole, out)
		})
	}
}

// TestMergeReportsMissingShard: a shard that never ran leaves its runs missing, named in the error
// of the merge and in the status; --allow-partial merges the others.
func TestMergeReportsMissingShard(t *testing.T) {
	out := t.TempDir()
	stopped(t, invoke(out, "--shard", "0/3"))
	stopped(t, invoke(out, "--shard", "2/3"))
	if err := invoke(out, "--shard", "1/3", "--seed", "7"); err == nil || !strings.Contains(err.Error(), "differ from the plan") {
		t.Errorf("a shard with other arguments than the plan's: %v", err)
	}
	err := invoke(out, "--merge")
	var inc *runner.IncompleteError
	if !errors.As(err, &inc) || len(inc.Missing) != 2 {
		t.Fatalf("merge with shard 1/3 missing: %v", err)
	}
	p, _ := runner.ReadPlan(filepath.Join(out, "plan.json"))
	want := []string{p.Jobs[1].Key, p.Jobs[4].Key}
	if !slices.Equal(inc.Missing, want) || !strings.Contains(err.Error(), want[0]) {
		t.Errorf("missing %v, want shard 1's runs %v", inc.Missing, want)
	}
	st, err := runner.CheckDir(filepath.Join(out, "runs"), filepath.Join(out, "shards"), p)
	if err != nil || len(st.Shards) != 3 || st.Shards[1].Record != nil || st.Shards[1].Done != 0 || st.Shards[0].Done != 2 {
		t.Errorf("status %+v, %v: want shard 1/3 never started", st.Shards, err)
	}
	if err := invoke(out, "--merge", "--allow-partial"); err != nil {
		t.Fatal(err)
	}
	csv, _ := os.ReadFile(filepath.Join(out, "summary.csv"))
	if n := strings.Count(string(csv), "\n"); n != 1+4 {
		t.Errorf("partial summary has %d lines, want header + 4 runs", n)
	}
}

// TestShardRerunAfterKill: a shard killed part-way (one of its runs lost, one truncated mid-write)
// and run again runs exactly those two, and the merge equals the one-machine run; a run done by
// two overlapping shards and a run stored twice are reported as duplicated.
func TestShardRerunAfterKill(t *testing.T) {
	whole, out := t.TempDir(), t.TempDir()
	if err := invoke(whole); err != nil {
		t.Fatal(err)
	}
	for k := range 2 {
		stopped(t, invoke(out, "--shard", fmt.Sprintf("%d/2", k)))
	}
	p, _ := runner.ReadPlan(filepath.Join(out, "plan.json"))
	runs := filepath.Join(out, "runs")
	lost, cut := p.Jobs[1].Key, p.Jobs[3].Key // both in shard 1/2
	os.Remove(filepath.Join(runs, lost+".json"))
	b, _ := os.ReadFile(filepath.Join(runs, cut+".json"))
	os.WriteFile(filepath.Join(runs, cut+".json"), b[:len(b)/2], 0o644)
	if err := invoke(out, "--merge"); err == nil || !strings.Contains(err.Error(), lost) || !strings.Contains(err.Error(), cut) {
		t.Fatalf("merge after the kill: %v, want both runs named", err)
	}
	stopped(t, invoke(out, "--shard", "1/2"))
	ms, err := runner.ReadManifests(filepath.Join(out, "shards"))
	if err != nil || len(ms) != 2 || !slices.Equal(ms[1].Ran, []string{lost, cut}) || len(ms[1].Reused) != 1 || !ms[1].Finished {
		t.Fatalf("manifests %+v, %v: the rerun must run exactly %s and %s", ms, err, lost, cut)
	}
	files, _ := filepath.Glob(filepath.Join(runs, "*"))
	if len(files) != p.Runs {
		t.Errorf("%d files in runs, want %d: %v", len(files), p.Runs, files)
	}
	if err := invoke(out, "--merge"); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, whole, out)

	// Shards 0/3 and 1/2 share run 3: lost and run again by 0/3, it is reported as run twice; a
	// copy stores run 2 twice.
	stopped(t, invoke(out, "--shard", "0/3"))
	os.Remove(filepath.Join(runs, p.Jobs[3].Key+".json"))
	stopped(t, invoke(out, "--shard", "0/3"))
	b, _ = os.ReadFile(filepath.Join(runs, p.Jobs[2].Key+".json"))
	os.WriteFile(filepath.Join(runs, "copy.json"), b, 0o644)
	st, err := runner.CheckDir(runs, filepath.Join(out, "shards"), p)
	if err != nil || !st.Complete() {
		t.Fatalf("status %+v, %v", st, err)
	}
	var rep bytes.Buffer
	st.Print(&rep)
	for _, want := range []string{
		p.Jobs[3].Key + " was run by shards 0/3, 1/2",
		"are stored as copy, " + p.Jobs[2].Key,
		"not in the plan (ignored): copy",
	} {
		if !strings.Contains(rep.String(), want) {
			t.Errorf("status lacks %q:\n%s", want, rep.String())
		}
	}
}

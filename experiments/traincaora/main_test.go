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

	"github.com/airansim/airansim/internal/cli"
)

func quick(t *testing.T, out string, args ...string) []byte {
	t.Helper()
	var stdout bytes.Buffer
	if err := run(context.Background(), append([]string{"--quick", "--out", out}, args...), &stdout, io.Discard); err != nil {
		t.Fatal(err)
	}
	return stdout.Bytes()
}

// TestQuickWritesOutputs runs the CI smoke training and checks every promised file.
func TestQuickWritesOutputs(t *testing.T) {
	out := t.TempDir()
	md := quick(t, out)
	for _, f := range []string{"actor.json", "learning_curve.csv", "learning_curve.png", "learning_curve.svg",
		"report.md", "report.json", "config.json"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	csv, _ := os.ReadFile(filepath.Join(out, "learning_curve.csv"))
	lines := strings.Split(strings.TrimSpace(string(csv)), "\n")
	want := "episode,load,seed,transitions,return,mean_reward,mean_alpha,temperature,eval_overall,eval_ran,eval_ai,eval_large_ai,eval_small_ai,eval_mean_alpha"
	if lines[0] != want || len(lines) != 4 {
		t.Errorf("learning_curve.csv: header %q and %d rows, want %q and 3 episodes", lines[0], len(lines)-1, want)
	}
	for _, s := range []string{"| 1 | caora |", "| 1 | haf-static |", "Sensitivity"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("report lacks %q", s)
		}
	}
}

// TestQuickCompletions: the completions reward trains a different actor and names it in the report.
func TestQuickCompletions(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	quick(t, a)
	md := quick(t, b, "--reward", "completions")
	for _, s := range []string{"Reward: completions.", "| 1 | caora-completions |", "| 1 | haf-static |"} {
		if !bytes.Contains(md, []byte(s)) {
			t.Errorf("report lacks %q", s)
		}
	}
	x, _ := os.ReadFile(filepath.Join(a, "actor.json"))
	y, _ := os.ReadFile(filepath.Join(b, "actor.json"))
	if bytes.Equal(x, y) {
		t.Error("the fulfilment and completions rewards train the same actor")
	}
}

// TestDeterministic: the same flags give a byte-identical actor and learning curve.
func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	quick(t, a)
	quick(t, b)
	for _, f := range []string{"actor.json", "learning_curve.csv"} {
		x, _ := os.ReadFile(filepath.Join(a, f))
		y, _ := os.ReadFile(filepath.Join(b, f))
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two identical runs", f)
		}
	}
}

func TestFlags(t *testing.T) {
	for _, c := range []struct {
		args  []string
		usage bool
	}{
		{[]string{"--episodes", "-1"}, true},
		{[]string{"--loads", "0"}, true},
		{[]string{"--gamma", "1"}, true},
		{[]string{"--hidden", "0"}, true},
		{[]string{"--reward", "latency"}, true},
		{[]string{"extra"}, true},
		{[]string{"--nope"}, true},
	} {
		err := run(context.Background(), append(c.args, "--out", t.TempDir()), io.Discard, io.Discard)
		var u *cli.UsageError
		if errors.As(err, &u) != c.usage {
			t.Errorf("%v: error %v, usage error %v", c.args, err, c.usage)
		}
	}
	var help bytes.Buffer
	if _, err := parse([]string{"--help"}, &help); !strings.Contains(help.String(), "--check") || err == nil {
		t.Errorf("--help: error %v, output %q", err, help.String())
	}
}

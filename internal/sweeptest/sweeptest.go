package sweeptest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

// Run is a command's run function, the one cli.Main calls.
type Run func(ctx context.Context, args []string, stdout, stderr io.Writer) error

// Case is a sweep command and its arguments. The zero Normalize compares files as they are.
type Case struct {
	Name    string   // command name, in messages
	Run     Run      // the command
	Args    []string // its arguments, without --out and the sharding flags
	Outputs []string // files of the output folder that must be identical

	// Normalize, if set, rewrites a file's content before the comparison (e.g. to blank wall-clock
	// times).
	Normalize func(file string, b []byte) []byte
}

// MergeEqualsWhole runs c on one machine, then writes its plan for n shards, runs every shard
// (half with --shard K/N, half with --shards N --index K) and merges, and fails t unless every
// output is byte-identical (after Normalize) in both folders and the plan lists every run.
func MergeEqualsWhole(t testing.TB, c Case, n int) {
	t.Helper()
	whole, dir := t.TempDir(), t.TempDir()
	call := func(out string, extra ...string) error {
		args := append(append(append([]string{}, c.Args...), "--out", out), extra...)
		return c.Run(context.Background(), args, io.Discard, io.Discard)
	}
	stop := func(err error, what string) {
		t.Helper()
		if cli.Settle(io.Discard, c.Name, err) != nil || err == nil {
			t.Fatalf("%s %s: %v, want it to stop after its part", c.Name, what, err)
		}
	}
	if err := call(whole); err != nil {
		t.Fatalf("%s: %v", c.Name, err)
	}
	plan := filepath.Join(dir, "plan-copy.json")
	stop(call(dir, "--plan", plan, "--shards", fmt.Sprint(n)), "--plan")
	p, err := runner.ReadPlan(plan)
	if err != nil || p.Runs == 0 || p.Command != c.Name {
		t.Fatalf("%s plan %+v, %v", c.Name, p, err)
	}
	for k := range n {
		if k%2 == 0 {
			stop(call(dir, "--shard", fmt.Sprintf("%d/%d", k, n)), "--shard")
		} else {
			stop(call(dir, "--shards", fmt.Sprint(n), "--index", fmt.Sprint(k)), "--index")
		}
	}
	if err := call(dir, "--merge"); err != nil {
		t.Fatalf("%s --merge: %v", c.Name, err)
	}
	for _, f := range c.Outputs {
		a, err1 := os.ReadFile(filepath.Join(whole, f))
		b, err2 := os.ReadFile(filepath.Join(dir, f))
		if c.Normalize != nil {
			a, b = c.Normalize(f, a), c.Normalize(f, b)
		}
		if err1 != nil || err2 != nil || len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s: %s of the merge of %d shards differs from the one-machine run (%v, %v)", c.Name, f, n, err1, err2)
		}
	}
}

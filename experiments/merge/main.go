// Command merge checks the runs that the shards of a sweep stored in a shared output folder against
// the sweep's plan, prints how many are done, and writes the sweep's outputs (summary, tables,
// figures) from them, byte-identical to a run on one machine, by running the sweep's command with
// --merge (docs/cluster.md).
//
//	go run ./experiments/merge --in out/loadsweep            # check, then write the outputs
//	go run ./experiments/merge --in out/loadsweep --status   # only print the progress
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/internal/sweepflag"
	"github.com/airansim/airansim/study/runner"
)

// module is the import path of the commands, for go run.
const module = "github.com/airansim/airansim/experiments/"

func main() { cli.Main(run) }

// config holds the command line.
type config struct {
	In           string
	Status       bool
	AllowPartial bool
	Bin          string
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parse(args, stderr)
	if err != nil {
		return err
	}
	p, err := runner.ReadPlan(filepath.Join(c.In, sweepflag.PlanName))
	if err != nil {
		return fmt.Errorf("merge: %w (a sweep run with --plan, --shard or on one machine writes it)", err)
	}
	st, err := runner.CheckDir(filepath.Join(c.In, "runs"), filepath.Join(c.In, "shards"), p)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s %s: ", p.Command, c.In)
	st.Print(stdout)
	if c.Status {
		return nil
	}
	if !st.Complete() && !c.AllowPartial {
		return &runner.IncompleteError{Missing: st.Missing, Stale: st.Stale, Total: st.Total}
	}
	name, cmdArgs, err := command(c, p)
	if err != nil {
		return err
	}
	cmd := exec.CommandContext(ctx, name, cmdArgs...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if fi, err := os.Stat(p.WorkDir); err == nil && fi.IsDir() {
		cmd.Dir = p.WorkDir
	}
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("merge: %s --merge: %w", p.Command, err)
	}
	return nil
}

func parse(args []string, stderr io.Writer) (*config, error) {
	c := &config{}
	fs := pflag.NewFlagSet("merge", pflag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.In, "in", "", "the sweep's output folder: it reads IN/plan.json, IN/runs/*.json and IN/shards, and writes the outputs there (required)")
	fs.BoolVar(&c.Status, "status", false, "only print how many of the plan's runs are done, per shard, and which are missing")
	fs.BoolVar(&c.AllowPartial, "allow-partial", false, "write the outputs from the runs that are stored even if some are missing or stale (they are listed)")
	fs.StringVar(&c.Bin, "bin", "", "folder of the built commands (e.g. bin/loadsweep); empty: the folder of this program if it holds the command, else go run")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: go run ./experiments/merge --in DIR [flags]\n\nChecks a sharded sweep's stored runs against its plan and writes its outputs.\n\nFlags:\n%s", fs.FlagUsages())
	}
	if err := cli.Parse(fs, args); err != nil {
		return nil, err
	}
	if c.In == "" {
		return nil, cli.Usagef("--in is required")
	}
	return c, nil
}

// command returns the program and arguments that write the outputs of plan p into c.In: the
// command's binary (in --bin, or beside this program) or go run, with the plan's arguments,
// --out and --merge.
func command(c *config, p runner.Plan) (string, []string, error) {
	if p.Command == "" || filepath.Base(p.Command) != p.Command {
		return "", nil, fmt.Errorf("merge: the plan names no command (%q)", p.Command)
	}
	out, err := filepath.Abs(c.In)
	if err != nil {
		return "", nil, err
	}
	args := append(append([]string{}, p.Args...), "--out="+out, "--merge")
	if c.AllowPartial {
		args = append(args, "--allow-partial")
	}
	dir := c.Bin
	if dir == "" {
		if self, err := os.Executable(); err == nil {
			dir = filepath.Dir(self)
		}
	}
	if bin := filepath.Join(dir, p.Command); dir != "" && isFile(bin) {
		return bin, args, nil
	}
	if c.Bin != "" {
		return "", nil, fmt.Errorf("merge: no command %s in %s", p.Command, c.Bin)
	}
	return "go", append([]string{"run", module + p.Command}, args...), nil
}

func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}

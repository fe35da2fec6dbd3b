package sweepflag

import (
	"errors"
	"path/filepath"
	"slices"
	"testing"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study/runner"
)

// parseShards registers the sweep flags and a --loads list, parses args with env as the
// environment and checks them.
func parseShards(args []string, env map[string]string) (*Flags, error) {
	var f Flags
	fs := pflag.NewFlagSet("sweep", pflag.ContinueOnError)
	fs.Float64Slice("loads", []float64{1}, "")
	fs.StringSlice("methods", nil, "")
	Register(fs, &f, Texts{Out: "out/x"})
	f.getenv = func(k string) string { return env[k] }
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	return &f, f.Check()
}

func TestShardFlags(t *testing.T) {
	tests := []struct {
		name  string
		args  []string
		env   map[string]string
		mode  runner.Mode
		shard runner.Shard
		usage bool
	}{
		{name: "whole", mode: runner.ModeAll},
		{name: "shard", args: []string{"--shard", "1/3"}, mode: runner.ModeShard, shard: runner.Shard{K: 1, N: 3}},
		{name: "index", args: []string{"--shards", "4", "--index", "0"}, mode: runner.ModeShard, shard: runner.Shard{K: 0, N: 4}},
		{name: "slurm", args: []string{"--shards", "4"}, env: map[string]string{"SLURM_ARRAY_TASK_ID": "3", "JOB_COMPLETION_INDEX": "1"},
			mode: runner.ModeShard, shard: runner.Shard{K: 3, N: 4}},
		{name: "kubernetes", args: []string{"--shards", "4"}, env: map[string]string{"JOB_COMPLETION_INDEX": "2"},
			mode: runner.ModeShard, shard: runner.Shard{K: 2, N: 4}},
		{name: "flag over env", args: []string{"--shards", "4", "--index", "1"}, env: map[string]string{"SLURM_ARRAY_TASK_ID": "3"},
			mode: runner.ModeShard, shard: runner.Shard{K: 1, N: 4}},
		{name: "plan", args: []string{"--plan", "p.json", "--shards", "5"}, mode: runner.ModePlan, shard: runner.Shard{N: 5}},
		{name: "merge", args: []string{"--merge", "--allow-partial"}, mode: runner.ModeMerge},
		{name: "no index", args: []string{"--shards", "4"}, usage: true},
		{name: "bad env", args: []string{"--shards", "4"}, env: map[string]string{"SLURM_ARRAY_TASK_ID": "x"}, usage: true},
		{name: "index out of range", args: []string{"--shards", "4", "--index", "4"}, usage: true},
		{name: "index alone", args: []string{"--index", "1"}, usage: true},
		{name: "bad shard", args: []string{"--shard", "3/3"}, usage: true},
		{name: "shard and shards", args: []string{"--shard", "0/3", "--shards", "3"}, usage: true},
		{name: "merge and shard", args: []string{"--merge", "--shard", "0/3"}, usage: true},
		{name: "partial alone", args: []string{"--allow-partial"}, usage: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := parseShards(tt.args, tt.env)
			var u *cli.UsageError
			if tt.usage {
				if !errors.As(err, &u) {
					t.Fatalf("error %v, want a usage error", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			sh := f.Sweep("x", nil).Sharding
			if sh.Mode != tt.mode || sh.Shard != tt.shard || sh.PlanFile != filepath.Join("out/x", "plan.json") {
				t.Errorf("sharding %+v, want mode %d shard %v", sh, tt.mode, tt.shard)
			}
		})
	}
}

// TestPlanArgs: the plan records the arguments that set the runs, in a form that parses back to the
// same values, and leaves out those of sharding, output and parallelism.
func TestPlanArgs(t *testing.T) {
	args := []string{"--loads", "0.75,1.0000001", "--methods", `a,"b,c"`, "--quick", "--seeds", "2", "--out", "o",
		"--parallel", "3", "--resume", "--shard", "0/2"}
	f, err := parseShards(args, nil)
	if err != nil {
		t.Fatal(err)
	}
	meta := f.Sweep("x", nil).Sharding.Meta
	want := []string{"--loads=0.75", "--loads=1.0000001", `--methods=a`, `--methods="b,c"`, "--quick=true", "--seeds=2"}
	if meta.Command != "sweep" || !slices.Equal(meta.Args, want) {
		t.Fatalf("meta %+v, want args %q", meta, want)
	}
	g, err := parseShards(meta.Args, nil)
	if err != nil {
		t.Fatal(err)
	}
	loads := exactFloats(g.fs.Lookup("loads").Value, nil)
	methods, _ := g.fs.GetStringSlice("methods")
	if !slices.Equal(loads, []string{"0.75", "1.0000001"}) || !slices.Equal(methods, []string{"a", "b,c"}) || !g.Quick || g.Seeds != 2 {
		t.Errorf("parsed back: loads %v methods %q quick %v seeds %d", loads, methods, g.Quick, g.Seeds)
	}
}

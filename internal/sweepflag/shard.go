package sweepflag

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/airansim/airansim/internal/cli"
	"github.com/airansim/airansim/study"
	"github.com/airansim/airansim/study/runner"
)

// IndexEnv are the environment variables --index defaults to, in order: the task's index in a
// Slurm job array, then in a Kubernetes Indexed Job.
var IndexEnv = []string{"SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"}

// PlanName is the plan file every sweep keeps in its output folder, for shards and merges.
const PlanName = study.PlanFile

// Shards are the flags that spread a sweep over machines: write its plan, run one shard of it,
// merge the stored runs. They are not written to config.json: a shard's outputs do not depend on them.
type Shards struct {
	Plan         string `json:"-"` // --plan FILE: write the plan there (and to OUT/plan.json) and exit
	Shard        string `json:"-"` // --shard K/N
	Index        int    `json:"-"` // --index I (with --shards N): shard I of N; default from IndexEnv
	Count        int    `json:"-"` // --shards N
	Merge        bool   `json:"-"` // --merge: run nothing, write the outputs from the stored runs
	AllowPartial bool   `json:"-"` // --allow-partial: with --merge, use the runs there are

	fs     *pflag.FlagSet
	getenv func(string) string // nil: os.Getenv
	shard  runner.Shard        // resolved by Check
}

// RegisterShards declares the sharding flags on fs. Register does it for the shared sweep flags;
// a command without them calls it alone.
func RegisterShards(fs *pflag.FlagSet, s *Shards) {
	s.fs = fs
	fs.StringVar(&s.Plan, "plan", "", "write the list of runs with their fingerprints (and their count) to this JSON file, and to OUT/"+PlanName+", then exit (docs/cluster.md)")
	fs.StringVar(&s.Shard, "shard", "", "run only shard K/N of the runs (run i belongs to shard i mod N), resuming its stored runs; no summary is written: merge with go run ./experiments/merge --in OUT")
	fs.IntVar(&s.Index, "index", 0, "with --shards N: run shard INDEX of N; default $"+strings.Join(IndexEnv, ", else $"))
	fs.IntVar(&s.Count, "shards", 0, "number of shards, with --index (or with --plan, to record each run's shard)")
	fs.BoolVar(&s.Merge, "merge", false, "run nothing: write the outputs from the runs stored in OUT/runs by the shards; fails naming the missing ones")
	fs.BoolVar(&s.AllowPartial, "allow-partial", false, "with --merge: write the outputs from the runs that are stored, reporting the missing ones")
}

// Check resolves the shard and returns a usage error for an invalid or contradictory combination.
func (s *Shards) Check() error {
	changed := func(n string) bool { return s.fs != nil && s.fs.Changed(n) }
	switch {
	case s.Shard != "" && (s.Count != 0 || changed("index")):
		return cli.Usagef("--shard K/N excludes --index and --shards")
	case s.Merge && (s.Plan != "" || s.Shard != "" || s.Count != 0):
		return cli.Usagef("--merge excludes --plan, --shard and --shards")
	case s.Plan != "" && s.Shard != "":
		return cli.Usagef("--plan excludes --shard")
	case s.AllowPartial && !s.Merge:
		return cli.Usagef("--allow-partial goes with --merge")
	case changed("index") && s.Count == 0:
		return cli.Usagef("--index goes with --shards N")
	case s.Count < 0:
		return cli.Usagef("--shards must be ≥ 0")
	}
	var err error
	switch {
	case s.Shard != "":
		s.shard, err = runner.ParseShard(s.Shard)
	case s.Count > 0 && s.Plan != "":
		s.shard = runner.Shard{N: s.Count}
	case s.Count > 0:
		k, ok := s.Index, changed("index")
		if !ok {
			k, ok, err = s.envIndex()
		}
		if err == nil && !ok {
			return cli.Usagef("--shards %d: give --index, or set $%s", s.Count, strings.Join(IndexEnv, " or $"))
		}
		s.shard = runner.Shard{K: k, N: s.Count}
		if err == nil {
			err = s.shard.Check()
		}
	}
	if err != nil {
		return cli.Usagef("%w", err)
	}
	return nil
}

// envIndex returns the first of IndexEnv that is set.
func (s *Shards) envIndex() (int, bool, error) {
	get := s.getenv
	if get == nil {
		get = os.Getenv
	}
	for _, name := range IndexEnv {
		if v := get(name); v != "" {
			k, err := strconv.Atoi(v)
			if err != nil {
				return 0, false, cli.Usagef("$%s = %q is not an index", name, v)
			}
			return k, true, nil
		}
	}
	return 0, false, nil
}

// Sharding returns the runner's sharding options for a sweep whose output folder is out.
func (s *Shards) Sharding(out string) runner.Sharding {
	sh := runner.Sharding{PlanFile: filepath.Join(out, PlanName), PlanCopy: s.Plan, Shard: s.shard,
		AllowPartial: s.AllowPartial, Meta: s.meta()}
	switch {
	case s.Plan != "":
		sh.Mode = runner.ModePlan
	case s.Merge:
		sh.Mode = runner.ModeMerge
	case s.shard.N > 0:
		sh.Mode = runner.ModeShard
	}
	return sh
}

// Active reports whether the flags ask for anything but running the whole sweep here.
func (s *Shards) Active() bool { return s.Plan != "" || s.Merge || s.shard.N > 0 }

// notRecorded are the flags a plan does not record: they do not change the runs, or a merge sets them.
var notRecorded = map[string]bool{"plan": true, "shard": true, "index": true, "shards": true, "merge": true,
	"allow-partial": true, "out": true, "resume": true, "rerun-stale": true, "parallel": true, "help": true}

// meta returns what the plan records of the command: its name, the arguments that determine its
// runs (reconstructed from the flags set) and the working directory.
func (s *Shards) meta() runner.PlanMeta {
	wd, _ := os.Getwd()
	m := runner.PlanMeta{WorkDir: wd, Args: []string{}}
	if s.fs == nil {
		return m
	}
	m.Command = s.fs.Name()
	s.fs.Visit(func(f *pflag.Flag) {
		if notRecorded[f.Name] {
			return
		}
		m.Args = append(m.Args, flagArgs(f)...)
	})
	return m
}

// flagArgs returns arguments that set f to its current value.
func flagArgs(f *pflag.Flag) []string {
	var vals []string
	switch v := f.Value.(type) {
	case pflag.SliceValue:
		vals = v.GetSlice()
		if f.Value.Type() == "float64Slice" {
			vals = exactFloats(f.Value, vals)
		}
		if f.Value.Type() == "stringSlice" {
			for i, x := range vals {
				vals[i] = csvField(x)
			}
		}
		if len(vals) == 0 {
			return []string{"--" + f.Name + "="}
		}
	default:
		vals = []string{f.Value.String()}
	}
	out := make([]string, len(vals))
	for i, x := range vals {
		out[i] = "--" + f.Name + "=" + x
	}
	return out
}

// csvField quotes x as one CSV field if it holds a comma or a quote (pflag reads string slices as CSV).
func csvField(x string) string {
	if !strings.ContainsAny(x, ",\"\n") {
		return x
	}
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{x})
	w.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

// exactFloats returns the values of a pflag float64 slice in the shortest form that parses back
// exactly (pflag's own text rounds to 6 decimals), or def if v is not laid out as expected.
func exactFloats(v pflag.Value, def []string) []string {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		return def
	}
	p := rv.Elem().FieldByName("value")
	if p.Kind() != reflect.Pointer || p.Elem().Kind() != reflect.Slice || p.Elem().Type().Elem().Kind() != reflect.Float64 {
		return def
	}
	xs := p.Elem()
	out := make([]string, xs.Len())
	for i := range out {
		out[i] = strconv.FormatFloat(xs.Index(i).Float(), 'g', -1, 64)
	}
	return out
}

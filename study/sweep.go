package study

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/study/runner"
)

// DefaultKey is the stored file name of a run in a sweep: "load<ρ>_<method>_seed<seed>".
func DefaultKey(s Spec) string { return fmt.Sprintf("load%g_%s_seed%d", s.Load, s.Method, s.Seed) }

// SweepOptions configures Sweep. The zero value runs GOMAXPROCS runs at a time, stores nothing
// and prints no progress.
type SweepOptions struct {
	Dir        string            // directory of the stored runs, Dir/<key>.json; "": not stored (and nothing to resume)
	Parallel   int               // runs at once; 0: runtime.GOMAXPROCS(0)
	Resume     bool              // reuse the stored runs whose inputs are unchanged; a stale one is an error (runner.StaleError)
	RerunStale bool              // with Resume, run the stale runs again instead
	Progress   io.Writer         // progress and warnings; nil: none
	Label      string            // names the sweep in progress lines; "": none
	Key        func(Spec) string // stored file name of a run, unique in the sweep; nil: DefaultKey
	Sharding   runner.Sharding   // plan, run one shard or merge instead of running every spec (runner.Sharding); zero: run every spec
}

// Runner returns the job runner's options of o, for a command that runs jobs of its own type.
func (o SweepOptions) Runner() runner.Options {
	return runner.Options{Dir: o.Dir, Parallel: o.Parallel, Resume: o.Resume, RerunStale: o.RerunStale,
		Progress: o.Progress, Label: o.Label, Sharding: o.Sharding}
}

// Sweep runs every spec in parallel and returns the results in spec order. Each run is stored in
// o.Dir as it finishes, with its Inputs and their fingerprint, so that a sweep interrupted (or
// extended with more specs) can resume; see runner.Run for the storage and resume rules.
//
// With o.Sharding, Sweep writes the plan or runs one shard and returns a *runner.Stopped error
// (the caller then writes no summary), or merges: it returns the stored results in spec order
// without running anything (with AllowPartial, only those stored, still in spec order).
func Sweep(ctx context.Context, specs []Spec, o SweepOptions) ([]Result, error) {
	jobs, err := Jobs(specs, o.Key)
	if err != nil {
		return nil, err
	}
	if o.Resume && o.Progress != nil && len(jobs) > 0 {
		warnRevision(o.Progress, o.Label, jobs[0].Inputs.(Inputs).Revision)
	}
	return runner.Run(ctx, jobs, o.Runner())
}

// Jobs returns one runner job per spec: its key (key(spec); nil: DefaultKey), its Inputs and Run.
// It reads the VCS revision once and hashes every file the specs read once; it fails if a file
// cannot be read or a spec is invalid (no scenario, a misnamed measure).
func Jobs(specs []Spec, key func(Spec) string) ([]runner.Job[Result], error) {
	if key == nil {
		key = DefaultKey
	}
	h := newInputHasher(output.Revision())
	jobs := make([]runner.Job[Result], len(specs))
	for i, s := range specs {
		if err := checkMeasures(s.Measures); err != nil {
			return nil, err
		}
		in, err := h.inputs(s)
		if err != nil {
			return nil, err
		}
		jobs[i] = runner.Job[Result]{Key: key(s), Inputs: in,
			Run: func(ctx context.Context) (Result, error) { return Run(ctx, s) }}
	}
	return jobs, nil
}

// warnRevision warns on w that runs stored under a dirty or unknown revision are reused although
// a change of the code since they ran cannot be detected.
func warnRevision(w io.Writer, label, rev string) {
	if rev != "unknown" && !strings.HasSuffix(rev, "-dirty") {
		return
	}
	if label != "" {
		label += " "
	}
	fmt.Fprintf(w, "%swarning: code revision %s: uncommitted changes cannot be told apart, so stored runs of the same "+
		"revision are reused even if the code changed since they ran (commit, or run without --resume, to be sure)\n", label, rev)
}

// checkMeasures rejects measures without a name, a meter or with a duplicate or built-in name.
func checkMeasures(ms []Measure) error {
	seen := map[string]bool{}
	for _, m := range ms {
		switch {
		case m.Name == "" || m.New == nil:
			return fmt.Errorf("study: measure %q needs a Name and New", m.Name)
		case seen[m.Name] || builtinColumns.index(m.Name) >= 0:
			return fmt.Errorf("study: measure %q: a column of that name exists", m.Name)
		}
		seen[m.Name] = true
	}
	return nil
}

// Stored returns the indices, in spec order, of the specs whose run is stored in o.Dir with
// unchanged inputs. After a merge with o.Sharding.AllowPartial, which returns only those runs,
// result i belongs to spec Stored(specs, o)[i].
func Stored(specs []Spec, o SweepOptions) ([]int, error) {
	jobs, err := Jobs(specs, o.Key)
	if err != nil {
		return nil, err
	}
	var out []int
	for i, j := range jobs {
		if o.Dir != "" && runner.Fresh(o.Dir, j) {
			out = append(out, i)
		}
	}
	return out, nil
}

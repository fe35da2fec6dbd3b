package runner

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/airansim/airansim/internal/output"
)

// Mode selects what Run does with its jobs.
type Mode int

const (
	// ModeAll runs every job (the zero value), and writes the plan file when one is named.
	ModeAll Mode = iota
	// ModePlan writes the plan and runs nothing.
	ModePlan
	// ModeShard runs the jobs of one shard only, resuming its stored results.
	ModeShard
	// ModeMerge runs nothing: it returns the stored results, checked against the plan.
	ModeMerge
)

// Sharding spreads a sweep over several processes (a Slurm job array, a Kubernetes Indexed Job)
// that share Options.Dir: one writes the plan, each runs its shard, one merges. The zero value runs
// the whole sweep in one process and writes no plan.
type Sharding struct {
	Mode Mode

	// PlanFile is the sweep's plan (Plan), beside Dir. ModeAll and ModePlan write it; ModeShard
	// writes it if it does not exist and otherwise refuses jobs that differ from it (other
	// arguments, code or input files than the plan's); ModeMerge refuses such jobs too.
	// "": no plan file (ModeShard and ModeMerge then only use the jobs they are given).
	PlanFile string

	// PlanCopy, with ModePlan, is a second file the plan is written to (e.g. --plan FILE); "": none.
	PlanCopy string

	// Shard is the shard ModeShard runs (N ≥ 1); a ModePlan plan records its N.
	Shard Shard

	// AllowPartial, with ModeMerge, returns the results that are stored, in job order, instead of
	// failing with an *IncompleteError when some are missing or stale.
	AllowPartial bool

	// Meta is recorded in the plan.
	Meta PlanMeta
}

// manifests returns the folder of the shard manifests: "shards" beside the plan file; "" without one.
func (s Sharding) manifests() string {
	if s.PlanFile == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(s.PlanFile), "shards")
}

// Stopped is the error of a Run that did, as asked, only part of a sweep (wrote its plan, ran one
// shard), so that the command produces no summary. It is a success: a command exits with status 0
// on it (Success), printing Msg.
type Stopped struct{ Msg string }

// Error returns Msg.
func (s *Stopped) Error() string { return s.Msg }

// Success returns true: stopping there is what was asked.
func (s *Stopped) Success() bool { return true }

// sharded runs the modes but ModeAll.
func sharded[T any](ctx context.Context, jobs []Job[T], stamps []stamp, o Options) ([]T, error) {
	sh := o.Sharding
	p := planOf(jobs, stamps, sh.Meta, sh.Shard.N)
	switch sh.Mode {
	case ModePlan:
		for _, f := range []string{sh.PlanFile, sh.PlanCopy} {
			if f != "" {
				if err := WritePlan(f, p); err != nil {
					return nil, err
				}
			}
		}
		return nil, &Stopped{Msg: fmt.Sprintf("plan of %d runs written to %s", p.Runs, firstOf(sh.PlanCopy, sh.PlanFile))}
	case ModeShard:
		return runShard(ctx, jobs, p, o)
	case ModeMerge:
		return merge(jobs, p, o)
	}
	return nil, fmt.Errorf("runner: unknown mode %d", sh.Mode)
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// agree writes p to the plan file if there is none, and otherwise fails if p's jobs differ from it.
func agree(sh Sharding, p Plan, create bool) error {
	if sh.PlanFile == "" {
		return nil
	}
	stored, err := ReadPlan(sh.PlanFile)
	switch {
	case errors.Is(err, ErrNoPlan) && create:
		return WritePlan(sh.PlanFile, p)
	case errors.Is(err, ErrNoPlan):
		return nil
	case err != nil:
		return err
	}
	if err := sameJobs(p, stored); err != nil {
		return fmt.Errorf("runner: the runs differ from the plan %s: %v (other arguments, code revision or input files; "+
			"write the plan again with --plan, or fix the arguments)", sh.PlanFile, err)
	}
	return nil
}

// runShard runs the jobs of shard o.Sharding.Shard, reusing those stored with the same inputs,
// records the shard's manifest and returns *Stopped.
func runShard[T any](ctx context.Context, jobs []Job[T], p Plan, o Options) ([]T, error) {
	sh := o.Sharding
	if err := sh.Shard.Check(); err != nil {
		return nil, err
	}
	if o.Dir == "" {
		return nil, fmt.Errorf("runner: a shard needs a results directory")
	}
	if err := agree(sh, p, true); err != nil {
		return nil, err
	}
	var mine []Job[T]
	for i, j := range jobs {
		if sh.Shard.Has(i) {
			mine = append(mine, j)
		}
	}
	host, _ := os.Hostname()
	m := Manifest{Shard: sh.Shard, Host: host, Started: time.Now().UTC().Format(time.RFC3339), Jobs: len(mine),
		Reused: []string{}, Ran: []string{}}
	for _, j := range mine {
		if Fresh(o.Dir, j) {
			m.Reused = append(m.Reused, j.Key)
		}
	}
	if err := writeManifest(sh, m); err != nil {
		return nil, err
	}
	sub := o
	sub.Sharding, sub.Resume = Sharding{}, true
	if o.Label != "" {
		sub.Label = fmt.Sprintf("%s shard %s", o.Label, sh.Shard)
	}
	_, err := Run(ctx, mine, sub)
	reused := map[string]bool{}
	for _, k := range m.Reused {
		reused[k] = true
	}
	for _, j := range mine {
		if !reused[j.Key] && Fresh(o.Dir, j) {
			m.Ran = append(m.Ran, j.Key)
		}
	}
	m.Finished = err == nil
	if werr := writeManifest(sh, m); err == nil && werr != nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return nil, &Stopped{Msg: fmt.Sprintf("shard %s: %d of the plan's %d runs done (%d run now, %d already stored) in %s",
		sh.Shard, len(mine), len(jobs), len(m.Ran), len(m.Reused), o.Dir)}
}

func writeManifest(sh Sharding, m Manifest) error {
	dir := sh.manifests()
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("runner: %w", err)
	}
	return output.WriteJSON(manifestPath(dir, m.Shard), m)
}

// merge returns the stored results of jobs, in job order, failing with *IncompleteError if some
// are missing or stale unless AllowPartial (then only the stored ones are returned).
func merge[T any](jobs []Job[T], p Plan, o Options) ([]T, error) {
	if o.Dir == "" {
		return nil, fmt.Errorf("runner: a merge needs a results directory")
	}
	if err := agree(o.Sharding, p, false); err != nil {
		return nil, err
	}
	st, err := CheckDir(o.Dir, o.Sharding.manifests(), p)
	if err != nil {
		return nil, err
	}
	if !st.Complete() && !o.Sharding.AllowPartial {
		return nil, &IncompleteError{Missing: st.Missing, Stale: st.Stale, Total: st.Total}
	}
	if o.Progress != nil && (!st.Complete() || len(st.Extra)+len(st.Duplicates)+len(st.Reruns) > 0) {
		st.Print(o.Progress)
	}
	done := map[string]bool{}
	for _, k := range st.Done {
		done[k] = true
	}
	out := make([]T, 0, len(st.Done))
	for _, j := range jobs {
		if !done[j.Key] {
			continue
		}
		s, err := Load[T](resultPath(o.Dir, j.Key))
		if err != nil {
			return nil, err
		}
		out = append(out, s.Result)
	}
	return out, nil
}

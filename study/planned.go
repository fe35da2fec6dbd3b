package study

import (
	"errors"
	"io"
	"path/filepath"

	"github.com/airansim/airansim/study/runner"
)

// PlanFile is the name of the plan a sweep keeps in its output folder (runner.Plan): every run's
// key and fingerprint, for shards and merges to agree on the runs. Shard manifests go in the
// folder "shards" beside it.
const PlanFile = "plan.json"

// ReadPlanned reads the stored runs of the sweep in dir, dir/runs/<key>.json, in the order of its
// plan dir/plan.json, checking each against the plan's fingerprint. Without a plan it reads every
// stored run (ReadRuns). A run missing or stored with other inputs is an *runner.IncompleteError
// naming it unless allowPartial; then the stored ones are returned and the status is printed on
// w (nil: not printed).
func ReadPlanned(dir string, allowPartial bool, w io.Writer) ([]Result, error) {
	p, err := runner.ReadPlan(filepath.Join(dir, PlanFile))
	if errors.Is(err, runner.ErrNoPlan) {
		return ReadRuns(dir)
	}
	if err != nil {
		return nil, err
	}
	st, err := runner.CheckDir(filepath.Join(dir, "runs"), filepath.Join(dir, "shards"), p)
	if err != nil {
		return nil, err
	}
	if !st.Complete() && !allowPartial {
		return nil, &runner.IncompleteError{Missing: st.Missing, Stale: st.Stale, Total: st.Total}
	}
	if w != nil && !st.Complete() {
		st.Print(w)
	}
	rs := make([]Result, 0, len(st.Done))
	for _, k := range st.Done {
		s, err := runner.Load[Result](filepath.Join(dir, "runs", k+".json"))
		if err != nil {
			return nil, err
		}
		rs = append(rs, s.Result)
	}
	return rs, nil
}

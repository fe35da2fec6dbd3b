package study

import (
	"bytes"
	"fmt"
	"path/filepath"
	"sort"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/study/runner"
)

// WriteSummary writes rs to path as summary.csv, atomically: the CSV columns of SummaryColumns and
// then the measured columns (Result.Extra), one row per run in the order given.
func WriteSummary(path string, rs []Result) error {
	var buf bytes.Buffer
	if err := SummaryColumns().CSV().WithExtra(rs).WriteCSV(&buf, rs); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// ReadRuns reads every stored run of a sweep, dir/runs/*.json, in file-name order, whatever its
// fingerprint (files stored before fingerprints existed, as bare results, are read too).
func ReadRuns(dir string) ([]Result, error) {
	files, err := filepath.Glob(filepath.Join(dir, "runs", "*.json"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("study: no run results in %s", filepath.Join(dir, "runs"))
	}
	sort.Strings(files)
	rs := make([]Result, 0, len(files))
	for _, f := range files {
		st, err := runner.Load[Result](f)
		if err != nil {
			return nil, err
		}
		rs = append(rs, st.Result)
	}
	return rs, nil
}

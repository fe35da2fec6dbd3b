package study

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/airansim/airansim/internal/output"
)

// runRow is the part of a row of the runs table the test reads.
type runRow struct {
	Run       string  `parquet:"run"`
	Agent     string  `parquet:"agent"`
	Requests  int64   `parquet:"requests"`
	Overall   float64 `parquet:"overall"`
	AIP99     float64 `parquet:"ai_latency_p99_s"`
	Migration int64   `parquet:"migrations_total"`
}

// TestDatasetReadsBack: a sweep with a Dataset writes each run's records, read back with
// parquet-go, equal row for row to its requests.parquet (the records of Spec.Records), in the
// hive-style folder of its experiment, scenario, method, load and seed; and its summary, equal to
// the Result, as the one row of its file in the runs table, without the partition columns.
func TestDatasetReadsBack(t *testing.T) {
	root, recs := t.TempDir(), t.TempDir()
	specs := quickSpecs()
	for i := range specs {
		specs[i].Records = filepath.Join(recs, specs[i].Method)
		if err := os.MkdirAll(specs[i].Records, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	d := Dataset{Root: root, Experiment: "test"}
	rs, err := Sweep(context.Background(), specs, SweepOptions{Dataset: d, Parallel: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range specs {
		key := DefaultKey(s)
		part := filepath.Join("experiment=test", "scenario="+clean(s.Scenario.Name), "method="+s.Method, "load=1", "seed=3")
		if got := d.Partition(s); got != part {
			t.Errorf("partition %s, want %s", got, part)
		}
		got, err := parquet.ReadFile[datasetRequest](filepath.Join(root, RequestsTable, part, key+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		want, err := parquet.ReadFile[output.RequestRow](filepath.Join(s.Records, output.RequestsParquet))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != len(want) || int64(len(got)) != rs[i].Requests || len(got) == 0 {
			t.Fatalf("%s: %d dataset rows, %d records, %d requests", key, len(got), len(want), rs[i].Requests)
		}
		for j := range got {
			if got[j].Run != key || got[j].Agent != rs[i].Agent || !sameRow(toDatasetRequest(key, rs[i].Agent, want[j]), got[j]) {
				t.Fatalf("%s row %d: %+v, want %+v", key, j, got[j], want[j])
			}
		}
		runs, err := parquet.ReadFile[runRow](filepath.Join(root, RunsTable, part, key+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		r := rs[i]
		if len(runs) != 1 || runs[0] != (runRow{key, r.Agent, r.Requests, float64(r.Overall), float64(r.AIP99), int64(r.MigrationsTotal)}) {
			t.Errorf("%s: runs table %+v, want the result %+v", key, runs, r)
		}
		f, err := os.Open(filepath.Join(root, RunsTable, part, key+".parquet"))
		if err != nil {
			t.Fatal(err)
		}
		st, _ := f.Stat()
		pf, err := parquet.OpenFile(f, st.Size())
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []string{"method", "load", "seed"} {
			if _, ok := pf.Schema().Lookup(c); ok {
				t.Errorf("runs table file has partition column %s", c)
			}
		}
		f.Close()
	}
}

// sameRow compares two rows, NaN equal to NaN.
func sameRow(a, b datasetRequest) bool {
	nan := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	fa, fb := a, b
	fa.FinishS, fa.LatencyS, fb.FinishS, fb.LatencyS = 0, 0, 0, 0
	return fa == fb && nan(a.FinishS, b.FinishS) && nan(a.LatencyS, b.LatencyS)
}

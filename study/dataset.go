package study

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/parquet-go/parquet-go"

	"github.com/airansim/airansim/internal/output"
)

// The tables of a Dataset: folders under its root, each read as one table.
const (
	RequestsTable = "requests" // one row per request record of every run (columns: run, agent, then requests.parquet's)
	RunsTable     = "runs"     // one row per run: run, then summary.csv's columns but the partition ones
)

// Dataset is a partitioned parquet dataset of a sweep's runs (docs/dataset.md): for each run, its
// request records in Root/requests/<partition>/<key>.parquet and its summary in
// Root/runs/<partition>/<key>.parquet, where the partition is the hive-style folder path
// experiment=…/scenario=…/method=…/load=…/seed=… (Partition). DuckDB, polars, pandas and Spark read
// each table folder as one table, with the partition keys as columns. The zero value (Root "")
// writes nothing.
type Dataset struct {
	Root       string            // dataset folder; "": no dataset
	Experiment string            // value of the experiment key, e.g. "loadsweep"; "": "sweep"
	Scenario   func(Spec) string // value of the scenario key; nil: the scenario's name ("custom" if it has none)
}

// partitionKeys are the summary columns that the partition holds, left out of the runs table's files.
var partitionKeys = map[string]bool{"method": true, "load": true, "seed": true}

// Partition returns the hive-style folder of spec's run, relative to a table folder. Values are
// kept to letters, digits and ._+- (others become _).
func (d Dataset) Partition(s Spec) string {
	exp, sc := d.Experiment, ""
	if exp == "" {
		exp = "sweep"
	}
	if d.Scenario != nil {
		sc = d.Scenario(s)
	} else if s.Scenario != nil {
		sc = s.Scenario.Name
	}
	if sc == "" {
		sc = "custom"
	}
	load := s.Load
	if load == 0 {
		load = 1
	}
	return filepath.Join("experiment="+clean(exp), "scenario="+clean(sc), "method="+clean(s.Method),
		"load="+strconv.FormatFloat(load, 'g', -1, 64), "seed="+strconv.FormatUint(s.Seed, 10))
}

// File returns the file of the run key of spec in table.
func (d Dataset) File(table string, s Spec, key string) string {
	return filepath.Join(d.Root, table, d.Partition(s), clean(key)+".parquet")
}

// clean keeps letters, digits and ._+- of v, replacing every other character by _.
func clean(v string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', strings.ContainsRune("._+-", r):
			return r
		}
		return '_'
	}, v)
}

// datasetRequest is a row of the requests table: the run's key and agent, then output.RequestRow.
type datasetRequest struct {
	Run       string  `parquet:"run,dict"`
	Agent     string  `parquet:"agent,dict"`
	ID        int64   `parquet:"id"`
	Class     string  `parquet:"class,dict"`
	Category  string  `parquet:"category,dict"`
	Service   string  `parquet:"service,dict"`
	Cell      string  `parquet:"cell,dict"`
	Node      string  `parquet:"node,dict"`
	ArrivalS  float64 `parquet:"arrival_s"`
	FinishS   float64 `parquet:"finish_s"`
	LatencyS  float64 `parquet:"latency_s"`
	DeadlineS float64 `parquet:"deadline_s"`
	Met       bool    `parquet:"met"`
	Finished  bool    `parquet:"finished"`
	Dropped   bool    `parquet:"dropped"`
}

func toDatasetRequest(run, agent string, r output.RequestRow) datasetRequest {
	return datasetRequest{Run: run, Agent: agent, ID: r.ID, Class: r.Class, Category: r.Category, Service: r.Service,
		Cell: r.Cell, Node: r.Node, ArrivalS: r.ArrivalS, FinishS: r.FinishS, LatencyS: r.LatencyS, DeadlineS: r.DeadlineS,
		Met: r.Met, Finished: r.Finished, Dropped: r.Dropped}
}

// WriteRun writes r, the summary of the run key of spec, as the one row of its file in the runs
// table: the column run (key), then the CSV columns of SummaryColumns and r's Extra columns, but
// method, load and seed, which the partition holds. Fractions and times are doubles (NaN kept),
// counts 64-bit integers. Equal results give byte-identical files.
func (d Dataset) WriteRun(spec Spec, key string, r Result) error {
	cols := SummaryColumns().CSV().WithExtra([]Result{r})
	g := parquet.Group{"run": parquet.String()}
	vals := map[string]parquet.Value{"run": parquet.ValueOf(key)}
	for _, c := range cols {
		if partitionKeys[c.Name] {
			continue
		}
		node, v, err := columnValue(c, &r)
		if err != nil {
			return err
		}
		g[c.Name], vals[c.Name] = node, v
	}
	schema := parquet.NewSchema("run", g)
	row := make(parquet.Row, 0, len(vals))
	for i, path := range schema.Columns() {
		row = append(row, vals[path[0]].Level(0, 0, i))
	}
	var buf bytes.Buffer
	w := parquet.NewWriter(&buf, schema, parquet.CreatedBy("airansim", "", ""), parquet.Compression(&parquet.Snappy))
	if _, err := w.WriteRows([]parquet.Row{row}); err != nil {
		return fmt.Errorf("study: dataset run %s: %w", key, err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("study: dataset run %s: %w", key, err)
	}
	path := d.File(RunsTable, spec, key)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, buf.Bytes())
}

// columnValue returns the parquet node and value of column c in r.
func columnValue(c Column, r *Result) (parquet.Node, parquet.Value, error) {
	if c.Field == nil {
		return parquet.Leaf(parquet.DoubleType), parquet.ValueOf(r.Extra[c.Name]), nil
	}
	switch p := c.Field(r).(type) {
	case *string:
		return parquet.String(), parquet.ValueOf(*p), nil
	case *float64:
		return parquet.Leaf(parquet.DoubleType), parquet.ValueOf(*p), nil
	case *Frac:
		return parquet.Leaf(parquet.DoubleType), parquet.ValueOf(float64(*p)), nil
	case *int:
		return parquet.Int(64), parquet.ValueOf(int64(*p)), nil
	case *int64:
		return parquet.Int(64), parquet.ValueOf(*p), nil
	case *uint64:
		return parquet.Int(64), parquet.ValueOf(int64(*p)), nil
	}
	return nil, parquet.Value{}, fmt.Errorf("study: column %s: type %T has no parquet type", c.Name, c.Field(r))
}

package output

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/parquet-go/parquet-go"
)

// sampleRows returns n deterministic rows covering every column, including
// NaN times for unfinished requests.
func sampleRows(n int) []RequestRow {
	classes := []string{"urllc", "embb", "ai"}
	rows := make([]RequestRow, n)
	for i := range rows {
		arr := float64(i) * 0.013
		r := RequestRow{
			ID: int64(i), Class: classes[i%3], Category: "large-ai", Service: "llm-" + strconv.Itoa(i%2),
			Cell: "cell-" + strconv.Itoa(i%6), Node: "node-" + strconv.Itoa(i%4),
			ArrivalS: arr, FinishS: arr + 0.0007*float64(i%5), DeadlineS: 0.001,
			Finished: i%7 != 0, Dropped: i%11 == 0,
		}
		r.LatencyS = r.FinishS - r.ArrivalS
		if !r.Finished {
			r.FinishS, r.LatencyS = math.NaN(), math.NaN()
		}
		r.Met = r.Finished && r.LatencyS <= r.DeadlineS
		rows[i] = r
	}
	return rows
}

func writeRequests(t *testing.T, dir string, rows []RequestRow) {
	t.Helper()
	w, err := CreateRequestWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rows[0]); err == nil {
		t.Error("Write after Close = nil, want error")
	}
}

func TestRequestWriterCSVMatchesParquet(t *testing.T) {
	for _, n := range []int{1, 100, parquetBatch + 7} {
		dir := t.TempDir()
		rows := sampleRows(n)
		writeRequests(t, dir, rows)
		assertOnlyFiles(t, dir, RequestsCSV, RequestsParquet)

		pq, err := parquet.ReadFile[RequestRow](filepath.Join(dir, RequestsParquet))
		if err != nil {
			t.Fatal(err)
		}
		f, _ := os.Open(filepath.Join(dir, RequestsCSV))
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		if len(pq) != n || len(recs) != n+1 {
			t.Fatalf("n=%d: parquet %d rows, csv %d lines", n, len(pq), len(recs))
		}
		if got := recs[0]; !slices.Equal(got, RequestColumns()) {
			t.Fatalf("csv header %v, want %v", got, RequestColumns())
		}
		for i, r := range pq {
			if !sameRow(r, rows[i]) {
				t.Fatalf("parquet row %d = %+v, want %+v", i, r, rows[i])
			}
			if got := csvRecord(r); !slices.Equal(got, recs[i+1]) {
				t.Fatalf("csv row %d = %v, parquet gives %v", i, recs[i+1], got)
			}
		}
	}
}

func TestRequestWriterDeterministic(t *testing.T) {
	rows := sampleRows(3000)
	a, b := t.TempDir(), t.TempDir()
	writeRequests(t, a, rows)
	writeRequests(t, b, rows)
	for _, name := range []string{RequestsCSV, RequestsParquet} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes (%d vs %d bytes)", name, len(x), len(y))
		}
	}
}

func TestRequestWriterAbort(t *testing.T) {
	dir := t.TempDir()
	w, err := CreateRequestWriter(dir)
	if err != nil {
		t.Fatal(err)
	}
	w.Write(sampleRows(1)[0])
	w.Abort()
	if err := w.Close(); err == nil {
		t.Error("Close after Abort = nil, want error")
	}
	assertOnlyFiles(t, dir)
}

// csvRecord formats r as RequestWriter writes a CSV line.
func csvRecord(r RequestRow) []string {
	return []string{
		strconv.FormatInt(r.ID, 10), r.Class, r.Category, r.Service, r.Cell, r.Node,
		FormatFloat(r.ArrivalS), FormatFloat(r.FinishS), FormatFloat(r.LatencyS), FormatFloat(r.DeadlineS),
		strconv.FormatBool(r.Met), strconv.FormatBool(r.Finished), strconv.FormatBool(r.Dropped),
	}
}

// sameRow compares rows treating NaN as equal to NaN.
func sameRow(a, b RequestRow) bool {
	eq := func(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }
	fa, fb := a, b
	fa.ArrivalS, fa.FinishS, fa.LatencyS, fa.DeadlineS = 0, 0, 0, 0
	fb.ArrivalS, fb.FinishS, fb.LatencyS, fb.DeadlineS = 0, 0, 0, 0
	return fa == fb && eq(a.ArrivalS, b.ArrivalS) && eq(a.FinishS, b.FinishS) &&
		eq(a.LatencyS, b.LatencyS) && eq(a.DeadlineS, b.DeadlineS)
}

func TestRequestParquetColumns(t *testing.T) {
	var got []string
	for _, f := range parquet.SchemaOf(RequestRow{}).Fields() {
		got = append(got, f.Name())
	}
	if !slices.Equal(got, RequestColumns()) {
		t.Errorf("parquet columns %v, want %v", got, RequestColumns())
	}
}

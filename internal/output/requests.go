package output

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
)

// File names written by RequestWriter inside its directory.
const (
	RequestsCSV     = "requests.csv"
	RequestsParquet = "requests.parquet"
)

// RequestColumns returns the columns of requests.csv and
// requests.parquet, in order, matching the fields of RequestRow. The caller
// may modify the returned slice.
func RequestColumns() []string {
	return []string{
		"id", "class", "category", "service", "cell", "node",
		"arrival_s", "finish_s", "latency_s", "deadline_s",
		"met", "finished", "dropped",
	}
}

// RequestRow is the record of one simulated request. Times are in seconds
// of simulated time. The parquet tags name the columns (see RequestColumns).
type RequestRow struct {
	ID        int64   `parquet:"id"`
	Class     string  `parquet:"class,dict"`    // e.g. "urllc", "embb", "ai"
	Category  string  `parquet:"category,dict"` // service category, e.g. "du", "large-ai"
	Service   string  `parquet:"service,dict"`  // service that served the request
	Cell      string  `parquet:"cell,dict"`     // originating cell
	Node      string  `parquet:"node,dict"`     // node of the last instance visited
	ArrivalS  float64 `parquet:"arrival_s"`     // arrival time, s
	FinishS   float64 `parquet:"finish_s"`      // completion time, s; NaN if unfinished
	LatencyS  float64 `parquet:"latency_s"`     // FinishS - ArrivalS, s; NaN if unfinished
	DeadlineS float64 `parquet:"deadline_s"`    // relative deadline τ, s
	Met       bool    `parquet:"met"`           // finished with LatencyS <= DeadlineS + 1 ns (sim.MetTolerance)
	Finished  bool    `parquet:"finished"`      // completed before the horizon
	Dropped   bool    `parquet:"dropped"`       // rejected without service
}

const (
	// parquetBatch is the number of rows handed to the parquet writer at once.
	parquetBatch = 1024
	// parquetRowGroup bounds the rows buffered in memory by the parquet writer.
	parquetRowGroup = 1 << 16
)

// errClosed is returned by RequestWriter methods after Close or Abort.
var errClosed = errors.New("output: RequestWriter is closed")

// RequestWriter streams RequestRows to requests.csv and requests.parquet in
// one directory, holding at most one parquet row group (65,536 rows) in
// memory. Both files are written under temporary names and appear under
// their final names only when Close succeeds. The parquet file is
// Snappy-compressed. Identical rows give byte-identical files.
//
// A RequestWriter is not safe for concurrent use.
type RequestWriter struct {
	csvFile, pqFile *AtomicFile
	csv             *CSVWriter
	pq              *parquet.GenericWriter[RequestRow]
	batch           []RequestRow
	err             error
	closed          bool
}

// CreateRequestWriter starts writing dir/requests.csv and
// dir/requests.parquet. The directory must exist. The caller must call
// Close (or Abort).
func CreateRequestWriter(dir string) (*RequestWriter, error) {
	csvFile, err := CreateAtomic(filepath.Join(dir, RequestsCSV))
	if err != nil {
		return nil, err
	}
	pqFile, err := CreateAtomic(filepath.Join(dir, RequestsParquet))
	if err != nil {
		csvFile.Abort()
		return nil, err
	}
	return &RequestWriter{
		csvFile: csvFile,
		pqFile:  pqFile,
		csv:     NewCSVWriter(csvFile, RequestColumns()...),
		pq: parquet.NewGenericWriter[RequestRow](pqFile,
			parquet.CreatedBy("airansim", "", ""),
			parquet.Compression(&parquet.Snappy),
			parquet.MaxRowsPerRowGroup(parquetRowGroup),
		),
		batch: make([]RequestRow, 0, parquetBatch),
	}, nil
}

// Write appends r to both files. After an error every later Write returns
// the same error and Close discards the files.
func (w *RequestWriter) Write(r RequestRow) error {
	if w.closed {
		return errClosed
	}
	if w.err != nil {
		return w.err
	}
	w.csv.Int(r.ID).Str(r.Class).Str(r.Category).Str(r.Service).Str(r.Cell).Str(r.Node).
		Float(r.ArrivalS).Float(r.FinishS).Float(r.LatencyS).Float(r.DeadlineS).
		Bool(r.Met).Bool(r.Finished).Bool(r.Dropped)
	if err := w.csv.EndRow(); err != nil {
		w.err = fmt.Errorf("output: writing %s: %w", RequestsCSV, err)
		return w.err
	}
	w.batch = append(w.batch, r)
	if len(w.batch) == cap(w.batch) {
		w.err = w.flushBatch()
	}
	return w.err
}

// flushBatch hands the buffered rows to the parquet writer.
func (w *RequestWriter) flushBatch() error {
	if len(w.batch) == 0 {
		return nil
	}
	_, err := w.pq.Write(w.batch)
	w.batch = w.batch[:0]
	if err != nil {
		return fmt.Errorf("output: writing %s: %w", RequestsParquet, err)
	}
	return nil
}

// Close flushes both files and publishes them under their final names. If
// any Write failed, or flushing fails, both temporary files are removed, no
// final file is replaced and the error is returned. Close after Close or
// Abort returns an error.
func (w *RequestWriter) Close() error {
	if w.closed {
		return errClosed
	}
	if w.err == nil {
		w.err = w.flushBatch()
	}
	if w.err == nil {
		if err := w.pq.Close(); err != nil {
			w.err = fmt.Errorf("output: writing %s: %w", RequestsParquet, err)
		}
	}
	if w.err == nil {
		w.err = w.csv.Flush()
	}
	if w.err != nil {
		w.Abort()
		return w.err
	}
	w.closed = true
	return errors.Join(w.csvFile.Commit(), w.pqFile.Commit())
}

// Abort discards both files, leaving any existing final files untouched.
// It is a no-op after Close or Abort.
func (w *RequestWriter) Abort() {
	if w.closed {
		return
	}
	w.closed = true
	w.csvFile.Abort()
	w.pqFile.Abort()
}

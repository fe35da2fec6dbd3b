package traces

import (
	"io"
)

// Column names of the Azure LLM inference traces.
const (
	AzureTimestamp = "TIMESTAMP"       // Arrival time (text or parquet TIMESTAMP).
	AzurePrompt    = "ContextTokens"   // Prompt tokens, integer ≥ 0.
	AzureOutput    = "GeneratedTokens" // Output tokens, integer ≥ 0.
)

var azureColumns = []string{AzureTimestamp, AzurePrompt, AzureOutput}

// AzureSource streams an Azure LLM inference trace (TIMESTAMP,ContextTokens,GeneratedTokens) as
// token rows, one at a time, without loading the file. Row times are seconds since the first row,
// computed from integer nanoseconds so that long traces do not drift.
//
// The header is required and may list the columns in any order; columns other than the three are
// ignored (so the 2025 multimodal trace with NumImages reads too), but none may appear twice.
// Timestamps may be "2023-11-16 18:17:03.9799600" (naive, read as UTC), "2024-05-10
// 00:00:00.009930+00:00" or "2024-05-12 00:00:00+00:00", mixed freely; in parquet, TIMESTAMP may
// also be an INT64 TIMESTAMP column of any unit. Token columns hold integers ≥ 0 (parquet INT32 or
// INT64). Rows must be in non-decreasing time order. A file without a row is an error. Any broken
// rule stops the source with a *ParseError; no row is ever skipped.
//
// An AzureSource is not safe for concurrent use; Fork gives an independent copy.
type AzureSource struct {
	t       table
	b       binding
	t0      int64    // Time of the first row, ns.
	last    int64    // Time of the last row read, ns.
	pending TokenRow // First row, read by the constructor.
	held    bool     // pending not yet returned.
	err     error    // Sticky error.
	done    bool
}

var _ ForkableTokenSource = (*AzureSource)(nil)

// OpenAzure opens an Azure trace file, CSV (".csv") or parquet (".parquet", ".pq") by its
// extension, checks the header and reads the first row. The source can fork; Close it when done.
func OpenAzure(path string) (*AzureSource, error) {
	t, err := openTable(path)
	if err != nil {
		return nil, err
	}
	return newAzure(t)
}

// NewAzureCSV reads an Azure trace in CSV from r; name labels errors. The source cannot fork
// (Fork returns ErrNotForkable); Close does not close r.
func NewAzureCSV(r io.Reader, name string) (*AzureSource, error) {
	t, err := newCSVTable(r, name)
	if err != nil {
		return nil, err
	}
	return newAzure(t)
}

// NewAzureParquet reads an Azure trace in parquet from the size bytes of r; name labels errors.
// The source cannot fork; Close does not close r.
func NewAzureParquet(r io.ReaderAt, size int64, name string) (*AzureSource, error) {
	t, err := newParquetTable(r, size, name)
	if err != nil {
		return nil, err
	}
	return newAzure(t)
}

// newAzure binds the columns of t and reads the first row; it closes t on error.
func newAzure(t table) (*AzureSource, error) {
	b, err := bind(t, azureColumns, nil, true)
	if err != nil {
		t.close()
		return nil, err
	}
	s := &AzureSource{t: t, b: b}
	row, ok, err := s.read(true)
	if err == nil && !ok {
		err = errAt(t.name(), 0, "", ErrNoRows)
	}
	if err != nil {
		t.close()
		return nil, err
	}
	s.pending, s.held = row, true
	return s, nil
}

// Next returns the next row; ok is false at the end. After an error, Next returns it again.
func (s *AzureSource) Next() (TokenRow, bool, error) {
	if s.held {
		s.held = false
		return s.pending, true, nil
	}
	if s.err != nil || s.done {
		return TokenRow{}, false, s.err
	}
	row, ok, err := s.read(false)
	s.err, s.done = err, !ok
	return row, ok, err
}

// read parses the next row; first marks the first row of the trace.
func (s *AzureSource) read(first bool) (TokenRow, bool, error) {
	vals, line, err := s.t.next()
	if err == io.EOF {
		return TokenRow{}, false, nil
	}
	if err != nil {
		return TokenRow{}, false, err
	}
	ns, err := s.b.get(vals, 0).unixNano()
	if err != nil {
		return TokenRow{}, false, errAt(s.t.name(), line, AzureTimestamp, err)
	}
	if first {
		s.t0, s.last = ns, ns
	}
	if ns < s.last {
		return TokenRow{}, false, errAt(s.t.name(), line, AzureTimestamp,
			detail(ErrUnsorted, "%.9f s before the previous row", float64(s.last-ns)/1e9))
	}
	s.last = ns
	return s.tokens(vals, line, ns)
}

// tokens completes a row with its token counts.
func (s *AzureSource) tokens(vals []value, line int, ns int64) (TokenRow, bool, error) {
	var n [2]int64
	for k, col := range azureColumns[1:] {
		c, err := s.b.get(vals, k+1).count()
		if err != nil {
			return TokenRow{}, false, errAt(s.t.name(), line, col, err)
		}
		n[k] = c
	}
	return TokenRow{Time: float64(ns-s.t0) / 1e9, Prompt: int(n[0]), Output: int(n[1]), Line: line}, true, nil
}

// Fork returns an independent source that yields the same remaining rows. It reopens the file and
// seeks to the current position (a byte offset for CSV, a row for parquet), so it costs O(1) in the
// rows already read. Sources built from a reader return ErrNotForkable.
func (s *AzureSource) Fork() (TokenSource, error) {
	t, err := s.t.fork()
	if err != nil {
		return nil, err
	}
	c := *s
	c.t = t
	return &c, nil
}

// Close releases the file. It is safe to call more than once.
func (s *AzureSource) Close() error { return s.t.close() }

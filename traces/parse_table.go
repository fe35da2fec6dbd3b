package traces

import (
	"fmt"
	"path/filepath"
	"strings"
)

// table is a streamed, header-described sequence of rows: the common ground of the CSV and parquet
// backends on which the Azure and generic readers are built.
type table interface {
	name() string     // File name used in errors.
	header() []string // Column names in file order.
	headerLine() int  // Line of the header for errors (1 for CSV, 0 for parquet).
	// next returns the next row's values in header order (valid until the next call) and its
	// 1-based line or row; io.EOF at the end; other errors are *ParseError.
	next() (vals []value, line int, err error)
	fork() (table, error) // A table at the same position, or ErrNotForkable.
	close() error
}

// binding maps wanted column names to their position in a table's header (-1 when absent).
type binding []int

// bind checks t's header against the required and optional names. Unknown columns are an error
// unless allowExtra. The result lists required then optional names in the order given.
func bind(t table, required, optional []string, allowExtra bool) (binding, error) {
	seen := make(map[string]int, len(t.header()))
	for i, h := range t.header() {
		if _, dup := seen[h]; dup {
			return nil, errAt(t.name(), t.headerLine(), h, ErrDuplicateColumn)
		}
		seen[h] = i
	}
	b := make(binding, 0, len(required)+len(optional))
	for _, c := range required {
		i, ok := seen[c]
		if !ok {
			return nil, errAt(t.name(), t.headerLine(), c, detail(ErrMissingColumn, "header has %s", strings.Join(t.header(), ",")))
		}
		b = append(b, i)
	}
	for _, c := range optional {
		i, ok := seen[c]
		if !ok {
			i = -1
		}
		b = append(b, i)
	}
	if !allowExtra {
		if err := rejectUnknown(t, required, optional); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// rejectUnknown returns an error naming the first header column not in required or optional.
func rejectUnknown(t table, required, optional []string) error {
	known := make(map[string]bool, len(required)+len(optional))
	for _, c := range append(append([]string(nil), required...), optional...) {
		known[c] = true
	}
	for _, h := range t.header() {
		if !known[h] {
			return errAt(t.name(), t.headerLine(), h, ErrUnknownColumn)
		}
	}
	return nil
}

// get returns the value of bound column k in vals (empty when the column is absent).
func (b binding) get(vals []value, k int) value {
	if b[k] < 0 {
		return value{}
	}
	return vals[b[k]]
}

// openTable opens path as CSV or parquet according to its extension.
func openTable(path string) (table, error) {
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".csv":
		return openCSVTable(path)
	case ".parquet", ".pq":
		return openParquetTable(path)
	default:
		return nil, errAt(path, 0, "", fmt.Errorf("unknown extension %q (want .csv or .parquet)", ext))
	}
}

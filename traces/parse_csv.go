package traces

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// csvTable streams a CSV file with a header row.
type csvTable struct {
	file     string   // Name for errors.
	path     string   // Path to reopen for fork; "" when read from a stream.
	f        *os.File // Open file, nil when read from a stream.
	r        *csv.Reader
	cols     []string
	base     int64 // Byte offset in the file where r started.
	lineBase int   // File line = lineBase + reader line.
	endLine  int   // File line on which the last returned record ended.
	vals     []value
}

// openCSVTable opens path and reads its header.
func openCSVTable(path string) (*csvTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errAt(path, 0, "", err)
	}
	t, err := newCSVTable(f, path)
	if err != nil {
		f.Close()
		return nil, err
	}
	t.path, t.f = path, f
	return t, nil
}

// newCSVTable reads the header from r.
func newCSVTable(r io.Reader, name string) (*csvTable, error) {
	t := &csvTable{file: name}
	t.reset(r, 0, 0)
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, errAt(name, 0, "", ErrEmpty)
	}
	if err != nil {
		return nil, t.wrap(err)
	}
	t.cols = make([]string, len(rec))
	for i, c := range rec {
		t.cols[i] = strings.TrimSpace(c)
	}
	t.cols[0] = strings.TrimPrefix(t.cols[0], "\ufeff")
	t.endLine = t.lineOf(rec)
	t.vals = make([]value, len(t.cols))
	return t, nil
}

// reset makes t read from r, which starts at byte offset base and file line lineBase+1.
func (t *csvTable) reset(r io.Reader, base int64, lineBase int) {
	t.r = csv.NewReader(r)
	t.r.FieldsPerRecord = -1
	t.r.ReuseRecord = true
	t.base, t.lineBase = base, lineBase
}

func (t *csvTable) name() string     { return t.file }
func (t *csvTable) header() []string { return t.cols }
func (t *csvTable) headerLine() int  { return 1 }

// lineOf returns the file line on which rec ends, and sets nothing.
func (t *csvTable) lineOf(rec []string) int {
	start, _ := t.r.FieldPos(0)
	n := 0
	for _, f := range rec {
		n += strings.Count(f, "\n")
	}
	return t.lineBase + start + n
}

// next implements table.
func (t *csvTable) next() ([]value, int, error) {
	rec, err := t.r.Read()
	if err == io.EOF {
		return nil, 0, io.EOF
	}
	if err != nil {
		return nil, 0, t.wrap(err)
	}
	start, _ := t.r.FieldPos(0)
	line := t.lineBase + start
	t.endLine = t.lineOf(rec)
	if len(rec) != len(t.cols) {
		return nil, line, t.fieldCount(line, len(rec))
	}
	for i, s := range rec {
		t.vals[i] = textValue(s)
	}
	return t.vals, line, nil
}

// fieldCount reports a record with n fields.
func (t *csvTable) fieldCount(line, n int) error {
	col := ""
	if n < len(t.cols) {
		col = t.cols[n]
	}
	return errAt(t.file, line, col, detail(ErrFieldCount, "%d fields, header has %d", n, len(t.cols)))
}

// wrap converts a csv or I/O error into a *ParseError.
func (t *csvTable) wrap(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return errAt(t.file, t.lineBase+pe.Line, "", fmt.Errorf("%w: %v", ErrSyntax, pe.Err))
	}
	return errAt(t.file, 0, "", err)
}

// fork reopens the file and seeks to the byte after the last record read.
func (t *csvTable) fork() (table, error) {
	if t.path == "" {
		return nil, ErrNotForkable
	}
	off := t.base + t.r.InputOffset()
	f, err := os.Open(t.path)
	if err != nil {
		return nil, errAt(t.path, 0, "", err)
	}
	if _, err := f.Seek(off, io.SeekStart); err != nil {
		f.Close()
		return nil, errAt(t.path, 0, "", err)
	}
	c := &csvTable{file: t.file, path: t.path, f: f, cols: t.cols, endLine: t.endLine}
	c.reset(f, off, t.endLine)
	c.vals = make([]value, len(t.cols))
	return c, nil
}

// close closes the file, if any.
func (t *csvTable) close() error {
	if t.f == nil {
		return nil
	}
	err := t.f.Close()
	t.f = nil
	return err
}

package traces

import (
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// parquetBatch is the number of rows read from a row group at a time.
const parquetBatch = 512

// parquetTable streams a flat parquet file row group by row group, in batches.
type parquetTable struct {
	file  string
	path  string   // Path to reopen for fork; "" when read from a stream.
	f     *os.File // Open file, nil when read from a stream.
	pf    *parquet.File
	cols  []string
	conv  []converter // Per leaf column, by column index.
	group int         // Index of the current row group.
	rows  parquet.Rows
	buf   []parquet.Row
	batch [][]value // Converted rows of the current batch.
	n, i  int       // Rows in the batch, next row in the batch.
	row   int64     // Data rows returned so far.
}

// openParquetTable opens path and reads its footer.
func openParquetTable(path string) (*parquetTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, errAt(path, 0, "", err)
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, errAt(path, 0, "", err)
	}
	t, err := newParquetTable(f, st.Size(), path)
	if err != nil {
		f.Close()
		return nil, err
	}
	t.path, t.f = path, f
	return t, nil
}

// newParquetTable reads the footer of the parquet data in r (size bytes) and checks its schema.
func newParquetTable(r io.ReaderAt, size int64, name string) (_ *parquetTable, err error) {
	defer recoverInto(&err, name, 0)
	if size == 0 {
		return nil, errAt(name, 0, "", ErrEmpty)
	}
	pf, err := parquet.OpenFile(r, size, parquet.SkipBloomFilters(true), parquet.SkipPageIndex(true))
	if err != nil {
		return nil, errAt(name, 0, "", err)
	}
	t := &parquetTable{file: name, pf: pf, group: -1}
	if err := t.schema(); err != nil {
		return nil, err
	}
	t.buf = make([]parquet.Row, parquetBatch)
	t.batch = make([][]value, parquetBatch)
	for i := range t.batch {
		t.batch[i] = make([]value, len(t.cols))
	}
	return t, nil
}

// schema fills cols and conv from the file schema; only flat files of leaf columns are accepted.
func (t *parquetTable) schema() error {
	fields := t.pf.Schema().Fields()
	t.cols = make([]string, len(fields))
	t.conv = make([]converter, len(fields))
	for i, fld := range fields {
		t.cols[i] = fld.Name()
		if !fld.Leaf() || fld.Repeated() {
			return errAt(t.file, 0, fld.Name(), detail(ErrColumnType, "nested or repeated"))
		}
		leaf, _ := t.pf.Schema().Lookup(fld.Name())
		if leaf.ColumnIndex != i {
			return errAt(t.file, 0, fld.Name(), detail(ErrColumnType, "unexpected column order"))
		}
		conv, err := converterFor(fld.Type())
		if err != nil {
			return errAt(t.file, 0, fld.Name(), err)
		}
		t.conv[i] = conv
	}
	return nil
}

func (t *parquetTable) name() string     { return t.file }
func (t *parquetTable) header() []string { return t.cols }
func (t *parquetTable) headerLine() int  { return 0 }

// next implements table.
func (t *parquetTable) next() (_ []value, _ int, err error) {
	defer recoverInto(&err, t.file, int(t.row)+1)
	for t.i >= t.n {
		if err := t.fill(); err != nil {
			return nil, 0, err
		}
	}
	vals := t.batch[t.i]
	t.i++
	t.row++
	return vals, int(t.row), nil
}

// fill reads the next batch, moving to the next row group when the current one is exhausted.
func (t *parquetTable) fill() error {
	t.i, t.n = 0, 0
	if t.rows == nil {
		if err := t.openGroup(t.group+1, 0); err != nil {
			return err
		}
	}
	n, err := t.rows.ReadRows(t.buf)
	for k := 0; k < n; k++ {
		if cerr := t.convert(k); cerr != nil {
			return cerr
		}
	}
	t.n = n
	if err == io.EOF || (n == 0 && err == nil) {
		t.rows.Close()
		t.rows = nil
		return nil
	}
	if err != nil {
		return errAt(t.file, int(t.row)+1, "", err)
	}
	return nil
}

// openGroup positions t at row skip of row group g; io.EOF past the last group.
func (t *parquetTable) openGroup(g int, skip int64) error {
	groups := t.pf.RowGroups()
	if g >= len(groups) {
		return io.EOF
	}
	t.group = g
	t.rows = groups[g].Rows()
	if skip > 0 {
		if err := t.rows.SeekToRow(skip); err != nil {
			return errAt(t.file, int(t.row)+1, "", err)
		}
	}
	return nil
}

// convert converts t.buf[k] into t.batch[k].
func (t *parquetTable) convert(k int) error {
	out := t.batch[k]
	for c := range out {
		out[c] = value{}
	}
	for _, v := range t.buf[k] {
		c := v.Column()
		if c < 0 || c >= len(out) {
			return errAt(t.file, int(t.row)+k+1, "", fmt.Errorf("value for unknown column %d", c))
		}
		if !v.IsNull() {
			out[c] = t.conv[c](v)
		}
	}
	return nil
}

// fork reopens the file at the same data row.
func (t *parquetTable) fork() (_ table, err error) {
	defer recoverInto(&err, t.file, int(t.row)+1)
	if t.path == "" {
		return nil, ErrNotForkable
	}
	c, err := openParquetTable(t.path)
	if err != nil {
		return nil, err
	}
	c.file = t.file
	if err := c.seek(t.row); err != nil {
		c.close()
		return nil, err
	}
	return c, nil
}

// seek positions a fresh table so that the next row returned is data row pos+1.
func (t *parquetTable) seek(pos int64) error {
	g, skip := 0, pos
	groups := t.pf.RowGroups()
	for g < len(groups) && skip >= groups[g].NumRows() {
		skip -= groups[g].NumRows()
		g++
	}
	t.row = pos
	if err := t.openGroup(g, skip); err != nil && err != io.EOF {
		return err
	}
	if g >= len(groups) {
		t.group = g
	}
	return nil
}

// close releases the row reader and the file.
func (t *parquetTable) close() error {
	if t.rows != nil {
		t.rows.Close()
		t.rows = nil
	}
	if t.f == nil {
		return nil
	}
	err := t.f.Close()
	t.f = nil
	return err
}

// recoverInto turns a panic inside parquet-go (on corrupt input) into a *ParseError in *err.
func recoverInto(err *error, file string, row int) {
	if r := recover(); r != nil {
		*err = errAt(file, row, "", fmt.Errorf("corrupt parquet data: %v", r))
	}
}

package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
)

// FormatFloat formats v as the shortest decimal string that parses back to
// exactly v (strconv.FormatFloat(v, 'g', -1, 64)), so output is
// byte-identical for identical input and loses no precision. Exponents are
// used for very large and very small magnitudes (1e+21, 1e-05). NaN is
// written "NaN" and infinities "inf" and "-inf", spellings that pandas,
// polars and DuckDB all parse as floats.
func FormatFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "inf"
	case math.IsInf(v, -1):
		return "-inf"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// CSVWriter writes a CSV table with a fixed header, one typed field at a
// time, formatting values deterministically: floats with FormatFloat,
// integers in decimal, booleans as "true" and "false". Lines end in "\n" and
// fields are quoted only when needed (RFC 4180).
//
// The field methods return the receiver so a row reads as
//
//	w.Int(id).Str(name).Float(latency).EndRow()
//
// Errors are sticky: after the first error every call is a no-op and Err,
// EndRow and Flush report it. A CSVWriter is not safe for concurrent use.
type CSVWriter struct {
	w    *csv.Writer
	cols int
	rec  []string
	err  error
}

// NewCSVWriter returns a CSVWriter on w and writes the header line. Every
// row must then have exactly len(header) fields. It panics if header is
// empty. The output is buffered: call Flush when done.
func NewCSVWriter(w io.Writer, header ...string) *CSVWriter {
	if len(header) == 0 {
		panic("output: CSV header is empty")
	}
	c := &CSVWriter{w: csv.NewWriter(w), cols: len(header)}
	c.err = c.w.Write(header)
	c.rec = make([]string, 0, len(header))
	return c
}

// Str appends a string field.
func (c *CSVWriter) Str(s string) *CSVWriter {
	if c.err == nil {
		c.rec = append(c.rec, s)
	}
	return c
}

// Int appends an integer field.
func (c *CSVWriter) Int(v int64) *CSVWriter {
	return c.Str(strconv.FormatInt(v, 10))
}

// Float appends a float field formatted by FormatFloat.
func (c *CSVWriter) Float(v float64) *CSVWriter {
	return c.Str(FormatFloat(v))
}

// Bool appends a boolean field, "true" or "false".
func (c *CSVWriter) Bool(v bool) *CSVWriter {
	return c.Str(strconv.FormatBool(v))
}

// EndRow writes the fields appended since the previous row. It returns an
// error if their number differs from the header's, or any earlier error.
func (c *CSVWriter) EndRow() error {
	if c.err != nil {
		return c.err
	}
	if len(c.rec) != c.cols {
		c.err = fmt.Errorf("output: CSV row has %d fields, header has %d", len(c.rec), c.cols)
		return c.err
	}
	c.err = c.w.Write(c.rec)
	c.rec = c.rec[:0]
	return c.err
}

// Flush writes any buffered data to the underlying writer and returns the
// first error met so far.
func (c *CSVWriter) Flush() error {
	if c.err != nil {
		return c.err
	}
	c.w.Flush()
	c.err = c.w.Error()
	return c.err
}

// Err returns the first error met so far, or nil.
func (c *CSVWriter) Err() error { return c.err }

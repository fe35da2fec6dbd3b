package traces

import (
	"errors"
	"fmt"
)

// ParseError reports a trace that breaks a format rule. Its message has the form
//
//	traces: FILE:LINE: column "X": RULE
//
// where LINE is the 1-based line of a CSV file (the header is line 1) or the 1-based data row of a
// parquet file; LINE is omitted when the error concerns the whole file, and the column part when it
// concerns no single column. Err wraps one of the rule sentinels below (test with errors.Is) or, for
// I/O failures, the underlying error.
type ParseError struct {
	File   string // File name or the name given for a reader.
	Line   int    // 1-based line (CSV) or data row (parquet); 0 for the whole file.
	Column string // Column name, "" if none.
	Err    error  // The rule broken (a sentinel, possibly wrapped with details) or an I/O error.
}

// Error implements error.
func (e *ParseError) Error() string {
	pos := e.File
	if e.Line > 0 {
		pos = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Column != "" {
		return fmt.Sprintf("traces: %s: column %q: %v", pos, e.Column, e.Err)
	}
	return fmt.Sprintf("traces: %s: %v", pos, e.Err)
}

// Unwrap returns Err.
func (e *ParseError) Unwrap() error { return e.Err }

// Rules a trace can break. They are always returned wrapped in a *ParseError, which adds the
// "traces:" prefix, the file, line and column.
var (
	ErrEmpty           = errors.New("empty file (no header)")
	ErrNoRows          = errors.New("no rows")
	ErrSyntax          = errors.New("malformed CSV")
	ErrMissingColumn   = errors.New("missing column")
	ErrUnknownColumn   = errors.New("unknown column")
	ErrDuplicateColumn = errors.New("duplicate column")
	ErrColumnType      = errors.New("unsupported column type")
	ErrFieldCount      = errors.New("wrong number of fields")
	ErrEmptyValue      = errors.New("empty value")
	ErrTimestamp       = errors.New("malformed timestamp")
	ErrNotNumber       = errors.New("not a number")
	ErrNotInteger      = errors.New("not an integer")
	ErrNegative        = errors.New("negative value")
	ErrNotPositive     = errors.New("not positive")
	ErrNotFinite       = errors.New("not finite")
	ErrUnsorted        = errors.New("decreasing value")
	ErrUnknownClass    = errors.New("unknown class")
	ErrUnknownService  = errors.New("unknown service")
	ErrUnknownCell     = errors.New("unknown cell")
	ErrNoWork          = errors.New("AI row has neither tokens nor work")
	ErrRANService      = errors.New("RAN row has a service")
	ErrWrongClass      = errors.New("column not allowed for this class")
	ErrNoDefault       = errors.New("empty and no default supplied")
)

// ErrNotForkable is returned by Fork on a source built from an io.Reader rather than a path.
var ErrNotForkable = errors.New("traces: source read from a stream cannot fork (open it by path)")

// errAt builds a *ParseError.
func errAt(file string, line int, column string, err error) *ParseError {
	return &ParseError{File: file, Line: line, Column: column, Err: err}
}

// detail wraps rule with a detail text, keeping errors.Is(…, rule) true.
func detail(rule error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", rule, fmt.Sprintf(format, args...))
}

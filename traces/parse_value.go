package traces

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// valueKind is the representation of one field as a table backend delivers it.
type valueKind uint8

const (
	kindEmpty valueKind = iota // Empty CSV field or parquet null.
	kindText                   // Text (CSV field, parquet string).
	kindInt                    // Parquet integer.
	kindFloat                  // Parquet float or double.
	kindTime                   // Parquet timestamp, ns since the Unix epoch.
)

// value is one field of a row. CSV fields are always kindText or kindEmpty.
type value struct {
	kind valueKind
	text string
	i    int64
	f    float64
}

// textValue returns the value of a trimmed CSV field.
func textValue(s string) value {
	s = strings.TrimSpace(s)
	if s == "" {
		return value{}
	}
	return value{kind: kindText, text: s}
}

// str returns the text of v, "" when empty.
func (v value) str() (string, error) {
	switch v.kind {
	case kindEmpty:
		return "", nil
	case kindText:
		return v.text, nil
	}
	return "", detail(ErrColumnType, "want text")
}

// count returns v as a non-negative integer (tokens, ids).
func (v value) count() (int64, error) {
	var n int64
	switch v.kind {
	case kindEmpty:
		return 0, ErrEmptyValue
	case kindInt:
		n = v.i
	case kindFloat:
		if err := checkFinite(v.f); err != nil {
			return 0, err
		}
		if v.f != math.Trunc(v.f) || math.Abs(v.f) > 1<<53 {
			return 0, detail(ErrNotInteger, "%g", v.f)
		}
		n = int64(v.f)
	case kindText:
		var err error
		if n, err = parseCount(v.text); err != nil {
			return 0, err
		}
	default:
		return 0, detail(ErrColumnType, "want an integer")
	}
	if n < 0 {
		return 0, detail(ErrNegative, "%d", n)
	}
	return n, nil
}

// parseCount parses a decimal integer, classifying failures by rule.
func parseCount(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err == nil {
		return n, nil
	}
	f, ferr := strconv.ParseFloat(s, 64)
	switch {
	case ferr != nil && !isRangeErr(ferr):
		return 0, detail(ErrNotNumber, "%q", s)
	case math.IsNaN(f) || math.IsInf(f, 0):
		return 0, detail(ErrNotFinite, "%q", s)
	}
	return 0, detail(ErrNotInteger, "%q", s)
}

// isRangeErr reports whether err is strconv's out-of-range error.
func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// real returns v as a finite number ≥ 0.
func (v value) real() (float64, error) {
	var f float64
	switch v.kind {
	case kindEmpty:
		return 0, ErrEmptyValue
	case kindInt:
		f = float64(v.i)
	case kindFloat:
		f = v.f
	case kindText:
		var err error
		if f, err = strconv.ParseFloat(v.text, 64); err != nil && !isRangeErr(err) {
			return 0, detail(ErrNotNumber, "%q", v.text)
		}
	default:
		return 0, detail(ErrColumnType, "want a number")
	}
	if err := checkFinite(f); err != nil {
		return 0, err
	}
	if f < 0 {
		return 0, detail(ErrNegative, "%g", f)
	}
	return f, nil
}

// checkFinite rejects NaN and ±Inf.
func checkFinite(f float64) error {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return detail(ErrNotFinite, "%g", f)
	}
	return nil
}

// unixNano returns v as a timestamp in ns since the Unix epoch.
func (v value) unixNano() (int64, error) {
	switch v.kind {
	case kindEmpty:
		return 0, ErrEmptyValue
	case kindTime:
		return v.i, nil
	case kindText:
		return parseTimestamp(v.text)
	}
	return 0, detail(ErrColumnType, "want a timestamp or text")
}

// Timestamp layouts. When parsing, Go accepts any number of fractional digits after the seconds
// even when the layout has none, so each layout covers "…:05", "…:05.9799600", "…:05.009930".
const (
	layoutNaive = "2006-01-02 15:04:05"
	layoutZoned = "2006-01-02 15:04:05Z07:00"
)

// parseTimestamp parses an Azure trace timestamp: "2023-11-16 18:17:03.9799600" (naive, read as
// UTC), "2024-05-10 00:00:00.009930+00:00" or "2024-05-12 00:00:00+00:00". A "T" may replace the
// space.
func parseTimestamp(s string) (int64, error) {
	if len(s) > 10 && s[10] == 'T' {
		s = s[:10] + " " + s[11:]
	}
	layout := layoutNaive
	if len(s) > 19 && strings.ContainsAny(s[19:], "Z+-") {
		layout = layoutZoned
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return 0, detail(ErrTimestamp, "%q", s)
	}
	if y := t.Year(); y < 1678 || y > 2261 {
		return 0, detail(ErrTimestamp, "%q out of range", s)
	}
	return t.UnixNano(), nil
}

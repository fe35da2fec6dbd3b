package study

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/airansim/airansim/internal/output"
)

// Column is one column of summary.csv and one key of a run's JSON (summary.json, runs/*.json). The
// built-in columns are declared once, in SummaryColumns; the CSV header and rows, the JSON of a
// Result and the column table of docs/metrics.md all derive from it.
type Column struct {
	Name string // CSV header and JSON key: snake_case, ending in the unit where it has one (ai_latency_p99_s)
	Unit string // unit of the values ("fraction", "s", "requests", …); "" for labels and dimensionless values
	Doc  string // one-line meaning; docs/metrics.md gives the formal definitions

	// Field returns a pointer to the column's value in r: a *float64, *Frac, *int, *int64, *uint64
	// or *string. Nil: the value is r.Extra[Name], a column measured by a Meter (see Measure).
	Field func(r *Result) any

	// JSONOnly keeps the column out of summary.csv, which must be byte-identical for a seed
	// (wall_s: wall-clock time).
	JSONOnly bool
}

// Columns is an ordered list of columns.
type Columns []Column

// SummaryColumns returns the built-in columns in the order of summary.csv, then the JSON-only ones.
// The caller may modify the returned slice.
func SummaryColumns() Columns { return append(Columns(nil), builtinColumns...) }

// CSV returns the columns that go into summary.csv (all but the JSON-only ones).
func (cs Columns) CSV() Columns {
	var out Columns
	for _, c := range cs {
		if !c.JSONOnly {
			out = append(out, c)
		}
	}
	return out
}

// Names returns the column names in order.
func (cs Columns) Names() []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Name
	}
	return out
}

// Select returns the columns called names, in that order, or an error naming the first unknown one.
func (cs Columns) Select(names ...string) (Columns, error) {
	out := make(Columns, 0, len(names))
	for _, n := range names {
		i := cs.index(n)
		if i < 0 {
			return nil, fmt.Errorf("study: no column %q", n)
		}
		out = append(out, cs[i])
	}
	return out, nil
}

func (cs Columns) index(name string) int {
	for i, c := range cs {
		if c.Name == name {
			return i
		}
	}
	return -1
}

// WithExtra returns cs followed by one column per key of the results' Extra maps that cs lacks,
// sorted by name (the columns measured by Spec.Measures).
func (cs Columns) WithExtra(rs []Result) Columns {
	seen := map[string]bool{}
	var names []string
	for _, r := range rs {
		for k := range r.Extra {
			if !seen[k] && cs.index(k) < 0 {
				seen[k] = true
				names = append(names, k)
			}
		}
	}
	sort.Strings(names)
	out := append(Columns(nil), cs...)
	for _, n := range names {
		out = append(out, Column{Name: n, Doc: "measured (Spec.Measures)"})
	}
	return out
}

// WriteCSV writes a header of the column names and one row per result, values formatted by
// internal/output (floats in shortest round-trip form, NaN as "NaN").
func (cs Columns) WriteCSV(w io.Writer, rs []Result) error {
	cw := output.NewCSVWriter(w, cs.Names()...)
	for i := range rs {
		for _, c := range cs {
			c.appendTo(cw, &rs[i])
		}
		if err := cw.EndRow(); err != nil {
			return err
		}
	}
	return cw.Flush()
}

// appendTo appends the value of c in r to the current row of w.
func (c Column) appendTo(w *output.CSVWriter, r *Result) {
	switch v := c.value(r).(type) {
	case *float64:
		w.Float(*v)
	case *Frac:
		w.Float(float64(*v))
	case *int:
		w.Int(int64(*v))
	case *int64:
		w.Int(*v)
	case *uint64:
		w.Str(fmt.Sprint(*v))
	case *string:
		w.Str(*v)
	default:
		panic(fmt.Sprintf("study: column %s: unsupported field type %T", c.Name, v))
	}
}

// value returns the pointer of c's value in r; a measured column's value is copied out of r.Extra.
func (c Column) value(r *Result) any {
	if c.Field != nil {
		return c.Field(r)
	}
	v, ok := r.Extra[c.Name]
	if !ok {
		v = math.NaN()
	}
	return &v
}

// kind is the column's type as docs/metrics.md names it: float, int or string.
func (c Column) kind() string {
	switch c.value(&Result{}).(type) {
	case *float64, *Frac:
		return "float"
	case *int, *int64, *uint64:
		return "int"
	}
	return "string"
}

// Markdown renders the columns as the table of docs/metrics.md: column, type, unit, meaning.
func (cs Columns) Markdown() string {
	var b bytes.Buffer
	b.WriteString("| column | type | unit | meaning |\n|---|---|---|---|\n")
	for _, c := range cs {
		unit := c.Unit
		if unit == "" {
			unit = "—"
		}
		name := "`" + c.Name + "`"
		if c.JSONOnly {
			name += " (JSON only)"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", name, c.kind(), unit, strings.ReplaceAll(c.Doc, "|", `\|`))
	}
	return b.String()
}

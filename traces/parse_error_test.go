package traces

import (
	"errors"
	"strings"
	"testing"
)

// ptWantErr asserts that err is a *ParseError at file:line, column col, breaking rule.
func ptWantErr(t *testing.T, err error, file string, line int, col string, rule error) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T) is not a *ParseError", err, err)
	}
	if pe.File != file || pe.Line != line || pe.Column != col {
		t.Errorf("error at %s:%d column %q, want %s:%d column %q (%v)", pe.File, pe.Line, pe.Column, file, line, col, err)
	}
	if rule != nil && !errors.Is(err, rule) {
		t.Errorf("error %q does not wrap rule %q", err, rule)
	}
	if !strings.HasPrefix(err.Error(), "traces: "+file) {
		t.Errorf("error %q lacks prefix %q", err, "traces: "+file)
	}
}

func TestParseErrorMessage(t *testing.T) {
	cases := []struct {
		e    *ParseError
		want string
	}{
		{errAt("a.csv", 3, "TIMESTAMP", ErrTimestamp), `traces: a.csv:3: column "TIMESTAMP": malformed timestamp`},
		{errAt("a.csv", 0, "", ErrNoRows), `traces: a.csv: no rows`},
		{errAt("a.csv", 7, "", ErrNoWork), `traces: a.csv:7: AI row has neither tokens nor work`},
		{errAt("b.parquet", 0, "x", ErrColumnType), `traces: b.parquet: column "x": unsupported column type`},
	}
	for _, c := range cases {
		if got := c.e.Error(); got != c.want {
			t.Errorf("got %q, want %q", got, c.want)
		}
	}
}

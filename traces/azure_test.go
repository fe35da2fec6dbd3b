package traces

import (
	"io"
	"strings"
	"testing"
)

const ptHeader = "TIMESTAMP,ContextTokens,GeneratedTokens\n"

// ptDrain reads all rows of src; it returns the rows read before the first error.
func ptDrain(src TokenSource) ([]TokenRow, error) {
	var rows []TokenRow
	for {
		r, ok, err := src.Next()
		if err != nil || !ok {
			return rows, err
		}
		rows = append(rows, r)
	}
}

// ptReadCSV reads a whole CSV text; errors from the constructor or from Next are returned.
func ptReadCSV(text string) ([]TokenRow, error) {
	s, err := NewAzureCSV(strings.NewReader(text), "t.csv")
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return ptDrain(s)
}

func TestAzureCSVErrors(t *testing.T) {
	const ok1 = "2023-11-16 18:17:03.9799600,4808,10\n"
	const ok2 = "2023-11-16 18:17:04.0319600,3180,8\n"
	cases := []struct {
		name, text string
		line       int
		col        string
		rule       error
	}{
		{"empty file", "", 0, "", ErrEmpty},
		{"header only", ptHeader, 0, "", ErrNoRows},
		{"header only, blank lines", ptHeader + "\n\n", 0, "", ErrNoRows},
		{"missing column", "TIMESTAMP,ContextTokens\n2023-11-16 18:17:03,1\n", 1, "GeneratedTokens", ErrMissingColumn},
		{"duplicate column", "TIMESTAMP,ContextTokens,GeneratedTokens,ContextTokens\n" + ok1, 1, "ContextTokens", ErrDuplicateColumn},
		{"wrong case is missing", "timestamp,ContextTokens,GeneratedTokens\n" + ok1, 1, "TIMESTAMP", ErrMissingColumn},
		{"malformed timestamp", ptHeader + ok1 + "2023-11-16 18:17:0x,1,2\n", 3, "TIMESTAMP", ErrTimestamp},
		{"date only", ptHeader + "2023-11-16,1,2\n", 2, "TIMESTAMP", ErrTimestamp},
		{"bad month", ptHeader + "2023-13-16 18:17:03,1,2\n", 2, "TIMESTAMP", ErrTimestamp},
		{"empty timestamp", ptHeader + ",1,2\n", 2, "TIMESTAMP", ErrEmptyValue},
		{"non-numeric prompt", ptHeader + ok1 + "2023-11-16 18:17:05,abc,2\n", 3, "ContextTokens", ErrNotNumber},
		{"negative output", ptHeader + ok1 + ok2 + "2023-11-16 18:17:05,1,-2\n", 4, "GeneratedTokens", ErrNegative},
		{"NaN prompt", ptHeader + "2023-11-16 18:17:05,NaN,2\n", 2, "ContextTokens", ErrNotFinite},
		{"Inf output", ptHeader + "2023-11-16 18:17:05,1,+Inf\n", 2, "GeneratedTokens", ErrNotFinite},
		{"fractional tokens", ptHeader + "2023-11-16 18:17:05,1.5,2\n", 2, "ContextTokens", ErrNotInteger},
		{"huge tokens", ptHeader + "2023-11-16 18:17:05,99999999999999999999,2\n", 2, "ContextTokens", ErrNotInteger},
		{"empty tokens", ptHeader + "2023-11-16 18:17:05,,2\n", 2, "ContextTokens", ErrEmptyValue},
		{"decreasing time", ptHeader + ok1 + ok2 + "2023-11-16 18:17:04.0319599,1,2\n", 4, "TIMESTAMP", ErrUnsorted},
		{"too few fields", ptHeader + ok1 + "2023-11-16 18:17:05,1\n", 3, "GeneratedTokens", ErrFieldCount},
		{"too many fields", ptHeader + ok1 + "2023-11-16 18:17:05,1,2,3\n", 3, "", ErrFieldCount},
		{"bare quote", ptHeader + ok1 + "2023-11-16 18:17:05,1\"2,3\n", 3, "", ErrSyntax},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, err := ptReadCSV(c.text)
			if err == nil {
				t.Fatalf("no error; rows %v", rows)
			}
			ptWantErr(t, err, "t.csv", c.line, c.col, c.rule)
			if c.line > 2 && len(rows) != c.line-2 {
				t.Errorf("%d rows before the error, want %d", len(rows), c.line-2)
			}
		})
	}
}

func TestAzureStickyError(t *testing.T) {
	s, err := NewAzureCSV(strings.NewReader(ptHeader+"2023-11-16 18:17:05,1,2\nbad,1,2\n2023-11-16 18:17:06,1,2\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok, err := s.Next(); !ok || err != nil {
		t.Fatalf("first row: ok=%v err=%v", ok, err)
	}
	_, _, e1 := s.Next()
	_, ok, e2 := s.Next()
	if e1 == nil || e1 != e2 || ok {
		t.Errorf("errors %v then %v (ok=%v), want the same error twice", e1, e2, ok)
	}
}

func TestAzureTimestampFormats(t *testing.T) {
	cases := []struct {
		name  string
		stamp []string
		want  []float64
	}{
		{"2023 naive 7 digits", []string{"2023-11-16 18:17:03.9799600", "2023-11-16 18:17:04.0319600", "2023-11-16 19:14:19.9280160"},
			[]float64{0, 0.052, 3435.948056}},
		{"2024 with offset", []string{"2024-05-10 00:00:00.009930+00:00", "2024-05-10 00:00:00.010000+00:00", "2024-05-16 23:59:59.929501+00:00"},
			[]float64{0, 0.00007, 604799.919571}},
		{"2024 without fraction", []string{"2024-05-12 00:00:00+00:00", "2024-05-12 00:00:00.001163+00:00", "2024-05-12 00:00:01+00:00"},
			[]float64{0, 0.001163, 1}},
		{"other offsets and T", []string{"2024-05-12T02:00:00+02:00", "2024-05-12 00:00:00.5Z", "2024-05-11 19:00:01-05:00"},
			[]float64{0, 0.5, 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString(ptHeader)
			for i, s := range c.stamp {
				b.WriteString(s + ",1," + string(rune('1'+i)) + "\n")
			}
			rows, err := ptReadCSV(b.String())
			if err != nil {
				t.Fatal(err)
			}
			for i, r := range rows {
				if r.Time != c.want[i] {
					t.Errorf("row %d: time %.9f, want %.9f", i, r.Time, c.want[i])
				}
				if r.Line != i+2 || r.Output != i+1 {
					t.Errorf("row %d: line %d output %d", i, r.Line, r.Output)
				}
			}
		})
	}
}

func TestAzureCSVLayout(t *testing.T) {
	// BOM, CRLF, columns reordered, an extra column (ignored), spaces around fields, equal times.
	text := "\ufeffGeneratedTokens,NumImages,TIMESTAMP,ContextTokens\r\n" +
		"10, 2 ,2023-11-16 18:17:03.9799600,4808\r\n" +
		"8,,2023-11-16 18:17:03.9799600, 3180\r\n"
	rows, err := ptReadCSV(text)
	if err != nil {
		t.Fatal(err)
	}
	want := []TokenRow{{0, 4808, 10, 2}, {0, 3180, 8, 3}}
	if len(rows) != 2 || rows[0] != want[0] || rows[1] != want[1] {
		t.Errorf("rows %v, want %v", rows, want)
	}
}

func TestAzureNotForkable(t *testing.T) {
	s, err := NewAzureCSV(strings.NewReader(ptHeader+"2023-11-16 18:17:05,1,2\n"), "t.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Fork(); err != ErrNotForkable {
		t.Errorf("Fork error %v, want ErrNotForkable", err)
	}
	if _, err := OpenAzure("trace.json"); err == nil {
		t.Error("unknown extension accepted")
	}
	_, err = OpenAzure("testdata/does_not_exist.csv")
	ptWantErr(t, err, "testdata/does_not_exist.csv", 0, "", nil)
}

func TestParseTimestamp(t *testing.T) {
	bad := []string{"", "2023-11-16", "2023-11-16 18:17", "2023-11-16 25:00:00", "2023-11-16 18:17:03.98x",
		"2023-11-16 18:17:03+0000x", "1600-01-01 00:00:00", "2023-11-16 18:17:03 +00:00", "x023-11-16 18:17:03"}
	for _, s := range bad {
		if ns, err := parseTimestamp(s); err == nil {
			t.Errorf("parseTimestamp(%q) = %d, want error", s, ns)
		}
	}
	a, _ := parseTimestamp("2024-05-12 00:00:00+00:00")
	b, _ := parseTimestamp("2024-05-12 00:00:00")
	c, _ := parseTimestamp("2024-05-12 00:00:00.000000001Z")
	if a != b || c != a+1 {
		t.Errorf("naive and UTC disagree: %d %d %d", a, b, c)
	}
}

var _ io.Closer = (*AzureSource)(nil)

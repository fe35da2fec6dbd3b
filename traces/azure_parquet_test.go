package traces

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
)

// ptAzureStr is an Azure parquet row with a text timestamp.
type ptAzureStr struct {
	TIMESTAMP       string `parquet:"TIMESTAMP"`
	ContextTokens   int64  `parquet:"ContextTokens"`
	GeneratedTokens int32  `parquet:"GeneratedTokens"`
}

// ptAzureTime is an Azure parquet row with a TIMESTAMP(micros) column and an extra column.
type ptAzureTime struct {
	GeneratedTokens int64     `parquet:"GeneratedTokens"`
	TIMESTAMP       time.Time `parquet:"TIMESTAMP,timestamp(microsecond)"`
	ContextTokens   int32     `parquet:"ContextTokens"`
	NumImages       int32     `parquet:"NumImages"`
}

// ptWriteParquet encodes rows in row groups of at most group rows.
func ptWriteParquet[T any](t testing.TB, rows []T, group int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := parquet.NewGenericWriter[T](&buf, parquet.MaxRowsPerRowGroup(group))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ptSynthetic returns n rows in 2024 text format and the same as timestamps.
func ptSynthetic(n int) (csv string, str []ptAzureStr, typed []ptAzureTime) {
	var b strings.Builder
	b.WriteString(ptHeader)
	t0 := time.Date(2024, 5, 10, 0, 0, 0, 9930000, time.UTC)
	for i := 0; i < n; i++ {
		ts := t0.Add(time.Duration(i*i%977) * time.Microsecond * 10).Add(time.Duration(i) * time.Second)
		s := ts.Format("2006-01-02 15:04:05.999999-07:00")
		p, o := 100+i*7%5000, 1+i*13%900
		fmt.Fprintf(&b, "%s,%d,%d\n", s, p, o)
		str = append(str, ptAzureStr{s, int64(p), int32(o)})
		typed = append(typed, ptAzureTime{int64(o), ts, int32(p), 0})
	}
	return b.String(), str, typed
}

func TestAzureParquetEquivalence(t *testing.T) {
	text, str, typed := ptSynthetic(2500)
	want, err := ptReadCSV(text)
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{
		"text timestamps":  ptWriteParquet(t, str, 1000),
		"typed timestamps": ptWriteParquet(t, typed, 700),
	} {
		s, err := NewAzureParquet(bytes.NewReader(data), int64(len(data)), "t.parquet")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := ptDrain(s)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != len(want) {
			t.Fatalf("%s: %d rows, want %d", name, len(got), len(want))
		}
		for i := range want {
			w := want[i]
			w.Line = i + 1 // parquet rows count from 1, CSV lines from the header
			if got[i] != w {
				t.Fatalf("%s: row %d = %+v, want %+v", name, i, got[i], w)
			}
		}
	}
}

// ptNullable has a nullable token column.
type ptNullable struct {
	TIMESTAMP       string `parquet:"TIMESTAMP"`
	ContextTokens   *int64 `parquet:"ContextTokens,optional"`
	GeneratedTokens int64  `parquet:"GeneratedTokens"`
}

type ptBool struct {
	TIMESTAMP       string `parquet:"TIMESTAMP"`
	ContextTokens   bool   `parquet:"ContextTokens"`
	GeneratedTokens int64  `parquet:"GeneratedTokens"`
}

type ptMissing struct {
	TIMESTAMP     string `parquet:"TIMESTAMP"`
	ContextTokens int64  `parquet:"ContextTokens"`
}

func TestAzureParquetErrors(t *testing.T) {
	one := int64(1)
	str := func(ts ...string) []ptAzureStr {
		var r []ptAzureStr
		for _, s := range ts {
			r = append(r, ptAzureStr{s, 5, 6})
		}
		return r
	}
	neg := str("2024-05-10 00:00:00+00:00", "2024-05-10 00:00:01+00:00", "2024-05-10 00:00:02+00:00")
	neg[2].GeneratedTokens = -3
	cases := []struct {
		name string
		data []byte
		line int
		col  string
		rule error
	}{
		{"empty", nil, 0, "", ErrEmpty},
		{"not parquet", []byte("TIMESTAMP,ContextTokens,GeneratedTokens\n"), 0, "", nil},
		{"no rows", ptWriteParquet(t, []ptAzureStr{}, 10), 0, "", ErrNoRows},
		{"missing column", ptWriteParquet(t, []ptMissing{{"2024-05-10 00:00:00", 1}}, 10), 0, "GeneratedTokens", ErrMissingColumn},
		{"bool column", ptWriteParquet(t, []ptBool{{"2024-05-10 00:00:00", true, 1}}, 10), 0, "ContextTokens", ErrColumnType},
		{"null tokens", ptWriteParquet(t, []ptNullable{{"2024-05-10 00:00:00", &one, 1}, {"2024-05-10 00:00:01", nil, 1}}, 10),
			2, "ContextTokens", ErrEmptyValue},
		{"negative tokens", ptWriteParquet(t, neg, 2), 3, "GeneratedTokens", ErrNegative},
		{"decreasing", ptWriteParquet(t, str("2024-05-10 00:00:01+00:00", "2024-05-10 00:00:00+00:00"), 1), 2, "TIMESTAMP", ErrUnsorted},
		{"bad timestamp", ptWriteParquet(t, str("2024-05-10 00:00:01+00:00", "yesterday"), 10), 2, "TIMESTAMP", ErrTimestamp},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, err := NewAzureParquet(bytes.NewReader(c.data), int64(len(c.data)), "t.parquet")
			if err == nil {
				_, err = ptDrain(s)
			}
			if err == nil {
				t.Fatal("no error")
			}
			ptWantErr(t, err, "t.parquet", c.line, c.col, c.rule)
		})
	}
}

// ptWriteFile writes data to name in a temporary directory and returns its path.
func ptWriteFile(t testing.TB, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAzureFork(t *testing.T) {
	text, str, _ := ptSynthetic(10)
	// A quoted multi-line field in an extra column checks the line numbers after a fork.
	text = strings.Replace(text, ptHeader, "TIMESTAMP,ContextTokens,GeneratedTokens,Note\n", 1)
	lines := strings.SplitAfter(text, "\n")
	for i := 1; i < len(lines)-1; i++ {
		lines[i] = strings.TrimSuffix(lines[i], "\n") + fmt.Sprintf(",\"n\n%d\"\n", i)
	}
	paths := map[string]string{
		"csv":     ptWriteFile(t, "a.csv", []byte(strings.Join(lines, ""))),
		"parquet": ptWriteFile(t, "a.parquet", ptWriteParquet(t, str, 3)),
	}
	for kind, path := range paths {
		for k := 0; k <= 11; k++ {
			ptCheckFork(t, kind, path, k)
		}
	}
}

// ptCheckFork reads k rows of path, forks, and checks both copies yield the same rest.
func ptCheckFork(t *testing.T, kind, path string, k int) {
	s, err := OpenAzure(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	all, _ := OpenAzure(path)
	want, err := ptDrain(all)
	all.Close()
	if err != nil || len(want) != 10 {
		t.Fatalf("%s: %d rows, err %v", kind, len(want), err)
	}
	for i := 0; i < k; i++ {
		s.Next()
	}
	f, err := s.Fork()
	if err != nil {
		t.Fatalf("%s fork at %d: %v", kind, k, err)
	}
	defer f.(*AzureSource).Close()
	a, errA := ptDrain(f)
	b, errB := ptDrain(s)
	if errA != nil || errB != nil {
		t.Fatalf("%s fork at %d: errors %v, %v", kind, k, errA, errB)
	}
	rest := want[min(k, len(want)):]
	if fmt.Sprint(a) != fmt.Sprint(rest) || fmt.Sprint(b) != fmt.Sprint(rest) {
		t.Errorf("%s fork at %d:\nfork %v\norig %v\nwant %v", kind, k, a, b, rest)
	}
}

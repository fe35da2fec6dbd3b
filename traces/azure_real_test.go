package traces

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// ptDataDir holds the real Azure traces, relative to this package (the repository's sibling
// folder shared/data/azure).
const ptDataDir = "../../shared/data/azure"

// ptRealPath returns the path of a real trace file, skipping the test when it is absent unless
// the CI environment variable is set.
func ptRealPath(t *testing.T, name string) string {
	p := filepath.Join(ptDataDir, name)
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("real trace missing in CI: %v", err)
		}
		t.Skipf("real trace not available: %v", err)
	}
	return p
}

func TestAzureRealTraces(t *testing.T) {
	cases := []struct {
		file        string
		rows        int
		first, last TokenRow
		span        float64
	}{
		{"AzureLLMInferenceTrace_code.csv", 8819, TokenRow{0, 4808, 10, 2}, TokenRow{3435.948056, 549, 173, 8820}, 3435.9},
		{"AzureLLMInferenceTrace_conv.csv", 19366, TokenRow{0, 374, 44, 2}, TokenRow{3501.721937, 197, 183, 19367}, 3501.7},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			s, err := OpenAzure(ptRealPath(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			rows, err := ptDrain(s)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != c.rows {
				t.Fatalf("%d rows, want %d", len(rows), c.rows)
			}
			for i := 1; i < len(rows); i++ {
				if rows[i].Time < rows[i-1].Time || rows[i].Line != rows[i-1].Line+1 {
					t.Fatalf("row %d: %+v after %+v", i, rows[i], rows[i-1])
				}
			}
			last := rows[len(rows)-1]
			if rows[0] != c.first || math.Abs(last.Time-c.last.Time) > 1e-9 || last.Prompt != c.last.Prompt ||
				last.Output != c.last.Output || last.Line != c.last.Line {
				t.Errorf("first %+v last %+v, want %+v and %+v", rows[0], last, c.first, c.last)
			}
			if math.Round(last.Time*10)/10 != c.span {
				t.Errorf("span %.3f s, want %.1f s", last.Time, c.span)
			}
		})
	}
}

func TestAzureRealFork(t *testing.T) {
	s, err := OpenAzure(ptRealPath(t, "AzureLLMInferenceTrace_code.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := 0; i < 4000; i++ {
		s.Next()
	}
	f, err := s.Fork()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := ptDrain(f)
	b, _ := ptDrain(s)
	if len(a) != 8819-4000 || len(b) != len(a) || a[0] != b[0] || a[len(a)-1] != b[len(b)-1] || a[0].Line != 4002 {
		t.Errorf("fork rows %d (first %+v), original %d (first %+v)", len(a), a[0], len(b), b[0])
	}
}

package traces

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
)

// ptCheckFuzzErr fails unless err is nil or a well-formed *ParseError for file.
func ptCheckFuzzErr(t *testing.T, err error, file string) {
	if err == nil || err == ErrNotForkable {
		return
	}
	var pe *ParseError
	if !errors.As(err, &pe) || pe.File != file || pe.Line < 0 || !strings.HasPrefix(err.Error(), "traces: "+file) {
		t.Fatalf("malformed error %q (%T)", err, err)
	}
}

// ptCheckTokens fails unless rows are in order with valid fields.
func ptCheckTokens(t *testing.T, rows []TokenRow) {
	for i, r := range rows {
		if r.Time < 0 || r.Prompt < 0 || r.Output < 0 || r.Line < 1 || (i > 0 && (r.Time < rows[i-1].Time || r.Line <= rows[i-1].Line)) {
			t.Fatalf("bad row %d: %+v", i, r)
		}
	}
}

func FuzzAzureCSV(f *testing.F) {
	f.Add([]byte(ptHeader + "2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0319600,3180,8"))
	f.Add([]byte(ptHeader + "2024-05-10 00:00:00.009930+00:00,1,2\n2024-05-12 00:00:00+00:00,3,4\n"))
	f.Add([]byte("GeneratedTokens,TIMESTAMP,ContextTokens,X\r\n1,2024-05-10 00:00:00Z,2,\"a\nb\"\r\n"))
	f.Add([]byte(ptHeader + "2023-11-16 18:17:05,NaN,-1\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := NewAzureCSV(bytes.NewReader(data), "f.csv")
		if err != nil {
			ptCheckFuzzErr(t, err, "f.csv")
			return
		}
		rows, err := ptDrain(s)
		ptCheckFuzzErr(t, err, "f.csv")
		ptCheckTokens(t, rows)
		if len(rows) > bytes.Count(data, []byte("\n"))+bytes.Count(data, []byte("\r"))+1 {
			t.Fatalf("%d rows from %d bytes", len(rows), len(data))
		}
	})
}

func FuzzAzureParquet(f *testing.F) {
	_, str, typed := ptSynthetic(5)
	f.Add(ptWriteParquet(f, str, 2))
	f.Add(ptWriteParquet(f, typed, 3))
	f.Add([]byte("PAR1PAR1"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 1<<16 {
			return
		}
		s, err := NewAzureParquet(bytes.NewReader(data), int64(len(data)), "f.parquet")
		if err != nil {
			ptCheckFuzzErr(t, err, "f.parquet")
			return
		}
		rows, err := ptDrain(s)
		ptCheckFuzzErr(t, err, "f.parquet")
		ptCheckTokens(t, rows)
	})
}

func FuzzGenericCSV(f *testing.F) {
	f.Add([]byte(ptGenHeader + ptGenRows))
	f.Add([]byte("class,cell,arrival_s,deadline_s\nurllc,c0,0,0.001\nembb,c1,1e-3,4e-3\n"))
	f.Add([]byte(ptGenHeader + "2,ai,llm,c0,1,2,,,,,,,,,\n"))
	f.Add([]byte("class,cell,arrival_s,deadline_s,service,gpu_work_tflop\nai,0,1,1,0,0.5\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, res := range []Resolver{ptResolver(), {}} {
			s, err := NewGenericCSV(bytes.NewReader(data), "f.csv", res)
			if err != nil {
				ptCheckFuzzErr(t, err, "f.csv")
				continue
			}
			rows, err := ptDrainReq(s)
			ptCheckFuzzErr(t, err, "f.csv")
			ptCheckRequests(t, rows)
		}
	})
}

// ptCheckRequests fails unless requests are ordered with valid, finite, non-negative fields.
func ptCheckRequests(t *testing.T, rows []sim.Request) {
	for i, q := range rows {
		bad := q.Arrival < 0 || !(q.Deadline > 0) || q.AIWork.GPU < 0 || q.AIWork.CPU < 0 || q.KVGB < 0 ||
			q.DU.GPU < 0 || q.DU.CPU < 0 || q.CU.GPU < 0 || q.CU.CPU < 0 || q.Prompt < 0 || q.Output < 0 ||
			(q.Class.IsRAN() && q.Service != -1) || q.Cell < 0
		if bad || (i > 0 && (q.Arrival < rows[i-1].Arrival || q.ID <= rows[i-1].ID)) {
			t.Fatalf("bad request %d: %+v", i, q)
		}
	}
}

func FuzzParseTimestamp(f *testing.F) {
	for _, s := range []string{"2023-11-16 18:17:03.9799600", "2024-05-10 00:00:00.009930+00:00",
		"2024-05-12 00:00:00+00:00", "2024-05-12T00:00:00Z", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ns, err := parseTimestamp(s)
		if err != nil && !errors.Is(err, ErrTimestamp) {
			t.Fatalf("parseTimestamp(%q): %v", s, err)
		}
		if err != nil && ns != 0 {
			t.Fatalf("parseTimestamp(%q) = %d with error", s, ns)
		}
	})
}

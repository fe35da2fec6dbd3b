package traces

import (
	"io"
	"runtime"
	"strconv"
	"testing"
	"time"
)

// ptGenReader generates an n-row Azure CSV on the fly, so the test never holds the file.
type ptGenReader struct {
	n, i int
	t0   time.Time
	buf  []byte
}

func (g *ptGenReader) Read(p []byte) (int, error) {
	for len(g.buf) < len(p) && g.i <= g.n {
		if g.i == 0 {
			g.buf = append(g.buf, ptHeader...)
		} else {
			g.buf = g.t0.Add(time.Duration(g.i)*time.Millisecond).AppendFormat(g.buf, "2006-01-02 15:04:05.000000-07:00")
			g.buf = append(g.buf, ',')
			g.buf = strconv.AppendInt(g.buf, int64(g.i%8000), 10)
			g.buf = append(g.buf, ",7\n"...)
		}
		g.i++
	}
	if len(g.buf) == 0 {
		return 0, io.EOF
	}
	n := copy(p, g.buf)
	g.buf = g.buf[:copy(g.buf, g.buf[n:])]
	return n, nil
}

// heapAfterGC returns the live heap in bytes.
func heapAfterGC() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func TestAzureStreamingMemory(t *testing.T) {
	n := 1_000_000
	if testing.Short() {
		n = 200_000
	}
	s, err := NewAzureCSV(&ptGenReader{n: n, t0: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)}, "gen.csv")
	if err != nil {
		t.Fatal(err)
	}
	var base uint64
	rows := 0
	for {
		r, ok, err := s.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		rows++
		if rows == n/10 {
			base = heapAfterGC()
		}
		if r.Line != rows+1 {
			t.Fatalf("row %d has line %d", rows, r.Line)
		}
	}
	grown := int64(heapAfterGC()) - int64(base)
	if rows != n || grown > 1<<20 {
		t.Errorf("%d rows, heap grew by %d bytes over %d rows", rows, grown, n*9/10)
	}
}

func BenchmarkAzureCSV(b *testing.B) {
	s, err := NewAzureCSV(&ptGenReader{n: b.N + 1, t0: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC)}, "gen.csv")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok, err := s.Next(); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

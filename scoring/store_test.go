package scoring

import (
	"bytes"
	"testing"
)

func TestStoreValidity(t *testing.T) {
	var s Store
	if _, ok := s.Value("c", "x", "n0", 0); ok {
		t.Fatal("empty store has a value")
	}
	s.replace("c", "x", 10, 20, []item{{"n0", 5}, {"n1", -3}})
	for _, tc := range []struct {
		now  float64
		dim  string
		want float64
		ok   bool
	}{{10, "n0", 5, true}, {19.999, "n1", -3, true}, {20, "n0", 0, false}, {15, "n2", 0, false}} {
		v, ok := s.Value("c", "x", tc.dim, tc.now)
		if v != tc.want || ok != tc.ok {
			t.Errorf("Value(%s, %g) = %g, %v; want %g, %v", tc.dim, tc.now, v, ok, tc.want, tc.ok)
		}
	}
	// A new call replaces the whole set: n1 is gone.
	s.replace("c", "x", 20, 30, []item{{"n0", 7}})
	if _, ok := s.Value("c", "x", "n1", 21); ok {
		t.Fatal("replaced dimension still there")
	}
	s.replace("b", "x", 0, 5, []item{{"n0", 1}})
	if got := s.Scores(21); len(got) != 1 || got[0].Value != 7 || got[0].Cluster != "c" {
		t.Fatalf("valid scores at 21: %+v", got)
	}
	if got := s.All(); len(got) != 2 || got[0].Cluster != "b" {
		t.Fatalf("all scores: %+v", got)
	}
	var b bytes.Buffer
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	want := DumpHeader + "\nb,x,n0,1,0,5\nc,x,n0,7,20,30\n"
	if b.String() != want {
		t.Fatalf("dump:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestPlacementValueTruncates(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		want int32
	}{{99.9, 99}, {-99.9, -99}, {100, 100}, {-0.5, 0}} {
		if got := (Score{Value: tc.v}).PlacementValue(); got != tc.want {
			t.Errorf("%g: got %d, want %d", tc.v, got, tc.want)
		}
	}
}

func TestCSVField(t *testing.T) {
	if got := csvField(`a,"b"`); got != `"a,""b"""` {
		t.Fatalf("got %s", got)
	}
}

func TestWriteStats(t *testing.T) {
	var b bytes.Buffer
	st := Stats{Cluster: "c", Scorer: "u", ScoreName: "u_s", Calls: 3, Failed: 1, Stored: 4, Latency: 1500000, MaxLatency: 1000000}
	st.Errors[KindTimeout] = 1
	if err := WriteStats(&b, []Stats{st}); err != nil {
		t.Fatal(err)
	}
	want := "cluster,scorer,score_name,calls,failed,stored,errors_unreachable,errors_timeout,errors_status,errors_malformed,errors_out_of_range,errors_source,errors_scorer,latency_s,max_latency_s\n" +
		"c,u,u_s,3,1,4,0,1,0,0,0,0,0,0.0015,0.001\n"
	if b.String() != want {
		t.Fatalf("got\n%s\nwant\n%s", b.String(), want)
	}
}

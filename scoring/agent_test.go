package scoring

import (
	"bytes"
	"context"
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// hubOf builds a hub with one cluster "c" running sc under override o.
func hubOf(t *testing.T, src Source, sc Scorer, o Override) *Hub {
	t.Helper()
	s, err := NewSpec(sc, o)
	if err != nil {
		t.Fatal(err)
	}
	h, err := NewHub(src, []Assignment{{Cluster: "c", Specs: []Spec{s}}}, AgentOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func dump(t *testing.T, s *Store) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.Dump(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestAgentCallsOnSimulatedTime(t *testing.T) {
	src := &fakeSource{nodes: 3, fn: defaultFn}
	run := func(steps []float64) (string, []Stats) {
		h := hubOf(t, src, NewUtilisation(UtilisationOptions{}), Override{DimensionFormat: "${node}"})
		for _, now := range steps {
			if err := h.Advance(context.Background(), now); err != nil {
				t.Fatal(err)
			}
		}
		return dump(t, h.Store()), h.Stats()
	}
	// Calls at 5, 10, ..., 50 whether Advance is called once or at odd times.
	once, st := run([]float64{50})
	odd, _ := run([]float64{0.1, 4.99, 5, 17.3, 17.3, 33, 50})
	if once != odd {
		t.Fatalf("stored scores depend on the Advance pattern:\n%s\n%s", once, odd)
	}
	if st[0].Calls != 10 || st[0].Stored != 30 || st[0].Failed != 0 {
		t.Fatalf("stats %+v", st[0])
	}
	if !strings.Contains(once, "\nc,utilisation,n0,") || !strings.Contains(once, ",50,60\n") {
		t.Fatalf("dump lacks the last call at 50 valid until 60:\n%s", once)
	}
	h := hubOf(t, src, NewUtilisation(UtilisationOptions{}), Override{})
	if h.NextDue() != 5 {
		t.Fatalf("first call at %g, want 5 (one interval after the start)", h.NextDue())
	}
}

func TestAgentWindowIsLocal(t *testing.T) {
	var got []string
	src := &recordSource{fakeSource: fakeSource{nodes: 1, fn: defaultFn}, log: &got}
	sc := NewThroughputPerWatt(ThroughputPerWattOptions{Window: Window{Interval: 10, Range: 30, Step: 2}})
	s, _ := NewSpec(sc, Override{})
	h, err := NewHub(src, []Assignment{{Cluster: "east", Specs: []Spec{s}}, {Cluster: "west", Specs: []Spec{s}}}, AgentOptions{Start: 100})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Advance(context.Background(), 110); err != nil {
		t.Fatal(err)
	}
	want := "throughput_rps east 80 110 2|power_w east 80 110 2|throughput_rps west 80 110 2|power_w west 80 110 2"
	if g := strings.Join(got, "|"); g != want {
		t.Fatalf("queries\n got %s\nwant %s", g, want)
	}
}

type recordSource struct {
	fakeSource
	log *[]string
}

func (r *recordSource) Query(metric string, match map[string]string, start, end, step float64) (m telemetryMatrix, err error) {
	*r.log = append(*r.log, strings.Join([]string{metric, match["cluster"], ftoa(start), ftoa(end), ftoa(step)}, " "))
	return r.fakeSource.Query(metric, match, start, end, step)
}

func TestAgentClampsAndCounts(t *testing.T) {
	sc := &fixedScorer{cfg: testConfig("x"), res: []Result{
		{Metric: map[string]string{"node": "a"}, Score: 250},
		{Metric: map[string]string{"node": "b"}, Score: -1e9},
		{Metric: map[string]string{"node": "c"}, Score: math.NaN()},
		{Metric: map[string]string{"node": "d"}, Score: math.Inf(1)},
		{Metric: map[string]string{"node": "e"}, Score: 42},
		{Metric: map[string]string{"node": "e"}, Score: 43}, // Same dimension: the later wins.
		{Metric: map[string]string{"pod": "p"}, Score: 1},   // Renders "": skipped, as the addon does.
	}}
	h := hubOf(t, &fakeSource{nodes: 1, fn: defaultFn}, sc, Override{DimensionFormat: "${node}"})
	if err := h.Advance(context.Background(), 10); err != nil {
		t.Fatal(err)
	}
	st := h.Stats()[0]
	if st.Calls != 1 || st.Failed != 0 || st.Errors[KindOutOfRange] != 4 || st.Stored != 3 {
		t.Fatalf("stats %+v", st)
	}
	want := DumpHeader + "\nc,x_score,a,100,10,30\nc,x_score,b,-100,10,30\nc,x_score,e,43,10,30\n"
	if g := dump(t, h.Store()); g != want {
		t.Fatalf("dump\n%s\nwant\n%s", g, want)
	}
}

func TestAgentFailuresExpire(t *testing.T) {
	sc := &fixedScorer{cfg: testConfig("x"), res: []Result{{Metric: map[string]string{"node": "a"}, Score: 10}}}
	src := &fakeSource{nodes: 1, fn: defaultFn}
	h := hubOf(t, src, sc, Override{DimensionFormat: "${node}", Validity: 15})
	ctx := context.Background()
	h.Advance(ctx, 10) // Stored at 10, valid until 25.
	sc.err = &CallError{Kind: KindTimeout, Err: context.DeadlineExceeded}
	h.Advance(ctx, 20) // Fails: the score of 10 stays until 25.
	if v, ok := h.Store().Value("c", "x_score", "a", 24.9); !ok || v != 10 {
		t.Fatalf("score lost before its validity: %g %v", v, ok)
	}
	if _, ok := h.Store().Value("c", "x_score", "a", 25); ok {
		t.Fatal("stale score still valid")
	}
	sc.err = errors.New("boom")
	h.Advance(ctx, 30)
	src.fail = true
	h.Advance(ctx, 40)
	st := h.Stats()[0]
	if st.Calls != 4 || st.Failed != 3 || st.Errors[KindTimeout] != 1 || st.Errors[KindScorer] != 1 || st.Errors[KindSource] != 1 {
		t.Fatalf("stats %+v", st)
	}
	if sc.calls != 3 {
		t.Fatalf("scorer called %d times, want 3 (not when the source fails)", sc.calls)
	}
	// The agent goes on: a healthy call stores again.
	src.fail, sc.err = false, nil
	h.Advance(ctx, 50)
	if _, ok := h.Store().Value("c", "x_score", "a", 50); !ok {
		t.Fatal("no score after recovery")
	}
}

func TestAgentLatencyUsesClock(t *testing.T) {
	sc := &fixedScorer{cfg: testConfig("x")}
	s, _ := NewSpec(sc, Override{})
	tick := time.Unix(0, 0)
	clock := func() time.Time { tick = tick.Add(time.Millisecond); return tick }
	h, err := NewHub(&fakeSource{nodes: 1, fn: defaultFn}, []Assignment{{Cluster: "c", Specs: []Spec{s}}}, AgentOptions{Clock: clock})
	if err != nil {
		t.Fatal(err)
	}
	h.Advance(context.Background(), 30)
	if st := h.Stats()[0]; st.Latency != 3*time.Millisecond || st.MaxLatency != time.Millisecond {
		t.Fatalf("latency %v max %v", st.Latency, st.MaxLatency)
	}
}

func TestAgentStopsOnCancel(t *testing.T) {
	h := hubOf(t, &fakeSource{nodes: 1, fn: defaultFn}, &fixedScorer{cfg: testConfig("x")}, Override{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := h.Advance(ctx, 100); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if st := h.Stats()[0]; st.Calls != 0 {
		t.Fatalf("calls after cancel: %+v", st)
	}
}

func TestNewHubRefuses(t *testing.T) {
	s, _ := Resolve(testConfig("x"), Override{})
	if _, err := NewHub(nil, []Assignment{{Cluster: "c", Specs: []Spec{s}}}, AgentOptions{}); err == nil {
		t.Fatal("spec without scorer accepted")
	}
	s, _ = NewSpec(&fixedScorer{cfg: testConfig("x")}, Override{})
	if _, err := NewHub(nil, []Assignment{{Cluster: "c", Specs: []Spec{s}}}, AgentOptions{}); err == nil {
		t.Fatal("Prometheus spec without source accepted")
	}
	if _, err := NewHub(nil, nil, AgentOptions{Start: math.NaN()}); err == nil {
		t.Fatal("NaN start accepted")
	}
	if h, err := NewHub(nil, nil, AgentOptions{}); err != nil || !math.IsInf(h.NextDue(), 1) {
		t.Fatalf("empty hub: %v", err)
	}
}

func TestNoneSourceGetsNull(t *testing.T) {
	c := testConfig("x")
	c.Source = SourceConfig{Type: SourceNone}
	sc := &fixedScorer{cfg: c, res: []Result{{Metric: map[string]string{}, Score: 3}}}
	h := hubOf(t, nil, sc, Override{})
	h.Advance(context.Background(), 10)
	if v, ok := h.Store().Value("c", "x_score", "x_score", 10); !ok || v != 3 {
		t.Fatalf("got %g %v", v, ok)
	}
}

func TestAgentTimesDoNotDrift(t *testing.T) {
	sc := &fixedScorer{cfg: testConfig("x"), res: []Result{{Metric: map[string]string{"node": "a"}, Score: 1}}}
	h := hubOf(t, &fakeSource{nodes: 1, fn: defaultFn}, sc, Override{Interval: 0.1, DimensionFormat: "${node}"})
	h.Advance(context.Background(), 1000)
	if sc.calls != 10000 {
		t.Fatalf("%d calls in 1000 s at 0.1 s, want 10000", sc.calls)
	}
	if got := h.Store().All()[0].Time; got != 1000 {
		t.Fatalf("last call at %v, want exactly 1000", got)
	}
}

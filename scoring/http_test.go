package scoring

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// builtinScorers returns the four built-ins with a 10 s window step so windows are short.
func builtinScorers(t testing.TB) []Scorer {
	w := Window{Interval: 5, Range: 30, Step: 5}
	pf, err := NewPowerForecast(PowerForecastOptions{Window: w, CapW: 2000, Horizon: 60,
		Candidates: []Candidate{{Name: "1g", ExtraPowerW: 100}, {Name: "7g", ExtraPowerW: 450}}, Scope: ScopeNode})
	if err != nil {
		t.Fatal(err)
	}
	return []Scorer{
		NewUtilisation(UtilisationOptions{Window: w}),
		NewSpareCapacity(SpareCapacityOptions{Window: w}),
		NewThroughputPerWatt(ThroughputPerWattOptions{Window: w, Reference: 0.4}),
		pf,
	}
}

func TestHTTPEqualsInProcess(t *testing.T) {
	ctx := context.Background()
	local := builtinScorers(t)
	var remote []Scorer
	for _, sc := range local {
		srv := httptest.NewServer(NewHandler(sc))
		defer srv.Close()
		c, err := Dial(ctx, srv.URL+"/config", ClientOptions{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := mustJSON(t, c.Config()), mustJSON(t, sc.Config()); got != want {
			t.Fatalf("config over HTTP\n got %s\nwant %s", got, want)
		}
		remote = append(remote, c)
	}
	sec := Section{Scorers: []Override{
		{Name: UtilisationName, DimensionFormat: "${node}"}, {Name: SpareCapacityName, DimensionFormat: "${node}"},
		{Name: ThroughputPerWattName, DimensionFormat: "${node}"}, {Name: PowerForecastName, DimensionFormat: "${node}/${meta}", Interval: 7},
	}}
	run := func(scs []Scorer) (string, []Stats) {
		specs, err := sec.Specs(scs)
		if err != nil {
			t.Fatal(err)
		}
		as, err := Distribute([]Cluster{{Name: "a"}, {Name: "b"}}, specs, []Mask{{ClusterName: "b", ScoreName: UtilisationScore}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHub(&fakeSource{nodes: 4, fn: defaultFn}, as, AgentOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Advance(ctx, 60); err != nil {
			t.Fatal(err)
		}
		return dump(t, h.Store()), h.Stats()
	}
	want, ws := run(local)
	got, gs := run(remote)
	if got != want {
		t.Fatalf("HTTP and in-process stores differ:\n%s\n---\n%s", got, want)
	}
	for i := range ws {
		if gs[i].Calls != ws[i].Calls || gs[i].Stored != ws[i].Stored || gs[i].Failed != 0 {
			t.Fatalf("stats differ: %+v vs %+v", gs[i], ws[i])
		}
	}
	if strings.Count(want, "\n") < 1+3*4+4*4+2 { // Every scorer stored something on both clusters.
		t.Fatalf("too few scores:\n%s", want)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// chaos serves a fixed-score scorer whose scoring answer follows mode.
type chaos struct {
	inner http.Handler
	mode  atomic.Value // string
}

func (c *chaos) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		c.inner.ServeHTTP(w, r)
		return
	}
	switch c.mode.Load().(string) {
	case "slow":
		io.Copy(io.Discard, r.Body) // The server notices the client leaving once the body is read.
		select {
		case <-time.After(2 * time.Second):
		case <-r.Context().Done():
		}
	case "500":
		http.Error(w, "internal", http.StatusInternalServerError)
	case "text":
		io.WriteString(w, "hello")
	case "no results":
		io.WriteString(w, `{"scores":[]}`)
	case "results not array":
		io.WriteString(w, `{"results":"x"}`)
	case "no score":
		io.WriteString(w, `{"results":[{"metric":{"node":"a"}}]}`)
	case "NaN score":
		io.WriteString(w, `{"results":[{"metric":{"node":"a"},"score":"NaN"}]}`)
	case "huge score":
		io.WriteString(w, `{"results":[{"metric":{"node":"a"},"score":1e6}]}`)
	default:
		c.inner.ServeHTTP(w, r)
	}
}

func TestHTTPFailuresAreCountedAndExpire(t *testing.T) {
	ctx := context.Background()
	sc := &fixedScorer{cfg: testConfig("x"), res: []Result{{Metric: map[string]string{"node": "a"}, Score: 12.5}}}
	ch := &chaos{inner: NewHandler(sc)}
	ch.mode.Store("ok")
	srv := httptest.NewServer(ch)
	c, err := Dial(ctx, srv.URL, ClientOptions{Timeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	h := hubOf(t, &fakeSource{nodes: 1, fn: defaultFn}, c, Override{DimensionFormat: "${node}", Validity: 10})
	step := func(now float64, mode string) {
		ch.mode.Store(mode)
		if err := h.Advance(ctx, now); err != nil {
			t.Fatal(err)
		}
	}
	step(10, "ok") // Stored at 10, valid until 20.
	for i, mode := range []string{"slow", "500", "text", "no results", "results not array", "no score", "NaN score"} {
		step(float64(20+10*i), mode)
		if _, ok := h.Store().Value("c", "x_score", "a", float64(20+10*i)); ok {
			t.Fatalf("%s: a stale score is still valid", mode)
		}
	}
	step(90, "huge score") // Clamped to 100 and counted.
	if v, ok := h.Store().Value("c", "x_score", "a", 90); !ok || v != 100 {
		t.Fatalf("huge score: %g %v", v, ok)
	}
	srv.Close()
	step(100, "ok") // Unreachable now.
	st := h.Stats()[0]
	want := map[ErrorKind]int{KindTimeout: 1, KindStatus: 1, KindMalformed: 5, KindOutOfRange: 1, KindUnreachable: 1}
	for _, k := range Kinds() {
		if st.Errors[k] != want[k] {
			t.Errorf("%s: %d, want %d", k, st.Errors[k], want[k])
		}
	}
	if st.Calls != 10 || st.Failed != 8 {
		t.Fatalf("stats %+v", st)
	}
	if st.MaxLatency > time.Second {
		t.Fatalf("the timeout did not cut the slow call: %v", st.MaxLatency)
	}
}

func TestDialRefuses(t *testing.T) {
	ctx := context.Background()
	serve := func(h http.HandlerFunc) string {
		s := httptest.NewServer(h)
		t.Cleanup(s.Close)
		return s.URL
	}
	good := NewHandler(&fixedScorer{cfg: testConfig("x")})
	closed := httptest.NewServer(good)
	closed.Close()
	for _, tc := range []struct{ name, url, want string }{
		{"not a URL", "localhost:8000", "want scheme://host"},
		{"unreachable", closed.URL, "unreachable"},
		{"config not JSON", serve(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "<html>") }), "malformed"},
		{"invalid config", serve(func(w http.ResponseWriter, _ *http.Request) {
			io.WriteString(w, `{"name":"y","scoring":{"params":{"name":"s"}}}`)
		}),
			`scorer "y": key "scoring.params.interval"`},
		{"unhealthy", serve(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path == HealthzPath {
				http.Error(w, "down", http.StatusServiceUnavailable)
				return
			}
			good.ServeHTTP(w, r)
		}), "status 503"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Dial(ctx, tc.url, ClientOptions{Timeout: time.Second}); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

func TestHandler(t *testing.T) {
	sc := &fixedScorer{cfg: testConfig("x"), res: []Result{{Metric: map[string]string{"node": "a"}, Score: 1}}}
	srv := httptest.NewServer(NewHandler(sc))
	defer srv.Close()
	do := func(method, path, body string) (int, string) {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	for _, tc := range []struct {
		method, path, body string
		code               int
		want               string
	}{
		{"GET", "/healthz", "", 200, "ok"},
		{"GET", "/config", "", 200, `"scoring":{"path":"/scoring","params":{"name":"x_score","interval":10}}`},
		{"POST", "/scoring", `{"data":[{"metric":{"node":"a"},"values":[[0,"1"]]}]}`, 200, `{"results":[{"metric":{"node":"a"},"score":1}]}`},
		{"POST", "/scoring", `{"data":null}`, 200, `"score":1`},
		{"POST", "/scoring", `{"data":[{"values":[[0,1]]}]}`, 400, "want a quoted number"},
		{"POST", "/scoring", `nonsense`, 400, "scoring: request"},
		{"GET", "/scoring", "", 405, ""},
	} {
		code, body := do(tc.method, tc.path, tc.body)
		if code != tc.code || !strings.Contains(body, tc.want) {
			t.Errorf("%s %s %s: %d %q, want %d %q", tc.method, tc.path, tc.body, code, body, tc.code, tc.want)
		}
	}
	sc.res = []Result{{Score: nanScore()}}
	if code, _ := do("POST", "/scoring", `{"data":null}`); code != 500 {
		t.Errorf("NaN score: %d, want 500", code)
	}
	sc.res, sc.err = nil, io.ErrUnexpectedEOF
	if code, _ := do("POST", "/scoring", `{"data":null}`); code != 500 {
		t.Errorf("scorer error: %d, want 500", code)
	}
	sc.err = nil
	if _, body := do("POST", "/scoring", `{"data":null}`); strings.TrimSpace(body) != `{"results":[]}` {
		t.Errorf("no results: %q", body)
	}
}

func nanScore() float64 { var z float64; return z / z }

package scoring

import (
	"bytes"
	"cmp"
	"context"
	"math/rand/v2"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/airansim/airansim/allocator"
	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// recorded returns the telemetry of a 200 s run of five busy nodes in clusters c0 (nodes z, a, m,
// out of name order) and c1 (b, y), and an empty cluster c2.
func recorded(t *testing.T) *telemetry.Recorder {
	rng := rand.New(rand.NewPCG(3, 4))
	var rs []sim.Request
	at := 0.0
	for i := range 3000 {
		rs = append(rs, sim.Request{ID: int64(i), Class: sim.AI, Service: 2 + i%5, Arrival: at, Deadline: 1,
			AIWork: sim.Work{GPU: 20 * rng.ExpFloat64(), CPU: 0.05 * rng.ExpFloat64()}})
		at += rng.ExpFloat64() * 0.06
	}
	cfg := sim.Config{
		Nodes: []sim.NodeSpec{{Name: "z", GPU: 100, CPU: 4, VRAMGB: 10}, {Name: "b", GPU: 50, CPU: 8, VRAMGB: 10},
			{Name: "a", GPU: 80, CPU: 2, VRAMGB: 10}, {Name: "y", GPU: 40, CPU: 8, VRAMGB: 10}, {Name: "m", GPU: 60, CPU: 4, VRAMGB: 10}},
		Services: []sim.ServiceSpec{{Name: "du", Category: sim.DU}, {Name: "cu", Category: sim.CUUP},
			{Name: "s0", Category: sim.SmallAI, WeightsGB: 1}, {Name: "s1", Category: sim.SmallAI, WeightsGB: 1},
			{Name: "s2", Category: sim.SmallAI, WeightsGB: 1}, {Name: "s3", Category: sim.SmallAI, WeightsGB: 1},
			{Name: "s4", Category: sim.SmallAI, WeightsGB: 1}},
		Instances: []sim.InstanceSpec{{Service: 0}, {Service: 1}, {Service: 2}, {Service: 3, Node: 1}, {Service: 4, Node: 2},
			{Service: 5, Node: 3}, {Service: 6, Node: 4}},
		Cells:    []sim.CellSpec{{Name: "c", DU: 0, CU: 1}},
		Clusters: []sim.ClusterSpec{{Name: "c0", Nodes: []int{0, 2, 4}}, {Name: "c1", Nodes: []int{1, 3}}},
		HopDelay: 1e-6, Allocator: allocator.Proportional{}, Source: &reqList{rs: rs}, Horizon: 200, NoEarlyStop: true,
	}
	rec, err := telemetry.New(&cfg, telemetry.Options{Step: 1})
	if err != nil {
		t.Fatal(err)
	}
	rec.Install(&cfg)
	s, err := sim.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	return rec
}

// matrixOnly hides the recorder's type from the hub, which then reads windows through Query.
type matrixOnly struct{ *telemetry.Recorder }

// TestRecorderWindowsEqualMatrices: the built-in scorers' windows read from a recorder without
// matrices store the same scores, with the same counters, as the matrices of Query do.
func TestRecorderWindowsEqualMatrices(t *testing.T) {
	rec := recorded(t)
	pfNode, err := NewPowerForecast(PowerForecastOptions{Window: Window{Interval: 7, Range: 40, Step: 3}, CapW: 300, Horizon: 20,
		Candidates: []Candidate{{Name: "small", ExtraPowerW: 10}, {Name: "", ExtraPowerW: 50}, {Name: "big", ExtraPowerW: 200}}, Scope: ScopeNode})
	if err != nil {
		t.Fatal(err)
	}
	pfCluster, err := NewPowerForecast(PowerForecastOptions{CapW: 800})
	if err != nil {
		t.Fatal(err)
	}
	scorers := []struct {
		sc Scorer
		o  Override
	}{
		{NewUtilisation(UtilisationOptions{}), Override{DimensionFormat: "${node}"}},
		{NewUtilisation(UtilisationOptions{Window: Window{Interval: 2, Range: 10, Step: 0.5}, Metric: MetricCPUUtilisation}), Override{Name: UtilisationName, Validity: 3}},
		{NewSpareCapacity(SpareCapacityOptions{Metrics: []string{MetricGPUUtilisation, MetricGPUUtilisation, MetricCPUUtilisation, "unknown"}}), Override{DimensionFormat: "${cluster}:${node}"}},
		{NewThroughputPerWatt(ThroughputPerWattOptions{Window: Window{Range: 30, Step: 1}, Reference: 0.01}), Override{DimensionFormat: "${node}", Interval: 4}},
		{pfNode, Override{DimensionFormat: "${node}/${meta}${pod}"}},
		{pfCluster, Override{DimensionFormat: "${scoreName}"}},
		{pfCluster, Override{DimensionFormat: "${meta}", Range: 5, Step: 5}},
	}
	var specs []Spec
	for i, s := range scorers {
		sp, err := NewSpec(s.sc, s.o)
		if err != nil {
			t.Fatal(err)
		}
		sp.ScoreName += string(rune('a' + i)) // keep every spec's scores apart in the store
		specs = append(specs, sp)
	}
	as, err := Distribute([]Cluster{{Name: "c0"}, {Name: "c1"}, {Name: "c2"}}, specs, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var dumps [2]bytes.Buffer
	var stats [2][]Stats
	for i, src := range []Source{rec, matrixOnly{rec}} {
		h, err := NewHub(src, as, AgentOptions{Start: -3})
		if err != nil {
			t.Fatal(err)
		}
		if (h.rec != nil) != (i == 0) {
			t.Fatalf("hub %d reads the recorder directly: %v", i, h.rec != nil)
		}
		for now := 0.0; now <= 200; now += 13 {
			if err := h.Advance(context.Background(), now); err != nil {
				t.Fatal(err)
			}
			if err := h.Store().Dump(&dumps[i]); err != nil {
				t.Fatal(err)
			}
		}
		stats[i] = h.Stats()
		for k := range stats[i] {
			stats[i][k].Latency, stats[i][k].MaxLatency = 0, 0
		}
	}
	if dumps[0].String() != dumps[1].String() {
		t.Errorf("stores differ:\nrecorder windows\n%s\nmatrices\n%s", dumps[0].String(), dumps[1].String())
	}
	if len(stats[0]) != len(stats[1]) {
		t.Fatalf("stats %v and %v", stats[0], stats[1])
	}
	for k := range stats[0] {
		if stats[0][k] != stats[1][k] {
			t.Errorf("stats %d: recorder windows %+v, matrices %+v", k, stats[0][k], stats[1][k])
		}
	}
	if n := strings.Count(dumps[0].String(), "\n"); n < 500 {
		t.Errorf("only %d dump lines: the test scores too little", n)
	}
}

// TestSortByTimeIsStableSort: sortByTime gives slices.SortStableFunc's order (samples told apart by
// value) for sorted runs, few or many, with equal times within and across runs.
func TestSortByTimeIsStableSort(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := range 2000 {
		var xs []telemetry.Sample
		runs := 1 + rng.IntN(20)
		for range runs {
			tt := float64(rng.IntN(5))
			for range rng.IntN(30) {
				xs = append(xs, telemetry.Sample{T: tt, V: float64(len(xs))})
				tt += float64(rng.IntN(3)) // equal times within a run too
			}
		}
		if trial%7 == 0 {
			rng.Shuffle(len(xs), func(i, j int) { xs[i], xs[j] = xs[j], xs[i] })
		}
		want := slices.Clone(xs)
		slices.SortStableFunc(want, func(a, b telemetry.Sample) int { return cmp.Compare(a.T, b.T) })
		sortByTime(xs)
		if !slices.Equal(xs, want) {
			t.Fatalf("trial %d: %v, want %v", trial, xs, want)
		}
	}
}

// TestHTTPEqualsInProcessOnRecorder: on a run's telemetry, the built-in scorers in process (windows
// read from the recorder) and behind the Scoring API (Query's matrices as JSON) store the same scores.
func TestHTTPEqualsInProcessOnRecorder(t *testing.T) {
	ctx := context.Background()
	rec := recorded(t)
	local := builtinScorers(t)
	var remote []Scorer
	for _, sc := range local {
		srv := httptest.NewServer(NewHandler(sc))
		defer srv.Close()
		c, err := Dial(ctx, srv.URL, ClientOptions{Timeout: 5 * time.Second})
		if err != nil {
			t.Fatal(err)
		}
		remote = append(remote, c)
	}
	sec := Section{Scorers: []Override{
		{Name: UtilisationName, DimensionFormat: "${node}"}, {Name: SpareCapacityName, DimensionFormat: "${cluster}/${node}"},
		{Name: ThroughputPerWattName, DimensionFormat: "${node}"}, {Name: PowerForecastName, DimensionFormat: "${node}/${meta}", Interval: 7},
	}}
	run := func(scs []Scorer) string {
		specs, err := sec.Specs(scs)
		if err != nil {
			t.Fatal(err)
		}
		as, err := Distribute([]Cluster{{Name: "c0"}, {Name: "c1"}}, specs, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		h, err := NewHub(rec, as, AgentOptions{})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		for now := 10.0; now <= 200; now += 10 {
			if err := h.Advance(ctx, now); err != nil {
				t.Fatal(err)
			}
			if err := h.Store().Dump(&b); err != nil {
				t.Fatal(err)
			}
		}
		for _, s := range h.Stats() {
			if s.Failed != 0 || s.Stored == 0 {
				t.Errorf("%+v", s)
			}
		}
		return b.String()
	}
	if want, got := run(local), run(remote); got != want {
		t.Errorf("over HTTP\n%s\nin process\n%s", got, want)
	}
}

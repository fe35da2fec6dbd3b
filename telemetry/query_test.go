package telemetry_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/sim"
	"github.com/airansim/airansim/telemetry"
)

// idle records an idle run of twoNodes to t = 10 s: node a draws 15 W, so its energy_j sample at t
// is 15·t J, which tells which sample a query returns.
func idle(t *testing.T, o telemetry.Options) *telemetry.Recorder {
	cfg := twoNodes(nil, []sim.ClusterSpec{{Name: "edge", Nodes: []int{1}, Labels: map[string]string{"gpu": "true"}}, {Name: "core", Nodes: []int{0}}})
	cfg.Horizon, cfg.NoEarlyStop = 10, true
	o.Power = models
	r, _, _ := record(t, cfg, o)
	return r
}

func TestQueryEvaluationTimes(t *testing.T) {
	for _, tc := range []struct {
		name             string
		o                telemetry.Options
		start, end, step float64
		want             [][2]float64 // (evaluation time, sample time) pairs
	}{
		{"at the sample times", telemetry.Options{}, 1, 3, 1, [][2]float64{{1, 1}, {2, 2}, {3, 3}}},
		{"between: the value holds", telemetry.Options{}, 0.5, 3.5, 1, [][2]float64{{1.5, 1}, {2.5, 2}, {3.5, 3}}},
		{"finer than the step", telemetry.Options{}, 1, 2, 0.5, [][2]float64{{1, 1}, {1.5, 1}, {2, 2}}},
		{"one point", telemetry.Options{}, 4.2, 4.2, 1, [][2]float64{{4.2, 4}}},
		{"after the end, within the lookback", telemetry.Options{}, 10, 200, 95, [][2]float64{{10, 10}, {105, 10}, {200, 10}}},
		{"lookback: strictly within", telemetry.Options{Lookback: 0.5}, 1.4, 1.5, 0.1, [][2]float64{{1.4, 1}}},
		{"lookback after the end", telemetry.Options{Lookback: 0.5}, 10.3, 10.6, 0.3, [][2]float64{{10.3, 10}}},
		{"retention: older samples gone", telemetry.Options{Retention: 3}, 5, 8, 1, [][2]float64{{7, 7}, {8, 8}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := idle(t, tc.o)
			got := values(t, r, telemetry.EnergyJ, "a", tc.start, tc.end, tc.step)
			if len(got) != len(tc.want) {
				t.Fatalf("%v, want %v", got, tc.want)
			}
			for k, w := range tc.want {
				if math.Abs(got[k].T-w[0]) > 1e-12 || math.Abs(got[k].V-15*w[1]) > 1e-9 {
					t.Fatalf("%v, want (evaluation time, sample time) %v", got, tc.want)
				}
			}
		})
	}
}

// TestQueryRoundingFindsTheSample: with a step of 0.1 s, start + k·step and the sample times k·0.1
// differ by rounding; every evaluation time must still see the sample of its own nominal time.
func TestQueryRoundingFindsTheSample(t *testing.T) {
	r := idle(t, telemetry.Options{Step: 0.1})
	got := values(t, r, telemetry.EnergyJ, "a", 0.1, 9.95, 0.1)
	if len(got) != 99 {
		t.Fatalf("%d points, want 99", len(got))
	}
	for k, x := range got {
		if want := 15 * 0.1 * float64(k+1); math.Abs(x.V-want) > 1e-9 {
			t.Fatalf("point %d at %v: %v J, want the sample of %v s (%v J)", k, x.T, x.V, 0.1*float64(k+1), want)
		}
	}
}

func TestQuerySelectors(t *testing.T) {
	r := idle(t, telemetry.Options{})
	for _, tc := range []struct {
		name   string
		metric string
		sel    map[string]string
		want   []string // nodes, in order
	}{
		{"all", telemetry.PowerW, nil, []string{"a", "b"}},
		{"by cluster", telemetry.PowerW, map[string]string{telemetry.LabelCluster: "edge"}, []string{"b"}},
		{"by node", telemetry.VRAMUsedGB, map[string]string{telemetry.LabelNode: "a"}, []string{"a"}},
		{"node and cluster disagree", telemetry.PowerW, map[string]string{telemetry.LabelNode: "a", telemetry.LabelCluster: "edge"}, nil},
		{"absent label equals empty", telemetry.PowerW, map[string]string{"pod": ""}, []string{"a", "b"}},
		{"absent label with a value", telemetry.PowerW, map[string]string{"pod": "x"}, nil},
		{"name must agree", telemetry.PowerW, map[string]string{telemetry.LabelName: telemetry.EnergyJ}, nil},
		{"unknown metric", "DCGM_FI_DEV_POWER_USAGE", nil, nil},
	} {
		m, err := r.Query(tc.metric, tc.sel, 0, 10, 1)
		if err != nil {
			t.Fatal(err)
		}
		if m == nil || len(m) != len(tc.want) {
			t.Errorf("%s: %d series (nil: %v), want %v", tc.name, len(m), m == nil, tc.want)
			continue
		}
		for i, s := range m {
			cl := map[string]string{"a": "core", "b": "edge"}[tc.want[i]]
			if s.Metric[telemetry.LabelNode] != tc.want[i] || s.Metric[telemetry.LabelCluster] != cl || s.Metric[telemetry.LabelName] != tc.metric || len(s.Metric) != 3 {
				t.Errorf("%s: series %d labels %v, want node %s of cluster %s", tc.name, i, s.Metric, tc.want[i], cl)
			}
		}
	}
}

func TestQueryErrors(t *testing.T) {
	r := idle(t, telemetry.Options{})
	nan := math.NaN()
	for _, q := range [][3]float64{{nan, 1, 1}, {0, math.Inf(1), 1}, {0, 1, 0}, {0, 1, -1}, {2, 1, 1}, {0, 11000, 1}} {
		if _, err := r.Query(telemetry.PowerW, nil, q[0], q[1], q[2]); err == nil {
			t.Errorf("start %g end %g step %g: accepted", q[0], q[1], q[2])
		}
	}
	if m, err := r.Query(telemetry.PowerW, nil, 0, 10999, 1); err != nil || len(m) != 2 {
		t.Errorf("11,000 points: %v (%d series)", err, len(m))
	}
	if _, err := r.Range(telemetry.PowerW, nil, 2, 1); err == nil {
		t.Error("range (2, 1]: accepted")
	}
}

func TestRangeIsLeftOpen(t *testing.T) {
	r := idle(t, telemetry.Options{})
	m, err := r.Range(telemetry.EnergyJ, map[string]string{telemetry.LabelNode: "a"}, 2, 4)
	if err != nil {
		t.Fatal(err)
	}
	if len(m) != 1 || len(m[0].Values) != 2 || m[0].Values[0].T != 3 || m[0].Values[1].T != 4 {
		t.Errorf("(2, 4]: %v, want the samples at 3 and 4", m)
	}
}

// TestQueryJSON: a query result is the body of a Prometheus matrix.
func TestQueryJSON(t *testing.T) {
	r := idle(t, telemetry.Options{})
	m, err := r.Query(telemetry.EnergyJ, map[string]string{telemetry.LabelNode: "b"}, 1, 2, 1)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	want := `[{"metric":{"__name__":"energy_j","cluster":"edge","node":"b"},"values":[[1,"4"],[2,"8"]]}]`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}

func TestWriteCSV(t *testing.T) {
	r := idle(t, telemetry.Options{Retention: 1}) // the last two samples, at 9 and 10 s
	var b strings.Builder
	if err := r.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := `t_s,node,cluster,gpu_utilisation,cpu_utilisation,vram_used_gb,throughput_rps,requests_met,requests_missed,power_w,energy_j
9,a,core,0,0,1,0,0,0,15,135
9,b,edge,0,0,2,0,0,0,4,36
10,a,core,0,0,1,0,0,0,15,150
10,b,edge,0,0,2,0,0,0,4,40
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestQueryNodeEqualsQuery: QueryNode gives each node's samples of Query, also for the same window
// asked again after a new sample (its evaluation times are recomputed), and fails as Query does.
func TestQueryNodeEqualsQuery(t *testing.T) {
	r, s := ended(t, 5) // retention 1 s at step 0.1 s: samples at 0, 0.1, …, 1
	check := func(metric string, start, end, step float64) {
		t.Helper()
		var gots [][]telemetry.Sample // before Query, which recomputes the evaluation times
		for n := range r.Nodes() {
			got, err := r.QueryNode([]telemetry.Sample{{T: -1}}, metric, n, start, end, step)
			if err != nil {
				t.Fatal(err)
			}
			gots = append(gots, got)
		}
		m, err := r.Query(metric, nil, start, end, step)
		if err != nil {
			t.Fatal(err)
		}
		for n, got := range gots {
			var want []telemetry.Sample
			if len(m) > 0 {
				want = m[n].Values
			}
			if len(got) != len(want)+1 || got[0].T != -1 {
				t.Fatalf("%s node %d [%g, %g]/%g: %v, want %v after the first", metric, n, start, end, step, got, want)
			}
			for k := range want {
				if got[k+1] != want[k] {
					t.Fatalf("%s node %d [%g, %g]/%g: %v, want %v after the first", metric, n, start, end, step, got, want)
				}
			}
		}
	}
	for _, w := range [][3]float64{{0, 1, 0.1}, {0.35, 0.95, 0.2}, {-1, 0.5, 0.3}, {0.9, 3, 0.5}, {5, 6, 1}} {
		for _, metric := range []string{telemetry.EnergyJ, telemetry.VRAMUsedGB, "unknown"} {
			check(metric, w[0], w[1], w[2])
		}
	}
	check(telemetry.EnergyJ, 0.5, 1.2, 0.1)
	r.QueryNode(nil, telemetry.EnergyJ, 0, 0.5, 1.2, 0.1)
	r.Sample(s, 1.1)
	r.Sample(s, 1.2)
	check(telemetry.EnergyJ, 0.5, 1.2, 0.1) // the same window, two samples later
	if _, err := r.QueryNode(nil, telemetry.PowerW, 0, 1, 0, 1); err == nil {
		t.Error("end before start: accepted")
	}
	if _, err := r.QueryNode(nil, telemetry.PowerW, 5, 0, 1, 0.1); err == nil {
		t.Error("node 5 of 5: accepted")
	}
	if got := r.NodesOf(sim.DefaultCluster); len(got) != 5 || got[4] != 4 {
		t.Errorf("NodesOf: %v", got)
	}
}

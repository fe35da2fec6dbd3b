package scoring

import (
	"context"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/airansim/airansim/telemetry"
)

// series builds one series of metric on node with values at t = 0, 10, 20, ...
func series(metric, node string, vs ...float64) telemetry.Series {
	s := telemetry.Series{Metric: map[string]string{"__name__": metric, "node": node}}
	for i, v := range vs {
		s.Values = append(s.Values, telemetry.Sample{T: float64(10 * i), V: v})
	}
	return s
}

// scores runs sc on m and returns "labels=score" strings, sorted.
func scores(t *testing.T, sc Scorer, m telemetry.Matrix) map[string]float64 {
	t.Helper()
	res, err := sc.Score(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for _, r := range res {
		var ks []string
		for k, v := range r.Metric {
			ks = append(ks, k+"="+v)
		}
		sort.Strings(ks)
		out[strings.Join(ks, ",")] = r.Score
	}
	return out
}

func checkScores(t *testing.T, got, want map[string]float64) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for k, w := range want {
		if g, ok := got[k]; !ok || math.Abs(g-w) > 1e-9 {
			t.Errorf("%s: got %g (present %v), want %g", k, g, ok, w)
		}
	}
}

func TestUtilisation(t *testing.T) {
	m := telemetry.Matrix{
		// n0: 0.25, 0.5, 1.5 → 1, −0.5 → 0, NaN dropped: mean 1.75/4 = 0.4375.
		series(MetricGPUUtilisation, "n0", 0.25, 0.5, 1.5, -0.5, math.NaN()),
		series(MetricCPUUtilisation, "n1", 0.9), // No GPU samples: no score.
		series(MetricGPUUtilisation, "n2", 0.1),
		series(MetricGPUUtilisation, "n2", 0.3), // Two series on one node (two GPUs): pooled.
	}
	checkScores(t, scores(t, NewUtilisation(UtilisationOptions{}), m), map[string]float64{"node=n0": 43.75, "node=n2": 20})
	checkScores(t, scores(t, NewUtilisation(UtilisationOptions{Metric: MetricCPUUtilisation}), m), map[string]float64{"node=n1": 90})
}

func TestSpareCapacity(t *testing.T) {
	m := telemetry.Matrix{
		series(MetricGPUUtilisation, "n0", 0.5, 0.25), // Peaks 0.5 (GPU) and 0.75 (CPU): spare 0.25 → −50.
		series(MetricCPUUtilisation, "n0", 0.75, 0),
		series(MetricGPUUtilisation, "n1", 0, 0.25), // GPU only: spare 0.75 → 50.
		series(MetricGPUUtilisation, "n2", 1.2),     // Clamped to 1: −100.
		series("other", "n3", 0),                    // No utilisation metric: no score.
	}
	checkScores(t, scores(t, NewSpareCapacity(SpareCapacityOptions{}), m), map[string]float64{"node=n0": -50, "node=n1": 50, "node=n2": -100})
}

func TestThroughputPerWatt(t *testing.T) {
	m := telemetry.Matrix{
		series(MetricThroughput, "n0", 10, 30), // 20 / 200 W = 0.1 per J, reference 0.5 → 20.
		series(MetricPower, "n0", 200, 200),
		series(MetricThroughput, "n1", 10), // No power: no score.
		series(MetricPower, "n1", 0),
		series(MetricThroughput, "n2", 100), // 2 per J → 400, capped at 100.
		series(MetricPower, "n2", 50),
	}
	checkScores(t, scores(t, NewThroughputPerWatt(ThroughputPerWattOptions{Reference: 0.5}), m), map[string]float64{"node=n0": 20, "node=n2": 100})
}

func TestPowerForecast(t *testing.T) {
	m := telemetry.Matrix{
		series(MetricPower, "n0", 100, 110, 120),
		series(MetricPower, "n1", 200, 200, 200),
	}
	cands := []Candidate{{Name: "current"}, {Name: "mig-3g", ExtraPowerW: 700}, {Name: "full", ExtraPowerW: 2000}}
	pf, err := NewPowerForecast(PowerForecastOptions{CapW: 1000, Horizon: 30, Candidates: cands})
	if err != nil {
		t.Fatal(err)
	}
	// Cluster: 300, 310, 320 W at 0, 10, 20 s: slope 1 W/s, forecast at 50 s = 310 + 1·(50 − 10) = 350 W.
	// Headroom 650, −50, −1350 W of 1000 → 65, −5, −135 → −100.
	checkScores(t, scores(t, pf, m), map[string]float64{"meta=current": 65, "meta=mig-3g": -5, "meta=full": -100})

	pn, _ := NewPowerForecast(PowerForecastOptions{CapW: 1000, Horizon: 30, Scope: ScopeNode})
	// n0: 150 W at 50 s → 85; n1: flat 200 W → 80.
	checkScores(t, scores(t, pn, m), map[string]float64{"meta=current,node=n0": 85, "meta=current,node=n1": 80})

	// One sample: no trend. A falling trend is floored at 0 W.
	checkScores(t, scores(t, pf, telemetry.Matrix{series(MetricPower, "n0", 300)}), map[string]float64{"meta=current": 70, "meta=mig-3g": 0, "meta=full": -100})
	checkScores(t, scores(t, pn, telemetry.Matrix{series(MetricPower, "n0", 100, 50, 0)}), map[string]float64{"meta=current,node=n0": 100})
	checkScores(t, scores(t, pf, nil), map[string]float64{})
}

func TestPowerForecastRefuses(t *testing.T) {
	for _, tc := range []struct {
		o    PowerForecastOptions
		want string
	}{
		{PowerForecastOptions{CapW: -1}, `key "cap_w"`},
		{PowerForecastOptions{Horizon: math.Inf(1)}, `key "horizon"`},
		{PowerForecastOptions{Scope: "rack"}, `key "scope"`},
		{PowerForecastOptions{Candidates: []Candidate{{Name: "a", ExtraPowerW: math.NaN()}}}, `key "candidates[0].extra_power_w"`},
		{PowerForecastOptions{Candidates: []Candidate{{Name: "a"}, {Name: "a"}}}, `key "candidates[1].name": repeats "a"`},
	} {
		if _, err := NewPowerForecast(tc.o); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: got %v, want %q", tc.o, err, tc.want)
		}
	}
}

func TestBuiltinsDeclareValidConfigs(t *testing.T) {
	for _, name := range BuiltinNames() {
		sc, err := NewBuiltin(name)
		if err != nil {
			t.Fatal(err)
		}
		c := sc.Config()
		if err := c.Validate(); err != nil || c.Name != name {
			t.Errorf("%s: %+v: %v", name, c, err)
		}
	}
	if _, err := NewBuiltin("gpu-magic"); err == nil || !strings.Contains(err.Error(), "known: power-forecast") {
		t.Fatalf("got %v", err)
	}
}

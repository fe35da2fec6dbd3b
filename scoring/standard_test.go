package scoring

import (
	"context"
	"fmt"
	"testing"

	"github.com/airansim/airansim/telemetry"
)

// TestStoreTable renders valid scores by cluster and dimension, "-" for a score a row lacks or whose
// set has expired, and nothing once every score has expired.
func TestStoreTable(t *testing.T) {
	var s Store
	s.replace("b", UtilisationScore, 5, 15, []item{{"n2", 50}, {"n3", 12.6}})
	s.replace("a", UtilisationScore, 5, 15, []item{{"n1", 100}})
	s.replace("a", SpareCapacityScore, 5, 15, []item{{"n1", -100}})
	s.replace("a", PowerForecastScore, 5, 10, []item{{PowerForecastScore, 29}})
	names := []string{UtilisationScore, SpareCapacityScore, PowerForecastScore}
	want := "cluster | node or score | utilisation | spare_capacity | power_forecast\n" +
		"a | n1 | 100 | -100 | -\n" +
		"a | power_forecast | - | - | 29\n" +
		"b | n2 | 50 | - | -\n" +
		"b | n3 | 13 | - | -\n"
	if got := s.Table(5, names); got != want {
		t.Errorf("at 5 s:\n%s\nwant\n%s", got, want)
	}
	if got := s.Table(12, names); got != "cluster | node or score | utilisation | spare_capacity | power_forecast\na | n1 | 100 | -100 | -\nb | n2 | 50 | - | -\nb | n3 | 13 | - | -\n" {
		t.Errorf("at 12 s (forecast expired):\n%s", got)
	}
	if got := s.Table(15, names); got != "" {
		t.Errorf("at 15 s (all expired): %q", got)
	}
}

// TestStandardHub: the standard hub runs its four scorers on every cluster, per node and, for the
// power forecast, once per cluster.
func TestStandardHub(t *testing.T) {
	src := sourceFunc(func(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error) {
		var m telemetry.Matrix
		for _, n := range []string{match["cluster"] + "-x", match["cluster"] + "-y"} {
			m = append(m, telemetry.Series{Metric: map[string]string{"__name__": metric, "node": n, "cluster": match["cluster"]},
				Values: []telemetry.Sample{{T: end - step, V: 0.5}, {T: end, V: 0.5}}})
		}
		return m, nil
	})
	h, err := StandardHub(src, []Cluster{{Name: "a"}, {Name: "b"}}, StandardOptions{CapW: 10})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.Advance(context.Background(), 5); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, sc := range h.Store().Scores(5) {
		got[sc.Cluster+"/"+sc.ScoreName]++
	}
	for _, c := range []string{"a", "b"} {
		for _, n := range []string{UtilisationScore, SpareCapacityScore, ThroughputPerWattScore} {
			if got[c+"/"+n] != 2 {
				t.Errorf("%s/%s: %d scores, want one per node", c, n, got[c+"/"+n])
			}
		}
		if got[c+"/"+PowerForecastScore] != 1 {
			t.Errorf("%s power forecast: %d scores, want 1", c, got[c+"/"+PowerForecastScore])
		}
	}
	if v, ok := h.Store().Value("a", PowerForecastScore, PowerForecastScore, 5); !ok || v != 90 {
		t.Errorf("power forecast a: %g %v, want 100·(10 − 2 × 0.5)/10 = 90", v, ok)
	}
}

type sourceFunc func(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error)

func (f sourceFunc) Query(metric string, match map[string]string, start, end, step float64) (telemetry.Matrix, error) {
	return f(metric, match, start, end, step)
}

// TestTableNumbersAsPercentF: Table's numbers are fmt's %.0f (the format before strconv replaced it).
func TestTableNumbersAsPercentF(t *testing.T) {
	for _, v := range []float64{0, -0.4, 0.5, 1.5, 2.5, -2.5, 99.5, -99.5, 100, -100, 12.345, 1e-300, -1e-300, 49.999999999} {
		var s Store
		s.replace("c", "x", 0, 1, []item{{dim: "d", value: v}})
		want := "cluster | node or score | x\nc | d | " + fmt.Sprintf("%.0f", v) + "\n"
		if got := s.Table(0, []string{"x"}); got != want {
			t.Errorf("%g: %q, want %q", v, got, want)
		}
	}
}

package report

import (
	"strings"
	"testing"

	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/study"
)

var testPaper = []scenario.Row{
	{Method: "haf-static", Load: 1, AI: 0.5, RAN: 0.97, HasDetails: true},
	{Method: "lyapunov", Load: 1, AI: 0.52, RAN: 0.97, HasDetails: true},
	{Method: "haf", Load: 1, AI: 0.853, RAN: 0.945, HasDetails: true},
}

func result(m string, load float64, seed uint64, ai, ran float64) study.Result {
	return study.Result{Method: m, Load: load, Seed: seed, AI: study.Frac(ai), RAN: study.Frac(ran)}
}

func TestTableOrderAndClaims(t *testing.T) {
	rs := []study.Result{
		result("haf", 1, 1, 0.80, 0.99), result("haf", 1, 2, 0.90, 0.99),
		result("lyapunov", 1, 1, 0.60, 0.95), result("lyapunov", 1, 2, 0.60, 0.93),
		result("haf-static", 1, 1, 0.50, 0.99), result("haf-static", 1, 2, 0.50, 0.99),
		result("a-new-method", 1, 1, 0.95, 0.99), result("a-new-method", 1, 2, 0.95, 0.99),
	}
	got := Table(rs, testPaper)
	// Paper order first (haf-static, lyapunov, haf), then the others by name.
	order := []string{"| haf-static | ours", "| lyapunov | ours", "| haf | ours", "| a-new-method | ours"}
	last := -1
	for _, o := range order {
		i := strings.Index(got, o)
		if i <= last {
			t.Fatalf("row %q out of order in\n%s", o, got)
		}
		last = i
	}
	// Two seeds: mean 85 %, 95 % CI half-width t(0.975,1)·s/√2 = 12.706·0.0707/1.414 = 63.5 points.
	if !strings.Contains(got, "85.0% ± 63.5") {
		t.Errorf("HAF's AI mean and CI missing:\n%s", got)
	}
	// Best baseline is lyapunov (a-new-method is not in the paper's table): gap 85 − 60 = +25 points;
	// lowest RAN-only is lyapunov's 94 %.
	if !strings.Contains(got, "| 1 | 85.0% ± 63.5 | lyapunov | 60.0% ± 0.0 | +25.0 | 94.0% ± 12.7 (lyapunov) |") {
		t.Errorf("claims row wrong:\n%s", got)
	}
}

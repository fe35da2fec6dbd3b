package predict

import (
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/traces/xapp"
)

// TestProfileFit profiles the simulator at 4, 8, …, 40 CPU-intensive xApps on 2 cores, fits the model
// and checks it against fresh profiling runs (another seed) at loads it was not fitted on: the average
// fit within 15 % and the conservative one above the fresh mean minus 5 %. As an independent oracle of
// the samples themselves, one replica with equal CPU sharing is an M/G/1 processor-sharing queue whose
// mean latency is S/(1 − ρ), S = work/cores (insensitive to the work's distribution), within 10 %.
func TestProfileFit(t *testing.T) {
	var loads []int
	for y := 2; y <= 40; y += 2 {
		loads = append(loads, y, y, y) // three runs (seeds) per load
	}
	avg, samples, err := ProfileFit(ProfileOptions{Loads: loads, Seed: 1}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cons, err := Fit(samples, Options{Conservative: true})
	if err != nil {
		t.Fatal(err)
	}
	ty := xapp.DefaultTypes()[2]
	svc := ty.Work(1) / xapp.HostCores
	for _, p := range samples {
		rho := p.Load * ty.Load / xapp.HostCores
		if ps := svc / (1 - rho); math.Abs(p.Time-ps) > 0.1*ps {
			t.Errorf("y=%g: simulated mean %g s, M/G/1-PS %g s", p.Load, p.Time, ps)
		}
	}
	fresh, err := Profile(ProfileOptions{Loads: []int{6, 18, 26, 30, 34, 38}, Seed: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range fresh {
		a, c := avg.Predict(p.Load), cons.Predict(p.Load)
		t.Logf("y=%g: simulated %.4f s, average %.4f s (%+.1f %%), conservative %.4f s", p.Load, p.Time, a, 100*(a/p.Time-1), c)
		if math.Abs(a-p.Time) > 0.15*p.Time {
			t.Errorf("y=%g: average fit %g s, simulated %g s (> 15 %% off)", p.Load, a, p.Time)
		}
		if c < 0.95*p.Time {
			t.Errorf("y=%g: conservative fit %g s below the simulated %g s − 5 %%", p.Load, c, p.Time)
		}
	}
	t.Logf("average %+v", avg)
}

func TestProfileErrors(t *testing.T) {
	for _, tc := range []struct {
		o    ProfileOptions
		want string
	}{
		{ProfileOptions{Loads: []int{}}, "loads"},
		{ProfileOptions{Loads: []int{0}}, "loads"},
		{ProfileOptions{Cores: -1}, "cores"},
		{ProfileOptions{Period: math.NaN()}, "period"},
		{ProfileOptions{Warmup: -1}, "warm-up"},
		{ProfileOptions{Quantile: 1.5}, "quantile"},
		{ProfileOptions{Loads: []int{80}, Horizon: 200, Warmup: 1}, "overloaded"}, // ρ = 1.67
	} {
		if _, err := Profile(tc.o); err == nil || !strings.HasPrefix(err.Error(), "predict: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Profile(%+v) = %v; want a %q error", tc.o, err, tc.want)
		}
	}
}

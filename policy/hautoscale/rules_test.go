package hautoscale_test

import (
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/policy/hautoscale"
)

var nan = math.NaN()

func scaler(t *testing.T, o hautoscale.Options) *hautoscale.Scaler {
	t.Helper()
	s, err := hautoscale.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCPUUp: +1 at CPU ≥ 80 % (inclusive), none below, none at c_max = 3 or while a replica starts.
func TestCPUUp(t *testing.T) {
	for _, c := range []struct {
		name       string
		cpu        float64
		reps, strt int
		want       int
	}{
		{"at threshold", 0.8, 1, 0, 1},
		{"above", 0.95, 2, 0, 1},
		{"below", 0.79, 1, 0, 0},
		{"at max", 0.95, 3, 0, 0},
		{"starting", 0.95, 2, 1, 0},
		{"no ready replica", nan, 1, 1, 0},
	} {
		d := scaler(t, hautoscale.Options{}).Step(0, hautoscale.Observation{Replicas: c.reps, Starting: c.strt, CPU: c.cpu, Latency: nan, Inference: nan})
		if d.Delta != c.want {
			t.Errorf("%s: delta %d, want %d (%+v)", c.name, d.Delta, c.want, d)
		}
	}
}

// TestIdleDown: ticks every 15 s. CPU ≤ 10 % from t = 0 removes one replica at t = 180 s (not at 165),
// the timer restarts (next removal due at 360 s) and c_min = 1 stops it; one tick above 10 % (at 105 s)
// restarts the hold from 120 s (first removal at 300 s).
func TestIdleDown(t *testing.T) {
	run := func(cpu func(t float64) float64, reps func(t float64) int) []float64 {
		s := scaler(t, hautoscale.Options{})
		var at []float64
		for k := 0; k <= 40; k++ {
			now := 15 * float64(k)
			d := s.Step(now, hautoscale.Observation{Replicas: reps(now), CPU: cpu(now), Latency: nan, Inference: nan})
			if d.Delta == -1 {
				at = append(at, now)
			}
			if d.Delta == 1 {
				t.Fatalf("scale-up at %g", now)
			}
		}
		return at
	}
	low := func(float64) float64 { return 0.1 }
	twoThenOne := func(now float64) int {
		if now <= 180 {
			return 2
		}
		return 1
	}
	if got := run(low, twoThenOne); len(got) != 1 || got[0] != 180 {
		t.Errorf("removals at %v, want [180]", got)
	}
	three := func(float64) int { return 3 }
	if got := run(low, three); len(got) != 3 || got[0] != 180 || got[1] != 360 || got[2] != 540 {
		t.Errorf("removals with c fixed at 3: %v, want [180 360 540]", got)
	}
	blip := func(now float64) float64 {
		if now == 105 {
			return 0.2
		}
		return 0.05
	}
	two := func(float64) int { return 2 }
	if got := run(blip, two); len(got) < 1 || got[0] != 300 {
		t.Errorf("removals with a blip: %v, want [300]", got)
	}
}

// TestCombined: C = 0.5·CPU + 0.3·L/1 + 0.2·T/1 (defaults). CPU 0.6, L 1.2, T 0.5: C = 0.76, no change;
// L 1.5: C = 0.85 > 0.8, up. Down needs CPU ≤ 0.1 and C < 0.1: CPU 0.05, L 0.2, T 0.1 gives 0.105
// (stay); L 0.1, T 0.05 gives 0.065 (down, no hold).
func TestCombined(t *testing.T) {
	for _, c := range []struct {
		cpu, l, inf, wantC float64
		want               int
	}{
		{0.6, 1.2, 0.5, 0.76, 0},
		{0.6, 1.5, 0.5, 0.85, 1},
		{0.05, 0.2, 0.1, 0.105, 0},
		{0.05, 0.1, 0.05, 0.065, -1},
	} {
		s := scaler(t, hautoscale.Options{Combined: true, NoDownHold: true})
		d := s.Step(0, hautoscale.Observation{Replicas: 2, CPU: c.cpu, Latency: c.l, Inference: c.inf})
		if d.Delta != c.want || math.Abs(d.C-c.wantC) > 1e-12 {
			t.Errorf("%+v: delta %d, C %g; want %d, %g", c, d.Delta, d.C, c.want, c.wantC)
		}
		if c.want == 1 && d.Reason != "combined" {
			t.Errorf("%+v: reason %q", c, d.Reason)
		}
	}
}

type tick struct {
	now, lat float64
	reps     int
	wantU    float64
	want     int
}

func runPID(t *testing.T, o hautoscale.Options, ticks []tick) {
	t.Helper()
	o.PID = true
	s := scaler(t, o)
	for _, k := range ticks {
		d := s.Step(k.now, hautoscale.Observation{Replicas: k.reps, CPU: 0.5, Latency: k.lat, Inference: nan})
		if math.Abs(d.U-k.wantU) > 1e-12 || d.Delta != k.want {
			t.Errorf("t=%g: u %g, delta %d; want %g, %d", k.now, d.U, d.Delta, k.wantU, k.want)
		}
	}
}

// TestPID: Kp 1, Ki 0.1 (defaults), L_max 1 s, step 0.1. L = 1.05 s twice: e = −0.05, u = −0.05 then
// −0.05 + 0.1·(−0.05·15) = −0.125 < −0.1: up.
func TestPID(t *testing.T) {
	runPID(t, hautoscale.Options{}, []tick{{0, 1.05, 1, -0.05, 0}, {15, 1.05, 1, -0.125, 1}})
}

// TestPIDDerivative: Kp 1, Kd 0.5, Ki 0: e = 0.1 then −0.2 over 15 s: u = 0.1, then −0.2 + 0.5·(−0.02) = −0.21.
func TestPIDDerivative(t *testing.T) {
	runPID(t, hautoscale.Options{Kp: 1, Kd: 0.5}, []tick{{0, 0.9, 1, 0.1, 0}, {15, 1.2, 1, -0.21, 1}})
}

// TestPIDAntiWindup: at c_max with L = 2 s (e = −1) the integral stays 0 (u = −1, no action possible);
// back at 2 replicas with L = 0.5 s, u = 0.5 + 0.1·7.5 = 1.25 (a wound-up integral, clamped at −10,
// would give 0.5 − 1 + 0.75 < 0). With e = +1 the integral clamps at 10 s²: u = 1 + 0.1·10 = 2.
func TestPIDAntiWindup(t *testing.T) {
	ticks := []tick{}
	for k := 0; k < 10; k++ {
		ticks = append(ticks, tick{15 * float64(k), 2, 3, -1, 0})
	}
	ticks = append(ticks, tick{150, 0.5, 2, 1.25, 0}, tick{165, 0, 2, 1 + 0.1*10, 0}, tick{180, 0, 2, 2, 0})
	runPID(t, hautoscale.Options{}, ticks)
	// At c_min, a positive error does not integrate: u = Kp·e.
	runPID(t, hautoscale.Options{}, []tick{{0, 0, 1, 1, 0}, {15, 0, 1, 1, 0}})
}

func TestOptionsErrors(t *testing.T) {
	for name, o := range map[string]hautoscale.Options{
		"max < min":      {MinReplicas: 3, MaxReplicas: 2},
		"negative min":   {MinReplicas: -1},
		"up > 1":         {UpCPU: 1.5},
		"down ≥ up":      {UpCPU: 0.5, DownCPU: 0.6},
		"negative down":  {DownCPU: -0.1},
		"negative hold":  {DownHold: -1},
		"negative alpha": {Alpha: -1},
		"c down ≥ up":    {CUp: 0.5, CDown: 0.6},
		"negative gain":  {Ki: -1},
		"nan lmax":       {LMax: nan},
		"quantile":       {Quantile: 2},
		"period":         {Period: -15},
	} {
		if _, err := hautoscale.New(o); !errors.Is(err, hautoscale.ErrOptions) {
			t.Errorf("%s: error %v, want ErrOptions", name, err)
		}
	}
	s := scaler(t, hautoscale.Options{})
	if o := s.Options(); o.MinReplicas != 1 || o.MaxReplicas != 3 || o.UpCPU != 0.8 || o.DownCPU != 0.1 || o.DownHold != 180 {
		t.Errorf("defaults %+v", o)
	}
}

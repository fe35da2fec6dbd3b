package dynscore_test

import (
	"math"
	"testing"

	"github.com/airansim/airansim/mig"
	"github.com/airansim/airansim/policy/dynscore"
	"github.com/airansim/airansim/sim"
)

// TestModeSwitch runs ModeAuto on the MIG setup under a load that rises and falls: in every epoch the
// mode follows the power-forecast score with the hysteresis of Options.Headroom (power-cap above
// (1 − h)·cap, performance below (1 − 2h)·cap, unchanged between), and both modes occur.
func TestModeSwitch(t *testing.T) {
	cfg, models, g := migSetup(t, 2)
	var reqs []sim.Request
	for i := 0; ; i++ { // LLM requests of 5 TFLOP: every 0.1 s in [10, 30) s, every 1 s otherwise
		tm := 0.1 + float64(i)*0.1
		if tm >= 50 {
			break
		}
		if (tm < 10 || tm >= 30) && i%10 != 0 {
			continue
		}
		reqs = append(reqs, sim.Request{Class: sim.AI, Arrival: tm, Deadline: 5, Service: 2, AIWork: sim.Work{GPU: 5}, KVGB: 0.1})
	}
	const capW, h = 145, 0.1
	o := dynscore.Options{GPUs: []*mig.GPU{g}, Power: models, PowerCapW: capW, Headroom: h}
	l, _, _, _ := run(t, cfg, reqs, o, nil)
	seen := map[dynscore.Mode]int{}
	prev := dynscore.ModePerformance
	for _, e := range l.Epochs() {
		want := prev
		switch {
		case math.IsNaN(e.ForecastW):
			t.Fatalf("t=%g: no forecast", e.Time)
		case e.ForecastW > (1-h)*capW:
			want = dynscore.ModePowerCap
		case e.ForecastW < (1-2*h)*capW:
			want = dynscore.ModePerformance
		}
		if e.Mode != want {
			t.Errorf("t=%g: forecast %.1f W: mode %s, want %s", e.Time, e.ForecastW, e.Mode, want)
		}
		prev = e.Mode
		seen[e.Mode]++
	}
	if seen[dynscore.ModePowerCap] == 0 || seen[dynscore.ModePerformance] == 0 {
		t.Errorf("modes %v: want both", seen)
	}
}

package hpa_test

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/airansim/airansim/policy/hpa"
)

// at returns n ready pods of request 1 using u each, their samples taken at t.
func at(t float64, n int, u float64) []hpa.Pod {
	ps := pods(n, u)
	for i := range ps {
		ps[i].MetricTime = t
	}
	return ps
}

func newAutoscaler(t *testing.T, o hpa.Options) *hpa.Autoscaler {
	t.Helper()
	a, err := hpa.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestStabilizationWindow checks the 300 s scale-down window: the largest recommendation whose time
// is within (t − 300, t], the current count recorded at the first sync included. Target 50 %, pods at
// 25 %: r = 0.5, each sync proposes ⌈0.5 · n⌉. Syncs every 15 s from t = 15 s; the test scales to each
// decision.
func TestStabilizationWindow(t *testing.T) {
	for _, tc := range []struct {
		name  string
		o     hpa.Options
		bump  float64 // time of one sync with pods at 35 % (r = 0.7, ⌈0.7·4⌉ = 3); 0: none
		want  func(float64) int
		until float64
	}{
		// Proposals 2 from t = 15; the initial 4 (t = 15) leaves the window when 15 ≤ t − 300: t = 315.
		{"flat", hpa.Options{Target: 50}, 0, func(t float64) int {
			if t < 315 {
				return 4
			}
			return 2
		}, 330},
		// The 3 proposed at t = 150 holds 3 once the initial 4 has left (t = 315) until 150 ≤ t − 300: t = 450.
		{"bump at 150 s", hpa.Options{Target: 50}, 150, func(t float64) int {
			switch {
			case t < 315:
				return 4
			case t < 450:
				return 3
			}
			return 2
		}, 465},
		{"no window", hpa.Options{Target: 50, NoDownscaleStabilization: true}, 0, func(float64) int { return 2 }, 15},
	} {
		a := newAutoscaler(t, tc.o)
		cur := 4
		for ts := 15.0; ts <= tc.until; ts += 15 {
			u := 0.25
			if ts == tc.bump {
				u = 0.35
			}
			d := a.Sync(ts, cur, at(ts, cur, u))
			if d.Desired != tc.want(ts) {
				t.Fatalf("%s: t=%g: desired %d (proposed %d), want %d", tc.name, ts, d.Desired, d.Proposed, tc.want(ts))
			}
			cur = d.Desired
		}
	}
}

// TestScaleUpRateLimit checks the default scale-up policies, max(+4 pods, +100 %) over 15 s counted
// from the count at the start of the period, and MaxReplicas 30. Pods at 10 cores of a 1-core request
// against 50 %: r = 20, the calculator proposes 20 n.
func TestScaleUpRateLimit(t *testing.T) {
	a := newAutoscaler(t, hpa.Options{Target: 50, MaxReplicas: 30})
	cur := 1
	for _, s := range []struct {
		t    float64
		want int
	}{
		{15, 5},  // start 1: max(1 + 4, ⌈1·2⌉) = 5
		{30, 10}, // the event at 15 s is not after 30 − 15: start 5, max(9, 10) = 10
		{45, 20}, // start 10: max(14, 20) = 20
		{50, 20}, // +10 at 45 s is within (35, 50]: start 10, limit 20 = current
		{60, 30}, // start 20: max(24, 40) = 40, clamped to MaxReplicas 30
	} {
		d := a.Sync(s.t, cur, at(s.t, cur, 10))
		if d.Desired != s.want {
			t.Fatalf("t=%g: desired %d (proposed %d), want %d", s.t, d.Desired, d.Proposed, s.want)
		}
		cur = d.Desired
	}
}

// TestMinMax checks the clamp: a count outside [min, max] goes to the bound without metrics, and
// proposals are clamped after the rate limit.
func TestMinMax(t *testing.T) {
	for _, tc := range []struct {
		name    string
		o       hpa.Options
		current int
		pods    []hpa.Pod
		want    int
	}{
		{"above max: to max, no metrics needed", hpa.Options{MaxReplicas: 3}, 5, nil, 3},
		{"below min: to min", hpa.Options{MinReplicas: 2}, 1, nil, 2},
		// r = 1000/50 = 20: ⌈20⌉ = 20, rate limit 5, max 3.
		{"proposal above max", hpa.Options{Target: 50, MaxReplicas: 3}, 1, at(15, 1, 10), 3},
		// r = 0: ⌈0⌉ = 0, clamped to min 2 (no stabilisation window).
		{"proposal below min", hpa.Options{MinReplicas: 2, NoDownscaleStabilization: true}, 4, at(15, 4, 0), 2},
		// No metrics: no change.
		{"no metrics", hpa.Options{}, 3, at(15, 3, math.NaN()), 3},
	} {
		d := newAutoscaler(t, tc.o).Sync(15, tc.current, tc.pods)
		if d.Desired != tc.want {
			t.Errorf("%s: desired %d (proposed %d, %v), want %d", tc.name, d.Desired, d.Proposed, d.Err, tc.want)
		}
	}
}

// TestOptionsErrors checks that New refuses options out of range with an "hpa: " error wrapping
// ErrOptions.
func TestOptionsErrors(t *testing.T) {
	for _, o := range []hpa.Options{
		{MinReplicas: 3, MaxReplicas: 2},
		{Target: -1},
		{MinReplicas: -1},
		{Tolerance: 1.5},
		{SyncPeriod: -15},
		{DownscaleStabilization: math.NaN()},
		{CPUInitializationPeriod: math.Inf(1)},
		{ScaleDownPercent: 120},
		{ScaleUpPods: -1},
	} {
		_, err := hpa.New(o)
		if !errors.Is(err, hpa.ErrOptions) || !strings.HasPrefix(err.Error(), "hpa: ") {
			t.Errorf("%+v: %v, want ErrOptions", o, err)
		}
	}
}

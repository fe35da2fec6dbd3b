package hpa_test

import (
	"errors"
	"math"
	"testing"

	"github.com/airansim/airansim/policy/hpa"
)

const now = 1000.0 // s, well after every pod's CPU initialisation period unless a case says otherwise

// ready is a pod started long ago, ready for as long, with a request of 1 and the given usage.
func ready(usage float64) hpa.Pod {
	return hpa.Pod{Ready: true, ReadySince: -1000, Start: -1000, Usage: usage, MetricTime: now, Window: 15, Request: 1}
}

func pods(n int, usage float64, extra ...hpa.Pod) []hpa.Pod {
	ps := make([]hpa.Pod, 0, n+len(extra))
	for range n {
		ps = append(ps, ready(usage))
	}
	return append(ps, extra...)
}

// opts returns the completed default options with the given target (%).
func opts(t *testing.T, o hpa.Options) hpa.Options {
	t.Helper()
	a, err := hpa.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return a.Options()
}

type recommendCase struct {
	name    string
	current int
	pods    []hpa.Pod
	target  int
	want    int
}

func runRecommend(t *testing.T, cases []recommendCase) {
	t.Helper()
	for _, tc := range cases {
		o := opts(t, hpa.Options{Target: tc.target})
		got, _, err := hpa.Recommend(now, tc.current, tc.pods, o)
		if err != nil || got != tc.want {
			t.Errorf("%s: Recommend = %d (%v), want %d", tc.name, got, err, tc.want)
		}
	}
}

// TestToleranceBand checks the ±10 % band around a usage ratio of 1 (inclusive) and ⌈r · ready⌉
// outside it: 4 ready pods with a request of 1 and a 50 % target.
func TestToleranceBand(t *testing.T) {
	runRecommend(t, []recommendCase{
		{"54 %: r = 1.08 in band", 4, pods(4, 0.54), 50, 4},
		{"55 %: r = 1.10, the band's edge", 4, pods(4, 0.55), 50, 4},
		{"56 %: r = 1.12, ⌈4.48⌉", 4, pods(4, 0.56), 50, 5},
		{"45 %: r = 0.90, the lower edge", 4, pods(4, 0.45), 50, 4},
		{"44 %: r = 0.88, ⌈3.52⌉", 4, pods(4, 0.44), 50, 4},
		{"30 %: r = 0.60, ⌈2.4⌉", 4, pods(4, 0.30), 50, 3},
		{"utilisation is an integer percent: 55.9 % → 55, r = 1.1 in band", 4, pods(4, 0.559), 50, 4},
	})
}

// TestNotReadyPods checks the pods left out as unready (pending, within the CPU initialisation period
// without a whole window since ready, never ready after it) and counted at 0 % on a scale-up only;
// target 50 %, requests 1.
func TestNotReadyPods(t *testing.T) {
	pending := ready(1)
	pending.Pending = true
	initNotYet := ready(2) // started 60 s ago, ready since 10 s: 1000 < 990 + 15
	initNotYet.Start, initNotYet.ReadySince = 940, 990
	initDone := initNotYet // ready since 20 s: 1000 ≥ 980 + 15
	initDone.ReadySince = 980
	neverReady := ready(2) // after the 300 s period, unready since 20 s after its start (< 30 s)
	neverReady.Start, neverReady.Ready, neverReady.ReadySince = 0, false, 20
	wasReady := neverReady // unready since 500 s: it was ready, its sample counts
	wasReady.ReadySince = 500
	deleting := ready(5)
	deleting.Deleting = true
	runRecommend(t, []recommendCase{
		// r = 100/50 = 2 > 1: the pending pod at 0 %: U' = 300/4 = 75 %, r' = 1.5, ⌈1.5·4⌉ = 6 (its own 100 % would give 8).
		{"scale-up, pending at 0 %", 4, pods(3, 1, pending), 50, 6},
		// r = 10/50 = 0.2: a scale-down leaves the pending pod out: ⌈0.2·3⌉ = 1.
		{"scale-down, pending left out", 4, pods(3, 0.1, pending), 50, 1},
		// As the first case: the pod in its initialisation period is unready.
		{"initialisation period, window not yet full", 4, pods(3, 1, initNotYet), 50, 6},
		// Its sample counts: U = (3 + 2)/4 = 125 %, r = 2.5, ⌈2.5·4⌉ = 10.
		{"initialisation period, window full", 4, pods(3, 1, initDone), 50, 10},
		{"never ready after the readiness delay", 4, pods(3, 1, neverReady), 50, 6},
		{"was ready, now unready: counted", 4, pods(3, 1, wasReady), 50, 10},
		// A pod being deleted is ignored altogether: r = 2, ⌈2·3⌉ = 6.
		{"deleting pod ignored", 4, pods(3, 1, deleting), 50, 6},
	})
}

// TestMissingMetrics checks pods without a metric: counted at max(100 %, target) on a scale-down and
// at 0 % on a scale-up, then no change if the new ratio is in the band or across 1; requests 1.
func TestMissingMetrics(t *testing.T) {
	miss := ready(math.NaN())
	runRecommend(t, []recommendCase{
		// r = 10/50 = 0.2; the missing pod at 100 %: U' = ⌊130/4⌋ = 32 %, r' = 0.64, ⌈0.64·4⌉ = ⌈2.56⌉ = 3 (ready pods alone: 1).
		{"scale-down, missing at 100 %", 4, pods(3, 0.1, miss), 50, 3},
		// Target 150 %: r = 30/150 = 0.2; missing at 150 %: U' = (90 + 150)/4 = 60 %, r' = 0.4, ⌈1.6⌉ = 2.
		{"scale-down, missing at the target above 100 %", 4, pods(3, 0.3, miss), 150, 2},
		// r = 1.5; two missing at 0 %: U' = 150/3 = 50 %, r' = 0.5 < 1: across 1, no change (ready alone: ⌈1.5⌉ = 2).
		{"scale-up, missing at 0 % flips the direction", 3, pods(1, 1.5, miss, miss), 100, 3},
		// r = 1.6; one missing at 0 %: U' = ⌊320/3⌋ = 106 %, r' = 1.06 in band (ready alone: ⌈3.2⌉ = 4).
		{"scale-up, missing at 0 % lands in the band", 3, pods(2, 1.6, miss), 100, 3},
	})
	o := opts(t, hpa.Options{})
	if got, _, err := hpa.Recommend(now, 2, []hpa.Pod{miss, miss}, o); !errors.Is(err, hpa.ErrNoMetrics) || got != 2 {
		t.Errorf("no metrics: %d, %v; want 2, ErrNoMetrics", got, err)
	}
}

package metrics_test

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"github.com/airansim/airansim/metrics"
	"github.com/airansim/airansim/sim"
)

// rec builds a record: class, AI category (ignored for RAN-only), arrival, finish, relative deadline
// (s), and the outcome.
func rec(id int64, class sim.Class, cat sim.Category, arrival, finish, deadline float64, finished, dropped bool) sim.Record {
	if class.IsRAN() {
		cat = sim.DU
	}
	return sim.Record{ID: id, Class: class, Category: cat, Arrival: arrival, Finish: finish, Deadline: deadline,
		Finished: finished, Dropped: dropped}
}

// sample is eleven requests whose outcomes are worked out by hand (latency, deadline → met):
//
//	1 URLLC 0.8 ms ≤ 1 ms met · 2 URLLC 1.5 ms > 1 ms missed · 3 URLLC 1 ms + 0.5 ns met (within
//	MetTolerance) · 4 URLLC 1 ms + 3 ns missed · 5 eMBB 2 ms ≤ 4 ms met · 6 eMBB unfinished (its
//	Finish − Arrival is below the deadline, still missed) · 7 large 12 ms ≤ 2 s met · 8 large dropped
//	· 9 small 150 ms ≤ 0.5 s met · 10 small 1.3 s > 0.5 s missed · 11 small unfinished.
func sample() []sim.Record {
	const fin, unf, drop = true, false, true
	return []sim.Record{
		rec(1, sim.URLLC, 0, 1, 1.0008, 0.001, fin, false),
		rec(2, sim.URLLC, 0, 2, 2.0015, 0.001, fin, false),
		rec(3, sim.URLLC, 0, 0, 0.001+0.5e-9, 0.001, fin, false),
		rec(4, sim.URLLC, 0, 0, 0.001+3e-9, 0.001, fin, false),
		rec(5, sim.EMBB, 0, 3, 3.002, 0.004, fin, false),
		rec(6, sim.EMBB, 0, 49.999, 50, 0.004, unf, false),
		rec(7, sim.AI, sim.LargeAI, 5, 5.012, 2, fin, false),
		rec(8, sim.AI, sim.LargeAI, 6, 6, 2, unf, drop),
		rec(9, sim.AI, sim.SmallAI, 7, 7.15, 0.5, fin, false),
		rec(10, sim.AI, sim.SmallAI, 8, 9.3, 0.5, fin, false),
		rec(11, sim.AI, sim.SmallAI, 49, 50, 2, unf, false),
	}
}

// TestSummaryCounts checks the counts and fulfillment of every group against hand counts, for the
// sample, for the sample recorded as two summaries merged, for RAN-only records (AI groups empty:
// NaN), and for no records (every group NaN).
func TestSummaryCounts(t *testing.T) {
	type want struct {
		c metrics.Counts
		f float64 // NaN: empty group
	}
	nan := math.NaN()
	all := map[metrics.Group]want{
		metrics.Overall: {metrics.Counts{Total: 11, Met: 5, Unfinished: 2, Dropped: 1, Tolerated: 1}, 5.0 / 11},
		metrics.RAN:     {metrics.Counts{Total: 6, Met: 3, Unfinished: 1, Tolerated: 1}, 0.5},
		metrics.AI:      {metrics.Counts{Total: 5, Met: 2, Unfinished: 1, Dropped: 1}, 0.4},
		metrics.LargeAI: {metrics.Counts{Total: 2, Met: 1, Dropped: 1}, 0.5},
		metrics.SmallAI: {metrics.Counts{Total: 3, Met: 1, Unfinished: 1}, 1.0 / 3},
		metrics.URLLC:   {metrics.Counts{Total: 4, Met: 2, Tolerated: 1}, 0.5},
		metrics.EMBB:    {metrics.Counts{Total: 2, Met: 1, Unfinished: 1}, 0.5},
	}
	ranOnly := map[metrics.Group]want{
		metrics.Overall: {metrics.Counts{Total: 6, Met: 3, Unfinished: 1, Tolerated: 1}, 0.5},
		metrics.RAN:     {metrics.Counts{Total: 6, Met: 3, Unfinished: 1, Tolerated: 1}, 0.5},
		metrics.AI:      {metrics.Counts{}, nan},
		metrics.LargeAI: {metrics.Counts{}, nan},
		metrics.SmallAI: {metrics.Counts{}, nan},
		metrics.URLLC:   {metrics.Counts{Total: 4, Met: 2, Tolerated: 1}, 0.5},
		metrics.EMBB:    {metrics.Counts{Total: 2, Met: 1, Unfinished: 1}, 0.5},
	}
	none := map[metrics.Group]want{}
	for _, g := range metrics.Groups() {
		none[g] = want{metrics.Counts{}, nan}
	}
	merged := func() *metrics.Summary {
		var a, b metrics.Summary
		for i, r := range sample() {
			if i%2 == 0 {
				a.Record(r)
			} else {
				b.Record(r)
			}
		}
		a.Merge(&b)
		return &a
	}
	of := func(rs []sim.Record) func() *metrics.Summary {
		return func() *metrics.Summary {
			var s metrics.Summary
			for _, r := range rs {
				s.Record(r)
			}
			return &s
		}
	}
	for _, tc := range []struct {
		name string
		sum  func() *metrics.Summary
		want map[metrics.Group]want
	}{
		{"sample", of(sample()), all},
		{"merged halves", merged, all},
		{"RAN-only", of(sample()[:6]), ranOnly},
		{"empty", of(nil), none},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.sum()
			if len(metrics.Groups()) != len(tc.want) {
				t.Fatalf("%d groups, want %d", len(metrics.Groups()), len(tc.want))
			}
			for _, g := range metrics.Groups() {
				w := tc.want[g]
				if c := s.Counts(g); c != w.c {
					t.Errorf("%v: counts %+v, want %+v", g, c, w.c)
				}
				f := s.Fulfillment(g)
				if math.IsNaN(w.f) != math.IsNaN(f) || (!math.IsNaN(f) && math.Abs(f-w.f) > 1e-15) {
					t.Errorf("%v: fulfillment %v, want %v", g, f, w.f)
				}
				if c := s.Counts(g).Fulfillment(); !(c == f || math.IsNaN(c) && math.IsNaN(f)) {
					t.Errorf("%v: Counts.Fulfillment %v ≠ Summary.Fulfillment %v", g, c, f)
				}
			}
		})
	}
}

// TestGroupNames checks the column names and order of docs/metrics.md §2.
func TestGroupNames(t *testing.T) {
	want := []string{"overall", "ran", "ai", "large_ai", "small_ai", "urllc", "embb"}
	gs := metrics.Groups()
	if len(gs) != len(want) {
		t.Fatalf("%d groups, want %d", len(gs), len(want))
	}
	for i, g := range gs {
		if g.String() != want[i] || int(g) != i {
			t.Errorf("group %d: %d %q, want %q", i, g, g, want[i])
		}
	}
}

// TestLatencyQuantiles checks quantiles of the sample's finished latencies against docs/metrics.md
// §4 worked by hand: rank r = ⌈p·n⌉ clamped to [1, n], bin b = ⌊100·(log₁₀ v + 6)⌋ of the r-th
// smallest value v, result 10^(−6 + (b + 0.5)/100) clamped to [min, max]. Unfinished and dropped
// requests are excluded; a group without finished requests gives NaN.
//
// Finished latencies: AI {0.012, 0.15, 1.3}, large {0.012}, small {0.15, 1.3}, RAN {0.0008,
// 0.0010000005, 0.001000003, 0.0015, 0.002}, URLLC the first four, eMBB {0.002}.
func TestLatencyQuantiles(t *testing.T) {
	var s metrics.Summary
	for _, r := range sample() {
		s.Record(r)
	}
	var aiUnfinished metrics.Summary
	for _, r := range sample() {
		if r.Class == sim.AI && !r.Finished {
			aiUnfinished.Record(r)
		}
	}
	for _, tc := range []struct {
		name string
		s    *metrics.Summary
		g    metrics.Group
		p    float64
		want float64 // NaN: none finished
	}{
		// r = 2 → 0.15: log₁₀ = −0.8239 → b = 517 → 10^−0.825.
		{"ai p50", &s, metrics.AI, 0.5, math.Pow(10, -0.825)},
		// r = ⌈2.97⌉ = 3 → 1.3: b = 611 → 10^0.115 = 1.303 > max → 1.3.
		{"ai p99", &s, metrics.AI, 0.99, 1.3},
		// r = 1 → 0.012: log₁₀ = −1.9208 → b = 407 → 10^−1.925 = 0.01189 < min → 0.012.
		{"ai p0", &s, metrics.AI, 0, 0.012},
		{"ai p100", &s, metrics.AI, 1, 1.3},
		{"ai p below 0 (rank clamped to 1)", &s, metrics.AI, -1, 0.012},
		{"large p50 (one value)", &s, metrics.LargeAI, 0.5, 0.012},
		// r = 1 → 0.15 → 10^−0.825 = 0.1496 < min 0.15 → 0.15.
		{"small p50", &s, metrics.SmallAI, 0.5, 0.15},
		// r = ⌈2.5⌉ = 3 → 0.001000003: log₁₀ = −2.9999987 → b = 300 → 10^−2.995 = 0.0010116.
		{"ran p50", &s, metrics.RAN, 0.5, math.Pow(10, -2.995)},
		// r = 5 → 0.002: b = 330 → 10^−2.695 = 0.002018 > max → 0.002.
		{"ran p99", &s, metrics.RAN, 0.99, 0.002},
		// r = ⌈0.8⌉ = 1 → 0.0008: log₁₀ = −3.0969 → b = 290 → 10^−3.095 = 0.000803.
		{"ran p20", &s, metrics.RAN, 0.2, math.Pow(10, -3.095)},
		// r = ⌈0.8⌉ = 1 of 4 → 0.0008 again; r = ⌈3.2⌉ = 4 → 0.0015: log₁₀ = −2.8239 → b = 317 →
		// 10^−2.825 = 0.0014962, inside [0.0008, 0.0015].
		{"urllc p20", &s, metrics.URLLC, 0.2, math.Pow(10, -3.095)},
		{"urllc p80", &s, metrics.URLLC, 0.8, math.Pow(10, -2.825)},
		{"embb p50", &s, metrics.EMBB, 0.5, 0.002},
		// r = 4 of 8 finished → 0.0015 → 10^−2.825, inside [0.0008, 1.3].
		{"overall p50", &s, metrics.Overall, 0.5, math.Pow(10, -2.825)},
		{"ai none finished", &aiUnfinished, metrics.AI, 0.5, math.NaN()},
		{"large none finished", &aiUnfinished, metrics.LargeAI, 0.99, math.NaN()},
		{"ran empty", &aiUnfinished, metrics.RAN, 0.5, math.NaN()},
	} {
		got := tc.s.LatencyQuantile(tc.g, tc.p)
		if math.IsNaN(tc.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tc.want) > 1e-12*tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestHistogramRange checks the ends of the binned range (docs/metrics.md §4): values ≤ 0 or below
// 1 µs fall in the first bin and values above 10⁵ s in the last; the result is clamped to the exact
// minimum and maximum seen.
func TestHistogramRange(t *testing.T) {
	for _, tc := range []struct {
		name string
		vs   []float64
		p    float64
		want float64
	}{
		// First bin, centre 10^−5.995 ≈ 1.01e-6, clamped to the maximum 2e-8.
		{"below 1 µs", []float64{1e-8, 2e-8}, 0, 2e-8},
		// Zero and 0.5 µs share the first bin; the max is 3e-6 (bin 47): r = 2 → 0.5 µs, first bin,
		// centre 10^−5.995, inside [0, 3e-6].
		{"zero", []float64{0, 5e-7, 3e-6}, 0.5, math.Pow(10, -5.995)},
		// Last bin, centre 10^4.995 ≈ 98855, clamped up to the minimum 2e5.
		{"above 1e5 s", []float64{2e5, 3e5}, 1, 2e5},
		{"empty", nil, 0.5, math.NaN()},
	} {
		var h metrics.Histogram
		for _, v := range tc.vs {
			h.Add(v)
		}
		got := h.Quantile(tc.p)
		if h.Count() != int64(len(tc.vs)) {
			t.Errorf("%s: count %d, want %d", tc.name, h.Count(), len(tc.vs))
		}
		if math.IsNaN(tc.want) != math.IsNaN(got) || (!math.IsNaN(got) && math.Abs(got-tc.want) > 1e-12*tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestHistogramError checks the documented accuracy on random values spread over 1 ms … 100 s:
// every quantile is within a factor 10^(1/200) of the exact r-th smallest value (r = ⌈p·n⌉), the
// oracle being a sorted copy; a histogram merged from two halves gives the same quantiles.
func TestHistogramError(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	vs := make([]float64, 2001)
	var h, a, b metrics.Histogram
	for i := range vs {
		vs[i] = math.Pow(10, -3+5*rng.Float64())
		h.Add(vs[i])
		if i%2 == 0 {
			a.Add(vs[i])
		} else {
			b.Add(vs[i])
		}
	}
	a.Merge(&b)
	sorted := append([]float64(nil), vs...)
	sort.Float64s(sorted)
	bound := math.Pow(10, 1.0/200) * (1 + 1e-12)
	for _, p := range []float64{0.001, 0.1, 0.25, 0.5, 0.9, 0.99, 0.999} {
		exact := sorted[int(math.Ceil(p*float64(len(vs))))-1]
		got := h.Quantile(p)
		if r := got / exact; r > bound || r < 1/bound {
			t.Errorf("p = %g: %v, exact %v (ratio %v)", p, got, exact, r)
		}
		if m := a.Quantile(p); m != got {
			t.Errorf("p = %g: merged halves %v, whole %v", p, m, got)
		}
	}
}

// TestFinishedAndLatencyMean checks the finished counts and the exact mean latencies of the sample
// against hand sums (the latencies listed at TestLatencyQuantiles), recorded whole and as two
// halves merged; a group without finished requests has mean NaN.
func TestFinishedAndLatencyMean(t *testing.T) {
	var whole, a, b, aiUnfinished metrics.Summary
	for i, r := range sample() {
		whole.Record(r)
		if i%2 == 0 {
			a.Record(r)
		} else {
			b.Record(r)
		}
		if r.Class == sim.AI && !r.Finished {
			aiUnfinished.Record(r)
		}
	}
	a.Merge(&b)
	nan := math.NaN()
	for _, tc := range []struct {
		g        metrics.Group
		finished int64
		mean     float64 // s
	}{
		{metrics.Overall, 8, (0.0008 + 0.0015 + 0.0010000005 + 0.001000003 + 0.002 + 0.012 + 0.15 + 1.3) / 8},
		{metrics.RAN, 5, (0.0008 + 0.0015 + 0.0010000005 + 0.001000003 + 0.002) / 5},
		{metrics.AI, 3, (0.012 + 0.15 + 1.3) / 3},
		{metrics.LargeAI, 1, 0.012},
		{metrics.SmallAI, 2, (0.15 + 1.3) / 2},
		{metrics.URLLC, 4, (0.0008 + 0.0015 + 0.0010000005 + 0.001000003) / 4},
		{metrics.EMBB, 1, 0.002},
	} {
		for name, s := range map[string]*metrics.Summary{"whole": &whole, "merged": &a} {
			if got := s.Counts(tc.g).Finished(); got != tc.finished {
				t.Errorf("%s %v: finished %d, want %d", name, tc.g, got, tc.finished)
			}
			if got := s.LatencyMean(tc.g); math.Abs(got-tc.mean) > 1e-12*tc.mean {
				t.Errorf("%s %v: mean latency %.15g, want %.15g", name, tc.g, got, tc.mean)
			}
		}
		if got := aiUnfinished.LatencyMean(tc.g); !math.IsNaN(got) {
			t.Errorf("%v without finished requests: mean %v, want %v", tc.g, got, nan)
		}
		if got := aiUnfinished.Counts(tc.g).Finished(); got != 0 {
			t.Errorf("%v without finished requests: finished %d, want 0", tc.g, got)
		}
	}
}

// TestToleratedAndDeadlineUsed checks, on the hand-worked sample, the requests met only by
// sim.MetTolerance (request 3: 0.5 ns late) and the largest latency/deadline per group (RAN-only:
// request 2, 1.5 ms of 1 ms; large-AI: request 7, 12 ms of 2 s; small-AI and so AI and overall:
// request 10, 1.3 s of 0.5 s), also after a merge of two halves.
func TestToleratedAndDeadlineUsed(t *testing.T) {
	whole, a, b := &metrics.Summary{}, &metrics.Summary{}, &metrics.Summary{}
	for i, r := range sample() {
		whole.Record(r)
		if i%2 == 0 {
			a.Record(r)
		} else {
			b.Record(r)
		}
	}
	a.Merge(b)
	want := map[metrics.Group]struct {
		tolerated int64
		used      float64
	}{
		metrics.Overall: {1, 2.6}, metrics.RAN: {1, 1.5}, metrics.URLLC: {1, 1.5}, metrics.EMBB: {0, 0.5},
		metrics.AI: {0, 2.6}, metrics.LargeAI: {0, 0.006}, metrics.SmallAI: {0, 2.6},
	}
	for _, s := range []*metrics.Summary{whole, a} {
		for g, w := range want {
			if got := s.Counts(g).Tolerated; got != w.tolerated {
				t.Errorf("%s: %d met by the tolerance, want %d", g, got, w.tolerated)
			}
			if got := s.DeadlineUsedMax(g); math.Abs(got-w.used) > 1e-9 {
				t.Errorf("%s: largest latency/deadline %v, want %v", g, got, w.used)
			}
		}
	}
	if got := (&metrics.Summary{}).DeadlineUsedMax(metrics.RAN); !math.IsNaN(got) {
		t.Errorf("empty summary: %v, want NaN", got)
	}
}

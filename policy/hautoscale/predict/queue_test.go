package predict

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// textbookC is the textbook Erlang-C formula computed by a different route than ErlangC: the sums
// Σ_{k<c} a^k/k! and a^c/(c!·(1−ρ)) in log space (math.Lgamma), normalised by their largest term.
func textbookC(c int, a float64) float64 {
	rho := a / float64(c)
	logs := make([]float64, c+1)
	for k := 0; k < c; k++ {
		lg, _ := math.Lgamma(float64(k) + 1)
		logs[k] = float64(k)*math.Log(a) - lg
	}
	lg, _ := math.Lgamma(float64(c) + 1)
	logs[c] = float64(c)*math.Log(a) - lg - math.Log(1-rho)
	m := math.Inf(-1)
	for _, l := range logs {
		m = math.Max(m, l)
	}
	sum := 0.0
	for _, l := range logs {
		sum += math.Exp(l - m)
	}
	return math.Exp(logs[c]-m) / sum
}

// simulateWq is a direct FCFS M/M/c simulation (Kiefer–Wolfowitz: each arrival takes the server that
// frees first), returning the fraction of arrivals that waited and the mean wait over n arrivals
// after a warm-up of n/10.
func simulateWq(c int, lambda, mu float64, n int, seed uint64) (pWait, wq float64) {
	r := rand.New(rand.NewPCG(seed, 7))
	free := make([]float64, c)
	t, waited, sum := 0.0, 0, 0.0
	warm := n / 10
	for i := 0; i < n+warm; i++ {
		t += r.ExpFloat64() / lambda
		k := 0
		for j := range free {
			if free[j] < free[k] {
				k = j
			}
		}
		w := math.Max(0, free[k]-t)
		free[k] = t + w + r.ExpFloat64()/mu
		if i >= warm {
			sum += w
			if w > 0 {
				waited++
			}
		}
	}
	return float64(waited) / float64(n), sum / float64(n)
}

func TestErlangCHand(t *testing.T) {
	for _, tc := range []struct {
		c          int
		lambda, mu float64
		pw, wq     float64 // hand-computed
	}{
		{1, 0.5, 1, 0.5, 1},                 // M/M/1: P_W = ρ, W_q = ρ/(μ−λ)
		{1, 3, 4, 0.75, 0.75},               // ρ = 3/4, W_q = 0.75/1
		{2, 1.5, 1, 4.5 / 7, 4.5 / 7 / 0.5}, // a²/(2(1−ρ)) = 4.5 over 1 + 1.5 + 4.5
		{2, 0.5, 1, 0.1, 0.1 / 1.5},         // 0.25/1.5 = 1/6 over 1 + 0.5 + 1/6
		{3, 2.5, 1, 0, 0},                   // filled from textbookC below
		{1, 0, 1, 0, 0},                     // no arrivals
	} {
		if tc.c == 3 {
			tc.pw = textbookC(3, 2.5)
			tc.wq = tc.pw / 0.5
		}
		pw, wq, err := ErlangC(tc.c, tc.lambda, tc.mu)
		if err != nil || math.Abs(pw-tc.pw) > 1e-12 || math.Abs(wq-tc.wq) > 1e-12 {
			t.Errorf("ErlangC(%d, %g, %g) = %g, %g, %v; want %g, %g", tc.c, tc.lambda, tc.mu, pw, wq, err, tc.pw, tc.wq)
		}
	}
}

// TestErlangCTextbook compares with the log-space textbook formula up to c = 1000 (where a^c/c!
// overflows float64 when computed directly).
func TestErlangCTextbook(t *testing.T) {
	for _, c := range []int{1, 2, 3, 5, 10, 50, 200, 1000} {
		for _, rho := range []float64{0.1, 0.5, 0.8, 0.95, 0.999} {
			a := rho * float64(c)
			pw, wq, err := ErlangC(c, a*2, 2) // μ = 2 /s
			want := textbookC(c, a)
			if err != nil || math.Abs(pw-want) > 1e-9*math.Max(1, want) || math.IsNaN(pw) || pw < 0 || pw > 1 {
				t.Errorf("c=%d ρ=%g: P_W = %g (%v), textbook %g", c, rho, pw, err, want)
			}
			if w := want / (float64(c)*2 - a*2); math.Abs(wq-w) > 1e-9*math.Max(1, w) {
				t.Errorf("c=%d ρ=%g: W_q = %g, want %g", c, rho, wq, w)
			}
		}
	}
}

// TestErlangCSimulation compares with a direct simulation within 5 %.
func TestErlangCSimulation(t *testing.T) {
	for _, tc := range []struct {
		c          int
		lambda, mu float64
	}{{1, 0.7, 1}, {2, 1.5, 1}, {3, 2.5, 1}, {5, 4, 1}, {10, 16, 2}} {
		pw, wq, _ := ErlangC(tc.c, tc.lambda, tc.mu)
		spw, swq := simulateWq(tc.c, tc.lambda, tc.mu, 2_000_000, uint64(tc.c))
		if math.Abs(spw-pw) > 0.05*pw || math.Abs(swq-wq) > 0.05*wq {
			t.Errorf("c=%d λ=%g μ=%g: exact %g, %g; simulated %g, %g", tc.c, tc.lambda, tc.mu, pw, wq, spw, swq)
		}
	}
}

// TestPaperWaitGap: the paper's estimate equals Erlang-C for c = 1 and overestimates it by a/P_W
// otherwise; the table is the one in docs/autoscale.md.
func TestPaperWaitGap(t *testing.T) {
	for _, tc := range []struct {
		c          int
		lambda, mu float64
		paper      float64 // hand: λ/(μ(cμ−λ))
		ratio      float64 // a / P_W, ±0.01; the table in docs/autoscale.md
	}{
		{1, 0.5, 1, 1, 1},
		{1, 0.9, 1, 9, 1},
		{2, 0.5, 1, 1.0 / 3, 5},
		{2, 1.5, 1, 3, 7.0 / 3},
		{3, 2.5, 1, 5, 3.56}, // P_W = 0.70225 (textbookC)
		{3, 1.5, 1, 1, 6.33}, // P_W = 1.125/4.75 by hand
		{5, 4, 1, 4, 7.22},   // P_W = 0.5541 (textbookC)
		{10, 8, 1, 4, 19.55}, // P_W = 0.4092 (textbookC)
	} {
		p, err := PaperWait(tc.c, tc.lambda, tc.mu)
		_, wq, _ := ErlangC(tc.c, tc.lambda, tc.mu)
		if err != nil || math.Abs(p-tc.paper) > 1e-12 {
			t.Errorf("PaperWait(%d, %g, %g) = %g, %v; want %g", tc.c, tc.lambda, tc.mu, p, err, tc.paper)
		}
		if r := p / wq; math.Abs(r-tc.ratio) > 0.01 || r < 1-1e-12 {
			t.Errorf("c=%d λ=%g: paper %g / exact %g = %.3f, want %.2f", tc.c, tc.lambda, p, wq, r, tc.ratio)
		}
	}
}

func TestQueueErrors(t *testing.T) {
	for _, tc := range []struct {
		c          int
		lambda, mu float64
		want       string
	}{
		{0, 1, 1, "servers"}, {1, -1, 1, "arrival"}, {1, math.NaN(), 1, "arrival"}, {1, 1, 0, "service"},
		{1, 1, math.Inf(1), "service"}, {1, 1, 1, "unstable"}, {3, 3.5, 1, "unstable"},
	} {
		_, _, err := ErlangC(tc.c, tc.lambda, tc.mu)
		_, perr := PaperWait(tc.c, tc.lambda, tc.mu)
		if err == nil || perr == nil || !strings.HasPrefix(err.Error(), "predict: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("(%d, %g, %g): %v, %v; want a %q error", tc.c, tc.lambda, tc.mu, err, perr, tc.want)
		}
	}
}

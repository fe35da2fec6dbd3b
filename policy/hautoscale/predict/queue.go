package predict

import (
	"fmt"
	"math"
)

// MaxServers is the largest server count ErlangC and PaperWait accept.
const MaxServers = 1 << 20

// checkQueue validates an M/M/c queue: c servers, arrival rate lambda and per-server service rate mu
// (both 1/s), stable only if lambda < c·mu.
func checkQueue(c int, lambda, mu float64) error {
	switch {
	case c < 1 || c > MaxServers:
		return fmt.Errorf("predict: %d servers: need 1 ≤ c ≤ %d", c, MaxServers)
	case !(lambda >= 0) || math.IsInf(lambda, 0):
		return fmt.Errorf("predict: arrival rate %g /s must be finite and ≥ 0", lambda)
	case !(mu > 0) || math.IsInf(mu, 0):
		return fmt.Errorf("predict: service rate %g /s must be finite and > 0", mu)
	case lambda >= float64(c)*mu:
		return fmt.Errorf("predict: unstable queue: λ = %g /s ≥ c·μ = %d × %g /s", lambda, c, mu)
	}
	return nil
}

// ErlangB returns the Erlang-B blocking probability of c servers offered a = λ/μ erlangs, by the
// recursion B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), which neither overflows nor loses precision
// for large c. It returns NaN for c < 0 or a < 0.
func ErlangB(c int, a float64) float64 {
	if c < 0 || !(a >= 0) {
		return math.NaN()
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return b
}

// ErlangC returns, for the M/M/c queue with c servers, Poisson arrivals at lambda /s and exponential
// service at mu /s per server, the exact probability that an arrival waits,
// P_W = c·B / (c − a·(1 − B)) with a = λ/μ and B = ErlangB(c, a), and the mean waiting time in the
// queue W_q = P_W / (c·μ − λ), s. It returns an error unless 1 ≤ c ≤ MaxServers, λ ≥ 0, μ > 0 and
// λ < c·μ (stability).
func ErlangC(c int, lambda, mu float64) (pWait, meanWait float64, err error) {
	if err := checkQueue(c, lambda, mu); err != nil {
		return 0, 0, err
	}
	a := lambda / mu
	b := ErlangB(c, a)
	pWait = float64(c) * b / (float64(c) - a*(1-b))
	return pWait, pWait / (float64(c)*mu - lambda), nil
}

// PaperWait returns the paper's M/M/c waiting-time estimate (ORAN-HAutoscaling, §7.1, eq. for W_q),
// W_q = λ / (μ·(c·μ − λ)), s. It is the exact M/M/1 waiting time for c = 1; for c > 1 it is the exact
// W_q = P_W / (c·μ − λ) with P_W replaced by the offered load a = λ/μ, so it never underestimates
// (P_W = P(N ≥ c) ≤ P(N ≥ 1) ≤ E[min(N, c)] = a) and the ratio to the exact value is a / P_W.
// Same validation as ErlangC.
func PaperWait(c int, lambda, mu float64) (float64, error) {
	if err := checkQueue(c, lambda, mu); err != nil {
		return 0, err
	}
	return lambda / (mu * (float64(c)*mu - lambda)), nil
}

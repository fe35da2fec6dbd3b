package stats

import (
	"math"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// Mean returns the arithmetic mean of xs, or NaN if xs is empty.
func Mean(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	return stat.Mean(xs, nil)
}

// CI95 returns the mean of xs and the half-width of its two-sided 95 %
// confidence interval, t_{0.975, n-1} · s / √n, where s is the sample
// standard deviation (divisor n-1) and t the Student's t quantile. This
// assumes independent, roughly normal replicates. The half-width is 0 when
// n < 2 and the mean NaN when n = 0.
func CI95(xs []float64) (mean, halfWidth float64) {
	return CI(xs, 0.95)
}

// CI is CI95 for the confidence level conf in (0, 1). It panics if conf is
// outside (0, 1).
func CI(xs []float64, conf float64) (mean, halfWidth float64) {
	if !(conf > 0 && conf < 1) {
		panic("stats: confidence level outside (0, 1)")
	}
	n := len(xs)
	mean = Mean(xs)
	if n < 2 {
		return mean, 0
	}
	s := stat.StdDev(xs, nil)
	return mean, TQuantile(1-(1-conf)/2, n-1) * s / math.Sqrt(float64(n))
}

// TQuantile returns the p-quantile of Student's t distribution with df
// degrees of freedom. It panics if df < 1 or p is outside (0, 1).
func TQuantile(p float64, df int) float64 {
	if df < 1 {
		panic("stats: degrees of freedom < 1")
	}
	if !(p > 0 && p < 1) {
		panic("stats: probability outside (0, 1)")
	}
	return distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(df)}.Quantile(p)
}

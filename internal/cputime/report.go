package cputime

import (
	"testing"
	"time"
)

// Report reports n per second of CPU time cpu (a difference of Now) as the metric unit, if cpu was
// measured (> 0).
func Report(b *testing.B, n float64, cpu time.Duration, unit string) {
	if cpu > 0 {
		b.ReportMetric(n/cpu.Seconds(), unit)
	}
}

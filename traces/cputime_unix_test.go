//go:build unix

package traces_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user + system) the process has used so far. On a machine shared
// with other work it moves much less than wall-clock time, so the benchmarks also report per-CPU-second
// rates.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

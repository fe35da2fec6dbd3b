//go:build !unix

package traces_test

import "time"

// cpuTime is not measured on this platform: the per-CPU-second rates are not reported.
func cpuTime() time.Duration { return 0 }

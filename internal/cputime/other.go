//go:build !unix

package cputime

import "time"

// Now returns 0: CPU time is not measured on this platform, and Report then reports nothing.
func Now() time.Duration { return 0 }

// Package sweeptest checks, in a command's tests, that a sweep planned, run in shards and merged writes the same outputs as one run on one machine.
package sweeptest

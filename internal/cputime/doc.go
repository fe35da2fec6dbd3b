// Package cputime measures the process's CPU time so that benchmarks on a shared machine can report
// rates per CPU-second, which move much less than wall-clock rates when other work runs.
package cputime

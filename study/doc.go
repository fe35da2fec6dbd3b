// Package study runs simulations of a scenario with named methods, sweeps them in parallel with resumable, fingerprinted storage, and summarises each run as one row of summary.csv.
package study

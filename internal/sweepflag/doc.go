// Package sweepflag declares the command-line flags every sweep command shares (seeds, scenario,
// profile, output, quick, resume, parallelism) and turns them into study sweep options.
package sweepflag

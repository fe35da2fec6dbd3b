// Package simtest runs small simulations for tests: a slice of requests as a source, a collecting
// sink, and a run that checks the engine's invariants after every event and that every request ends
// exactly once.
package simtest

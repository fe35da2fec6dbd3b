// Package rng derives every random stream of a run from the run's seed and the name of the component
// that draws it, so that no two (seed, component) pairs share a stream.
package rng

// Package nn implements small fully connected neural networks with backprop, Adam, Polyak averaging, input scaling and versioned JSON serialisation.
package nn

// Package stats summarises replicated measurements by their mean and
// Student-t confidence interval.
package stats

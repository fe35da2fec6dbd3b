// Package calq is a priority queue of small int32 ids keyed by (time, tie), a calendar queue (R. Brown,
// CACM 1988) with a binary heap in front, whose operations cost O(1) amortised on the time
// distributions of a discrete-event simulation.
package calq

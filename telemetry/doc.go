// Package telemetry holds per-node metric time series sampled at a fixed step and answers range
// queries as a Prometheus range-query matrix, the body the dynamic scoring framework's Scoring API reads.
package telemetry

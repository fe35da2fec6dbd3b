// Package metrics turns per-request records into the fulfillment and latency summaries defined in
// docs/metrics.md.
package metrics

// Package sim is the discrete-event engine of airansim: nodes, service instances, requests, processor
// sharing, KV-cache admission, migrations and per-event reallocation, following section II of the HAF paper.
//
// Units: time in seconds, GPU capacity in TFLOP/s and GPU work in TFLOP, CPU capacity in cores and CPU
// work in core-seconds, memory in GB. See docs/model.md for the event semantics and the tie-break rule.
package sim

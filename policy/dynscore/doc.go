// Package dynscore is the dynamic-scoring method (AITRAS, issue 13 item 5): per-cluster scoring agents
// on the run's telemetry feed OCM Placement rounds that choose where AI services run, MIG layouts are
// changed by ordered plans gated on compliance and stability, and a mode switch caps power
// (docs/dynamic-scoring.md).
package dynscore

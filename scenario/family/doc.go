// Package family derives named variants of a scenario (initial placement, capacities, VRAM,
// deadlines, workload mix) as validated deep copies, for scenario-robustness studies.
package family

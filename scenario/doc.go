// Package scenario reads scenario files (topology, initial placement, workload and cost settings) and
// builds the simulator configuration and workload for one run; docs/scenario.md documents the format.
package scenario

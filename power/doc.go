// Package power is the node power model of airansim: idle plus utilisation-proportional GPU and CPU
// power, apportioned to MIG partitions by their compute-slice fraction, and the exact energy of a run
// (docs/power.md).
package power

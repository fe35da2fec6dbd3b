// Package bnb is ORAN-HAutoscaling's Bull-and-Bear load balancer as a sim.Router: sticky flow
// associations placed on the least-loaded replica by probed CPU, latency and in-flight requests
// (Bull), and on the newest replica after a scale-up until it carries the mean load (Bear).
package bnb

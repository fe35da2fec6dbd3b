// Package predict holds ORAN-HAutoscaling's latency predictors for admission: the exact M/M/c
// (Erlang-C) and the paper's waiting-time estimates, and the two-segment piecewise-linear
// inference-time model, fitted by least squares from samples or from profiling runs of the simulator.
package predict

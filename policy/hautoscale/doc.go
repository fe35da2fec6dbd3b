// Package hautoscale is ORAN-HAutoscaling's replica autoscaler (CPU thresholds with an idle hold,
// the combined CPU/latency/inference metric and a PID on the latency error) as pure rules and as a
// sim.Controller that adds and removes replicas of one CPU-bound AI service (the RIC pods) or of every
// AI service, with the optional overload-crash model (CrashModel) and admission by the predictors of
// package predict (Admission).
package hautoscale

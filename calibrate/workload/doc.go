// Package workload runs the calibration workload against an Ollama server: an idle baseline,
// unload/load cycles at several context sizes, and a repeated grid of prompt and output lengths,
// recording Ollama's own timings and the wall clock of every step.
package workload

// Package ollamatest provides an in-process HTTP server speaking the subset of Ollama's REST
// protocol the calibration workload uses, with timings that follow a known linear model, for tests.
package ollamatest

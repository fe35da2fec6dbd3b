// Package optimise is the "optimise(intent)" entry point an LLM agent can call (SoftBank's AITRAS
// exposes its optimisation module as an MCP server, seed 000 §4.1): an intent in, an ordered plan and
// its predicted outcome out, decided by the dynamic-scoring method on a simulated what-if run.
package optimise

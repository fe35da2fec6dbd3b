// Package agent provides the shortlisting agents of HAF's placement layer: an LLM over Ollama, a
// rule-based heuristic, a seeded random agent, and record/replay of decisions.
package agent

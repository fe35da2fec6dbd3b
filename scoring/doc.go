// Package scoring runs dynamic scorers in the manner of the Open Cluster Management dynamic scoring
// framework: per-cluster agents call scorers on local metric windows at a simulated-time interval and
// put clamped scores with a validity into a central store, in process or over the framework's HTTP
// Scoring API (docs/scoring-api.md).
package scoring

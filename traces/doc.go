// Package traces provides workload sources: Azure LLM inference traces, generic request traces,
// synthetic RAN traffic and a statistical model of the Azure traces, scaled to a target load.
//
// # Token traces
//
// A TokenSource yields TokenRows (arrival time in s since the first row, prompt and output
// tokens). AzureSource (azure.go) streams the Azure LLM inference traces, CSV or parquet with the
// columns TIMESTAMP,ContextTokens,GeneratedTokens, in both the 2023 ("2023-11-16
// 18:17:03.9799600") and the 2024 ("2024-05-10 00:00:00.009930+00:00") timestamp formats. A cost
// model turns token rows into sim.Requests.
//
// # Generic request traces
//
// GenericSource (generic*.go) replays any workload, AI and RAN, directly as sim.Requests from a CSV
// or parquet file whose columns are documented in docs/traces.md; a Resolver supplies service and
// cell indices and default costs.
//
// # Models and generators
//
// The other files turn token rows into requests and build workloads: cost*.go (token → work and KV
// cost model and calibration profiles), model*.go and stats*.go (the embedded statistical model of
// the Azure traces and its sampler), ai*.go (AI request streams), ran*.go (synthetic URLLC/eMBB
// traffic), merge*.go (merging sources in arrival order) and load*.go (scaling to a load ρ).
//
// # Parsing
//
// The parse*.go files hold the streamed CSV and parquet table readers both formats are built on.
// Every reader checks each row as it reads it and stops at the first broken rule with a
// *ParseError naming file, line (or parquet row) and column; no row is ever skipped. Sources
// opened by path can Fork, which reopens the file at the same position.
//
// # Data credit
//
// The Azure LLM inference traces are published by Microsoft Azure under CC-BY 4.0
// (github.com/Azure/AzurePublicDataset). Cite: P. Patel, E. Choukse, C. Zhang, A. Shah, Í. Goiri,
// S. Maleki, R. Bianchini, "Splitwise: Efficient generative LLM inference using phase splitting",
// ISCA 2024. The trace files are not part of this module; they are read from a path.
package traces

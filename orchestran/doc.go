// Package orchestran holds the OrchestRAN intelligence-orchestration problem of D'Oro et al. (INFOCOM
// 2022): the O-RAN tree, the ML/AI catalogue, intents, problem (10) with its pruning, and three solvers
// (CBC through an LP file, a brute-force oracle and a greedy baseline); docs/orchestran.md has the model.
package orchestran

// Package haf is HAF's placement layer (paper section III-A/B): candidate migrations, an agent's
// shortlist, critic selection, and the exact-rollout oracle.
package haf

// Package haf is HAF's placement layer (paper section III-A/B): candidate migrations, an agent's
// shortlist, critic selection, and the greedy exact-rollout lookahead.
package haf

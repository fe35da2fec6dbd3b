// Package search computes reference placements by searching over exact simulations: a multi-epoch
// beam search over migration sequences that dominates the greedy one-interval lookahead, and a local
// (or exhaustive) search over static initial placements.
package search

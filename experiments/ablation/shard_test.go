package main

import (
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// TestMergeEqualsOneMachine: 2 shards merged give the outputs of one machine, byte for byte.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "ablation", Run: run,
		Args:    []string{"--agents", "heuristic", "--requests", "300", "--parallel", "1"},
		Outputs: []string{"ablation.csv", "ablation.md"}}, 2)
}

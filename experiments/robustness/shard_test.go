package main

import (
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "robustness", Run: run,
		Args:    []string{"--methods", "haf-static,haf", "--requests", "300", "--variants", "paper,random-placement", "--parallel", "1"},
		Outputs: []string{"summary.csv", "robustness.md", "robustness.png", "robustness.svg"}}, 3)
}

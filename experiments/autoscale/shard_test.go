package main

import (
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "autoscale", Run: run,
		Args:    []string{"--quick", "--parallel", "1"},
		Outputs: []string{"summary.csv", "summary.parquet", "series.csv", "table.md", "replicas.png", "cpu.svg", "admitted.png"}}, 3)
}

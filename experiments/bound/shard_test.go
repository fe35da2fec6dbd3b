package main

import (
	"regexp"
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// wallTimes matches the wall-clock column, last in bound.csv and bound.md.
var wallTimes = regexp.MustCompile(`(?m)[,|] ?[0-9.e+-]+ ?\|?$`)

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte but
// for the wall-clock times.
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "bound", Run: run,
		Args:      []string{"--requests", "300", "--seeds", "2", "--width", "1", "--restarts", "1"},
		Outputs:   []string{"bound.csv", "bound.md"},
		Normalize: func(_ string, b []byte) []byte { return wallTimes.ReplaceAll(b, []byte(" WALL")) }}, 3)
}

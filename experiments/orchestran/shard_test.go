package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/airansim/airansim/internal/sweeptest"
)

// TestMergeEqualsOneMachine: 3 shards merged give the outputs of one machine, byte for byte, once
// the wall-clock solve and build times are blanked (they are measured, not simulated; table.md, whose
// time tables mix them into formatted cells, is left out for that reason).
func TestMergeEqualsOneMachine(t *testing.T) {
	sweeptest.MergeEqualsWhole(t, sweeptest.Case{Name: "orchestran", Run: run,
		Args:      []string{"--quick", "--parallel", "1"},
		Outputs:   []string{"runs.csv", "sizes.csv", "sim.csv", "summary.csv"},
		Normalize: blankWallClock}, 3)
}

// blankWallClock blanks the wall-clock columns of a CSV (names ending in "_s" other than period_s)
// and the values of summary rows whose metric is one.
func blankWallClock(file string, b []byte) []byte {
	lines := strings.Split(string(b), "\n")
	head := strings.Split(lines[0], ",")
	clock := func(name string) bool { return strings.HasSuffix(name, "_s") && name != "period_s" }
	metric := -1
	for i, h := range head {
		if h == "metric" && file == "summary.csv" {
			metric = i
		}
	}
	var out bytes.Buffer
	for k, line := range lines {
		f := strings.Split(line, ",")
		for i := range f {
			switch {
			case k == 0 || i >= len(head):
			case metric >= 0 && metric < len(f) && clock(f[metric]) && i > metric:
				f[i] = ""
			case metric < 0 && clock(head[i]):
				f[i] = ""
			}
		}
		out.WriteString(strings.Join(f, ","))
		out.WriteByte('\n')
	}
	return out.Bytes()
}

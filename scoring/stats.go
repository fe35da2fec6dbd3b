package scoring

import (
	"bufio"
	"io"
	"strconv"
	"strings"
)

// StatsHeader returns the header of WriteStats's CSV: cluster, scorer, score_name, calls, failed,
// stored, one errors_<kind> column per ErrorKind, latency_s and max_latency_s.
func StatsHeader() string {
	cols := []string{"cluster", "scorer", "score_name", "calls", "failed", "stored"}
	for _, k := range Kinds() {
		cols = append(cols, "errors_"+k.String())
	}
	return strings.Join(append(cols, "latency_s", "max_latency_s"), ",")
}

// WriteStats writes the counters as CSV, one row per cluster and scorer in the given order. Every
// column but the two wall-clock latencies depends on simulated time only; drop those two to compare runs.
func WriteStats(w io.Writer, stats []Stats) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(StatsHeader() + "\n")
	for _, s := range stats {
		row := []string{csvField(s.Cluster), csvField(s.Scorer), csvField(s.ScoreName), strconv.Itoa(s.Calls), strconv.Itoa(s.Failed), strconv.Itoa(s.Stored)}
		for _, n := range s.Errors {
			row = append(row, strconv.Itoa(n))
		}
		row = append(row, num(s.Latency.Seconds()), num(s.MaxLatency.Seconds()))
		bw.WriteString(strings.Join(row, ",") + "\n")
	}
	return bw.Flush()
}

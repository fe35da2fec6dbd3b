package telemetry

import (
	"io"

	"github.com/airansim/airansim/internal/output"
)

// WriteCSV writes every stored sample as CSV (docs/telemetry.md, "telemetry.csv"): a header t_s, node,
// cluster and one column per metric in the order of Metrics, then one row per sample time and node,
// in time then node order; floats in shortest round-trip form.
func (r *Recorder) WriteCSV(w io.Writer) error {
	cw := output.NewCSVWriter(w, append([]string{"t_s", LabelNode, LabelCluster}, metricNames[:]...)...)
	for i := range r.rows {
		for n := range r.nodes {
			cw.Float(r.times[r.row(i)]).Str(r.nodes[n]).Str(r.cluster[n])
			for m := range numMetrics {
				cw.Float(r.value(i, n, m))
			}
			if err := cw.EndRow(); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}

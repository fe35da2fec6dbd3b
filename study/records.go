package study

import (
	"math"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// recordWriter writes each record as a row of requests.csv and requests.parquet.
type recordWriter struct {
	w   *output.RequestWriter
	b   *scenario.Built
	err error
}

func (r *recordWriter) Record(rec sim.Record) {
	if r.err != nil {
		return
	}
	row := output.RequestRow{ID: rec.ID, Class: rec.Class.String(), Category: "", Service: "",
		Cell: r.b.Cells[rec.Cell], ArrivalS: rec.Arrival, FinishS: rec.Finish, LatencyS: rec.Latency(),
		DeadlineS: rec.Deadline, Met: rec.Met(), Finished: rec.Finished, Dropped: rec.Dropped}
	if rec.Class == sim.AI {
		row.Category, row.Service = rec.Category.String(), r.b.Services[rec.Service]
	}
	if rec.Node >= 0 {
		row.Node = r.b.Nodes[rec.Node]
	}
	if !rec.Finished {
		row.FinishS, row.LatencyS = math.NaN(), math.NaN()
	}
	r.err = r.w.Write(row)
}

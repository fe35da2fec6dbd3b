package study

import (
	"math"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/scenario"
	"github.com/airansim/airansim/sim"
)

// recordWriter writes each record as a row of requests.csv and requests.parquet (w), and of the
// run's file in a dataset's requests table (ds); either may be nil.
type recordWriter struct {
	w          *output.RequestWriter
	ds         *output.ParquetFile[datasetRequest]
	run, agent string // the dataset's run and agent columns
	b          *scenario.Built
	err        error
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
	if r.w != nil {
		r.err = r.w.Write(row)
	}
	if r.ds != nil && r.err == nil {
		r.err = r.ds.Write(toDatasetRequest(r.run, r.agent, row))
	}
}

// close commits the files.
func (r *recordWriter) close() error {
	if r.err != nil {
		return r.err
	}
	if r.w != nil {
		if err := r.w.Close(); err != nil {
			return err
		}
	}
	if r.ds != nil {
		return r.ds.Close()
	}
	return nil
}

// abort discards the files not committed.
func (r *recordWriter) abort() {
	if r.w != nil {
		r.w.Abort()
	}
	if r.ds != nil {
		r.ds.Abort()
	}
}

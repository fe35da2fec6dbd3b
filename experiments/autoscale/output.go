package main

import (
	"bytes"
	"path/filepath"

	"github.com/parquet-go/parquet-go"

	"github.com/airansim/airansim/internal/output"
)

// row is one line of summary.csv and summary.parquet: one run.
type row struct {
	Method         string  `parquet:"method"`
	Servers        int64   `parquet:"servers"`
	UpCPU          float64 `parquet:"up_cpu"`
	DownHold       float64 `parquet:"down_hold_s"`
	MaxReplicas    int64   `parquet:"max_replicas"`
	Seed           int64   `parquet:"seed"`
	Deployed       int64   `parquet:"deployed"`
	Admitted       int64   `parquet:"admitted"`
	FirstViolation float64 `parquet:"first_violation_s"`
	SLAR1          float64 `parquet:"sla_r1"`
	SLAR2          float64 `parquet:"sla_r2"`
	SLAR3          float64 `parquet:"sla_r3"`
	Requests       int64   `parquet:"requests"`
	LatMean        float64 `parquet:"latency_mean_ms"`
	LatP95         float64 `parquet:"latency_p95_ms"`
	LatP99         float64 `parquet:"latency_p99_ms"`
	CPUUtil        float64 `parquet:"cpu_util"`
	ReplicaSeconds float64 `parquet:"replica_s"`
	PeakReplicas   int64   `parquet:"peak_replicas"`
	ScaleUps       int64   `parquet:"scale_ups"`
	ScaleDowns     int64   `parquet:"scale_downs"`
	Flaps          int64   `parquet:"flaps"`
	Refused        int64   `parquet:"refused"`
	Crashes        int64   `parquet:"crashes"`
	Crashed        int64   `parquet:"crashed_requests"`
}

var summaryColumns = []string{"method", "servers", "up_cpu", "down_hold_s", "max_replicas", "seed", "deployed", "admitted",
	"first_violation_s", "sla_r1", "sla_r2", "sla_r3", "requests", "latency_mean_ms", "latency_p95_ms", "latency_p99_ms",
	"cpu_util", "replica_s", "peak_replicas", "scale_ups", "scale_downs", "flaps", "refused", "crashes", "crashed_requests"}

func toRow(r result) row {
	s := r.Spec
	return row{s.Method, int64(s.Servers), s.UpCPU, s.DownHold, int64(s.MaxReplicas), int64(s.Seed), int64(r.Deployed),
		int64(r.Admitted), r.FirstViolation, r.SLA[0], r.SLA[1], r.SLA[2], int64(r.Requests), r.LatMean, r.LatP95, r.LatP99,
		r.CPUUtil, r.ReplicaSeconds, int64(r.PeakReplicas), int64(r.ScaleUps), int64(r.ScaleDowns), int64(r.Flaps),
		int64(r.Refused), int64(r.Crashes), r.Crashed}
}

// write writes summary.csv, summary.parquet, series.csv and the figures.
func write(f *config, rs []result) error {
	var buf bytes.Buffer
	w := output.NewCSVWriter(&buf, summaryColumns...)
	rows := make([]row, len(rs))
	for i, r := range rs {
		x := toRow(r)
		rows[i] = x
		w.Str(x.Method).Int(x.Servers).Float(x.UpCPU).Float(x.DownHold).Int(x.MaxReplicas).Int(x.Seed).Int(x.Deployed).
			Int(x.Admitted).Float(x.FirstViolation).Float(x.SLAR1).Float(x.SLAR2).Float(x.SLAR3).Int(x.Requests).
			Float(x.LatMean).Float(x.LatP95).Float(x.LatP99).Float(x.CPUUtil).Float(x.ReplicaSeconds).Int(x.PeakReplicas).
			Int(x.ScaleUps).Int(x.ScaleDowns).Int(x.Flaps).Int(x.Refused).Int(x.Crashes).Int(x.Crashed)
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "summary.csv"), buf.Bytes()); err != nil {
		return err
	}
	var pq bytes.Buffer
	if err := parquet.Write(&pq, rows, parquet.CreatedBy("airansim", "", ""), parquet.Compression(&parquet.Snappy)); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "summary.parquet"), pq.Bytes()); err != nil {
		return err
	}
	buf.Reset()
	w = output.NewCSVWriter(&buf, "method", "servers", "up_cpu", "down_hold_s", "seed", "t_s", "replicas", "cpu")
	for _, r := range rs {
		s := r.Spec
		for _, p := range r.Series {
			w.Str(s.Method).Int(int64(s.Servers)).Float(s.UpCPU).Float(s.DownHold).Int(int64(s.Seed)).Float(p.T).Float(p.Replicas).Float(p.CPU)
			if err := w.EndRow(); err != nil {
				return err
			}
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(f.Out, "series.csv"), buf.Bytes()); err != nil {
		return err
	}
	return figures(f, rs)
}

package main

import (
	"github.com/parquet-go/parquet-go"

	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/sim"
)

// row is one sample of dataset.parquet: state-action features, the exact outcome and the split.
type row struct {
	Run       string    `parquet:"run"`
	Split     string    `parquet:"split"` // "train" or "validation"
	Epoch     int64     `parquet:"epoch"`
	TimeS     float64   `parquet:"time_s"`
	Candidate string    `parquet:"candidate"`
	Chosen    bool      `parquet:"chosen"`
	NLarge    int64     `parquet:"n_large"`
	NSmall    int64     `parquet:"n_small"`
	NRAN      int64     `parquet:"n_ran"`
	MetLarge  int64     `parquet:"met_large"`
	MetSmall  int64     `parquet:"met_small"`
	MetRAN    int64     `parquet:"met_ran"`
	Realised  float64   `parquet:"realised"` // r̄ realised, equal weights over groups with requests
	Features  []float64 `parquet:"features,list"`
}

func toRow(s critic.Sample, split string) row {
	return row{Run: s.Run, Split: split, Epoch: int64(s.Epoch), TimeS: s.TimeS, Candidate: s.Candidate,
		Chosen: s.Chosen, NLarge: int64(s.N[sim.GroupLarge]), NSmall: int64(s.N[sim.GroupSmall]),
		NRAN: int64(s.N[sim.GroupRAN]), MetLarge: int64(s.Met[sim.GroupLarge]), MetSmall: int64(s.Met[sim.GroupSmall]),
		MetRAN: int64(s.Met[sim.GroupRAN]), Realised: s.Realised, Features: s.Features}
}

// writeDataset writes dataset.parquet atomically.
func writeDataset(path string, train, val []critic.Sample) error {
	f, err := output.CreateAtomic(path)
	if err != nil {
		return err
	}
	defer f.Abort()
	w := parquet.NewGenericWriter[row](f, parquet.CreatedBy("airansim", "", ""), parquet.Compression(&parquet.Snappy))
	rows := make([]row, 0, len(train)+len(val))
	for _, s := range train {
		rows = append(rows, toRow(s, "train"))
	}
	for _, s := range val {
		rows = append(rows, toRow(s, "validation"))
	}
	if _, err := w.Write(rows); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return f.Commit()
}

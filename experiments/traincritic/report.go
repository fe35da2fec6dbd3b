package main

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"strings"

	"github.com/airansim/airansim/critic"
	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/study"
)

// report is report.json: the critic's quality on both splits and the time spent.
type report struct {
	TrainSamples      int         `json:"train_samples"`
	ValidationSamples int         `json:"validation_samples"`
	Train             critic.Eval `json:"train"`
	Validation        critic.Eval `json:"validation"`
	CollectS          float64     `json:"collect_s"`
	TrainS            float64     `json:"train_s"`
}

func (r report) markdown() string {
	var b strings.Builder
	b.WriteString("| split | samples | MSE | MSE large | MSE small | MSE RAN | epochs ranked | ranking accuracy | mean regret |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|\n")
	for _, s := range []struct {
		name string
		e    critic.Eval
	}{{"train", r.Train}, {"validation", r.Validation}} {
		fmt.Fprintf(&b, "| %s | %d | %.4f | %s | %s | %s | %d | %.1f %% | %.4f |\n", s.name, s.e.Samples, s.e.MSE,
			num(s.e.MSEByGroup[0]), num(s.e.MSEByGroup[1]), num(s.e.MSEByGroup[2]), s.e.Decisions, 100*s.e.RankAccuracy, s.e.MeanRegret)
	}
	fmt.Fprintf(&b, "\nCollection %.1f s, training %.1f s.\n", r.CollectS, r.TrainS)
	return b.String()
}

func num(x float64) string {
	if math.IsNaN(x) {
		return "–"
	}
	return fmt.Sprintf("%.4f", x)
}

// writeOutputs writes weights.json, report.json, report.md and loss.csv.
func writeOutputs(dir string, weights []byte, rep report, loss []float64) error {
	if err := output.WriteFileAtomic(filepath.Join(dir, "weights.json"), weights); err != nil {
		return err
	}
	type evalJSON struct {
		critic.Eval
		MSEByGroup [3]study.Frac `json:"MSEByGroup"`
	}
	conv := func(e critic.Eval) evalJSON {
		return evalJSON{e, [3]study.Frac{study.Frac(e.MSEByGroup[0]), study.Frac(e.MSEByGroup[1]), study.Frac(e.MSEByGroup[2])}}
	}
	if err := output.WriteJSON(filepath.Join(dir, "report.json"), struct {
		report
		Train      evalJSON `json:"train"`
		Validation evalJSON `json:"validation"`
	}{rep, conv(rep.Train), conv(rep.Validation)}); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(dir, "report.md"), []byte(rep.markdown())); err != nil {
		return err
	}
	var b bytes.Buffer
	w := output.NewCSVWriter(&b, "epoch", "train_mse")
	for i, l := range loss {
		w.Int(int64(i + 1)).Float(l).EndRow()
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return output.WriteFileAtomic(filepath.Join(dir, "loss.csv"), b.Bytes())
}

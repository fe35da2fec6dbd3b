package main

import (
	"bytes"
	"math"
	"path/filepath"

	"github.com/airansim/airansim/internal/output"
	"github.com/airansim/airansim/study"
)

// writeOutputs writes actor.json, learning_curve.csv, the figures, report.md and report.json.
func writeOutputs(dir string, actor []byte, rep report) error {
	if err := output.WriteFileAtomic(filepath.Join(dir, "actor.json"), actor); err != nil {
		return err
	}
	if err := writeCurve(filepath.Join(dir, "learning_curve.csv"), rep.Rows); err != nil {
		return err
	}
	if err := writeFigures(dir, rep.Rows, rep.Config.Loads); err != nil {
		return err
	}
	if err := output.WriteFileAtomic(filepath.Join(dir, "report.md"), []byte(rep.markdown())); err != nil {
		return err
	}
	return output.WriteJSON(filepath.Join(dir, "report.json"), toJSON(rep))
}

// frac is fulfil with NaN written as null.
type frac struct {
	Overall   study.Frac `json:"overall"`
	RAN       study.Frac `json:"ran"`
	AI        study.Frac `json:"ai"`
	Large     study.Frac `json:"large_ai"`
	Small     study.Frac `json:"small_ai"`
	MeanShare study.Frac `json:"mean_alpha"`
	LargeDone int64      `json:"large_ai_completed"`
}

func toFrac(v fulfil) frac {
	return frac{study.Frac(v.Overall), study.Frac(v.RAN), study.Frac(v.AI), study.Frac(v.Large), study.Frac(v.Small), study.Frac(v.MeanShare), v.LargeDone}
}

// jsonReport is report.json.
type jsonReport struct {
	Config     *config     `json:"config"`
	CurveStart []jsonPoint `json:"curve_start"` // first evaluated episode per load
	CurveEnd   []jsonPoint `json:"curve_end"`   // last evaluated episode per load
	Final      []jsonFinal `json:"final"`
	FixedAlpha []jsonScan  `json:"fixed_alpha"`
	TrainS     float64     `json:"train_s"`
	TotalS     float64     `json:"total_s"`
}

type jsonPoint struct {
	Load       float64    `json:"load"`
	Episode    int        `json:"episode"`
	MeanReward study.Frac `json:"mean_reward"`
	MeanShare  study.Frac `json:"mean_alpha"`
	Eval       frac       `json:"eval"`
}

type jsonFinal struct {
	Load      float64 `json:"load"`
	CAORA     frac    `json:"caora"`
	HAFStatic frac    `json:"haf_static"`
}

type jsonScan struct {
	Load  float64 `json:"load"`
	Alpha float64 `json:"alpha"`
	Eval  frac    `json:"eval"`
}

// toJSON converts the report for report.json.
func toJSON(rep report) jsonReport {
	j := jsonReport{Config: rep.Config, TrainS: rep.TrainS, TotalS: rep.TotalS}
	pts := func(ps []curvePoint) []jsonPoint {
		var out []jsonPoint
		for _, p := range ps {
			out = append(out, jsonPoint{p.Load, p.Episode, study.Frac(p.MeanReward), study.Frac(p.MeanShare), toFrac(p.Eval)})
		}
		return out
	}
	j.CurveStart, j.CurveEnd = pts(rep.Start), pts(rep.End)
	for _, f := range rep.Final {
		j.Final = append(j.Final, jsonFinal{f.Load, toFrac(f.CAORA), toFrac(f.HAFStatic)})
	}
	for _, s := range rep.Scan {
		j.FixedAlpha = append(j.FixedAlpha, jsonScan{s.Load, s.Alpha, toFrac(s.Eval)})
	}
	return j
}

// writeCurve writes learning_curve.csv; evaluation columns are NaN for episodes not evaluated.
func writeCurve(path string, rows []row) error {
	var b bytes.Buffer
	w := output.NewCSVWriter(&b, "episode", "load", "seed", "transitions", "return", "mean_reward", "mean_alpha", "temperature",
		"eval_overall", "eval_ran", "eval_ai", "eval_large_ai", "eval_small_ai", "eval_mean_alpha")
	for _, r := range rows {
		w.Int(int64(r.Episode)).Float(r.Load).Int(int64(r.Seed)).Int(int64(r.Transitions)).Float(r.Return).
			Float(r.MeanReward).Float(r.MeanShare).Float(r.Temperature)
		nan := math.NaN()
		e := fulfil{Overall: nan, RAN: nan, AI: nan, Large: nan, Small: nan, MeanShare: nan}
		if r.Eval != nil {
			e = *r.Eval
		}
		w.Float(e.Overall).Float(e.RAN).Float(e.AI).Float(e.Large).Float(e.Small).Float(e.MeanShare)
		if err := w.EndRow(); err != nil {
			return err
		}
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return output.WriteFileAtomic(path, b.Bytes())
}

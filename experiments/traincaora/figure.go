package main

import (
	"fmt"
	"math"
	"path/filepath"

	"gonum.org/v1/plot"

	"github.com/airansim/airansim/internal/plotutil"
)

// writeFigures draws learning_curve.png and .svg: per load, the training episodes' mean reward, the
// evaluated AI fulfilment and the mean α of the evaluation runs, against the episode.
func writeFigures(dir string, rows []row, loads []float64) error {
	var reward, ai, alpha []plotutil.Series
	for _, load := range loads {
		name := fmt.Sprintf("ρ = %g", load)
		var x, yr, ya, ys []float64
		for _, r := range rows {
			if r.Load != load {
				continue
			}
			x, yr = append(x, float64(r.Episode)), append(yr, r.MeanReward)
			a, s := math.NaN(), math.NaN()
			if r.Eval != nil {
				a, s = 100*r.Eval.AI, r.Eval.MeanShare
			}
			ya, ys = append(ya, a), append(ys, s)
		}
		reward = append(reward, plotutil.Series{Name: name, X: x, Y: yr})
		ai = append(ai, plotutil.Series{Name: name, X: x, Y: ya})
		alpha = append(alpha, plotutil.Series{Name: name, X: x, Y: ys})
	}
	panels := make([]*plot.Plot, 3)
	var err error
	if panels[0], err = plotutil.LinePanel("Training reward", "episode", "mean reward per transition", reward, 0, 1); err != nil {
		return err
	}
	if panels[1], err = plotutil.LinePanel("Evaluation: AI requests", "episode", "AI fulfillment (%)", ai, 0, 100); err != nil {
		return err
	}
	if panels[2], err = plotutil.LinePanel("Evaluation: RAN share", "episode", "mean α", alpha, 0, 1); err != nil {
		return err
	}
	for _, name := range []string{"learning_curve.png", "learning_curve.svg"} {
		if err := plotutil.SaveRow(filepath.Join(dir, name), 24, 7, panels...); err != nil {
			return err
		}
	}
	return nil
}

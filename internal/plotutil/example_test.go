package plotutil_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/airansim/airansim/internal/plotutil"
	"github.com/airansim/airansim/internal/stats"
)

func ExampleSaveRow() {
	dir, _ := os.MkdirTemp("", "fig")
	defer os.RemoveAll(dir)

	load := []float64{0.75, 1, 1.25}
	var mean, hw []float64
	for _, reps := range [][]float64{{89, 90, 88}, {85, 86, 84}, {52, 53, 51}} {
		m, h := stats.CI95(reps)
		mean, hw = append(mean, m), append(hw, h)
	}
	ai, err := plotutil.LinePanel("AI requests", "load ρ", "fulfillment (%)",
		[]plotutil.Series{{Name: "HAF", X: load, Y: mean, YErr: hw}}, 0, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	ran, err := plotutil.LinePanel("RAN-only requests", "load ρ", "fulfillment (%)",
		[]plotutil.Series{{Name: "HAF", X: load, Y: []float64{96, 95, 94}}}, 0, 100)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"loadsweep.png", "loadsweep.svg"} {
		if err := plotutil.SaveRow(filepath.Join(dir, name), 16, 6, ai, ran); err != nil {
			fmt.Println(err)
		}
	}
	fmt.Println("saved")
	// Output: saved
}

package predict_test

import (
	"fmt"

	"github.com/airansim/airansim/policy/hautoscale/predict"
)

// The exact M/M/c wait next to the paper's estimate, and an elbow fitted from samples: the largest
// xApp count whose predicted inference time meets a 0.4 s deadline.
func Example() {
	pw, wq, _ := predict.ErlangC(2, 1.5, 1)
	paper, _ := predict.PaperWait(2, 1.5, 1)
	fmt.Printf("c=2 λ=1.5 μ=1: P_W %.4f, W_q %.4f s, paper %.4f s\n", pw, wq, paper)

	var s []predict.Sample
	for y := 5.0; y <= 60; y += 5 {
		t := 0.01*y + 0.1
		if y > 30 {
			t = 0.05*y - 1.1
		}
		s = append(s, predict.Sample{Load: y, Time: t})
	}
	m, _ := predict.Fit(s, predict.Options{})
	fmt.Printf("ỹ %.0f, slopes %.2f %.2f s/xApp; t(45) %.2f s; max xApps for 0.4 s: %d\n",
		m.Breakpoint, m.Slope[0], m.Slope[1], m.Predict(45), m.MaxLoad(0.4, 100))
	// Output:
	// c=2 λ=1.5 μ=1: P_W 0.6429, W_q 1.2857 s, paper 3.0000 s
	// ỹ 30, slopes 0.01 0.05 s/xApp; t(45) 1.15 s; max xApps for 0.4 s: 30
}

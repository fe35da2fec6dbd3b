package fit_test

import (
	"fmt"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/fit"
)

// ExampleFit fits noise-free synthetic samples, whose costs are the default cost model's large-AI
// GPU work on an H100, and turns them into a profile.
func ExampleFit() {
	s := calibrate.Synthetic(calibrate.SyntheticOptions{Noise: -1})
	r, err := fit.Fit(s, fit.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("prefill %.4f TFLOP/token, decode %.4f TFLOP/token (R² %.3f)\n", r.PrefillTFLOPPerToken, r.DecodeTFLOPPerToken, r.Decode.R2)
	fmt.Printf("KV %.3g GB/token, R_s %.1f s, idle %.0f W, busy %.0f W\n", float64(r.KVGBPerToken), float64(r.Reload.Mean),
		float64(r.IdlePowerW), float64(r.BusyPowerW))
	p, _ := r.Profile(s.Meta, fit.ProfileOptions{})
	fmt.Println(p.Name, *p.LargeAI.ReloadS)
	// Output:
	// prefill 0.0280 TFLOP/token, decode 0.0420 TFLOP/token (R² 1.000)
	// KV 0.000366 GB/token, R_s 8.0 s, idle 60 W, busy 350 W
	// nvidia-h100-80gb-hbm3-synthetic-14b 8
}

// ExampleLinear fits a line and reads its diagnostics.
func ExampleLinear() {
	l, err := fit.Linear([]float64{100, 200, 300, 400}, []float64{0.03, 0.05, 0.07, 0.09})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%.4f s + %.5f s/token, R² %.3f\n", l.Intercept, l.Slope, l.R2)
	// Output: 0.0100 s + 0.00020 s/token, R² 1.000
}

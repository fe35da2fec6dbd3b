package traces_test

import (
	"fmt"
	"log"

	"github.com/airansim/airansim/traces"
)

// ExampleLoad_Factor finds the rate factor that puts a cluster at ρ = 0.75, 1 and 1.25 when the
// conversation trace feeds large-AI services and the code trace feeds small-AI services.
func ExampleLoad_Factor() {
	m := traces.DefaultAzureModel()
	cost := traces.DefaultCostModel()
	conv, _ := m.Trace("conv")
	code, _ := m.Trace("code")
	rate, work := traces.CombineStreams(
		traces.ModelStreamLoad(&conv, cost.Large),
		traces.ModelStreamLoad(&code, cost.Small),
	)
	ran, err := traces.NewRANSource(traces.RANOptions{Cells: 6, RatePerCell: 1})
	if err != nil {
		log.Fatal(err)
	}
	l := traces.Load{AIRate: rate, AIWork: work, RANRate: ran.TotalRate(), RANWork: ran.MeanDUGPUWork(), GPUCapacity: 200}
	fmt.Printf("base: λ=%.2f req/s, W̄=%.2f TFLOP\n", rate, work)
	for _, rho := range []float64{0.75, 1, 1.25} {
		f, err := l.Factor(rho)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("ρ=%.2f: factor %.3f\n", rho, f)
	}
	// Output:
	// base: λ=8.08 req/s, W̄=28.86 TFLOP
	// ρ=0.75: factor 0.643
	// ρ=1.00: factor 0.857
	// ρ=1.25: factor 1.071
}

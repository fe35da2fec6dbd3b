package traces_test

import (
	"fmt"
	"log"

	"github.com/airansim/airansim/traces"
)

// ExampleRANSource draws RAN-only requests for 6 cells at 2 requests/s each, half URLLC (1 ms)
// and half eMBB (4 ms), with ±10 % work jitter.
func ExampleRANSource() {
	src, err := traces.NewRANSource(traces.RANOptions{Cells: 6, RatePerCell: 2, Jitter: 0.1, Seed: 1, Limit: 3})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("rate=%.0f/s mean DU work=%.3f TFLOP\n", src.TotalRate(), src.MeanDUGPUWork())
	for {
		r, ok, _ := src.Next()
		if !ok {
			break
		}
		fmt.Printf("id=%d t=%.4fs cell=%d %s deadline=%gs du=%.4fTFLOP cu=%.1fµs\n",
			r.ID, r.Arrival, r.Cell, r.Class, r.Deadline, r.DU.GPU, r.CU.CPU*1e6)
	}
	// Output:
	// rate=12/s mean DU work=0.025 TFLOP
	// id=0 t=0.0491s cell=3 embb deadline=0.004s du=0.0426TFLOP cu=206.8µs
	// id=1 t=0.0761s cell=5 urllc deadline=0.001s du=0.0099TFLOP cu=48.2µs
	// id=2 t=0.1796s cell=2 urllc deadline=0.001s du=0.0098TFLOP cu=48.9µs
}

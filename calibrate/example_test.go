package calibrate_test

import (
	"bytes"
	"fmt"

	"github.com/airansim/airansim/calibrate"
)

// ExampleSamples_WriteParquet writes synthetic samples and reads them back.
func ExampleSamples_WriteParquet() {
	s := calibrate.Synthetic(calibrate.SyntheticOptions{Reps: 1, Reloads: 1})
	var buf bytes.Buffer
	if err := s.WriteParquet(&buf); err != nil {
		fmt.Println(err)
		return
	}
	back, err := calibrate.ReadParquet(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(back.Meta.Inventory.GPUNames(), len(back.Requests), "requests,", len(back.Loads), "loads")
	// Output: [NVIDIA H100 80GB HBM3] 17 requests, 3 loads
}

package gpu_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/airansim/airansim/calibrate"
	"github.com/airansim/airansim/calibrate/gpu"
)

// constant is a Reader with one idle GPU.
type constant struct{}

func (constant) Inventory() (calibrate.Inventory, error) { return calibrate.Inventory{}, nil }

func (constant) Read(dst []calibrate.GPUSample, t float64) ([]calibrate.GPUSample, error) {
	return append(dst, calibrate.GPUSample{TimeS: t, PowerW: 60, MemUsedGB: 0.5}), nil
}

// ExampleStart samples a Reader every 5 ms for a while; with NVML, pass the *gpu.NVML of gpu.Open.
func ExampleStart() {
	s := gpu.Start(context.Background(), constant{}, gpu.SamplerOptions{Period: 5 * time.Millisecond})
	time.Sleep(50 * time.Millisecond)
	samples, err := s.Stop() // returns once the sampling goroutine has exited
	fmt.Println(len(samples) > 3, samples[0].PowerW, err)
	// Output: true 60 <nil>
}

// ExampleOpen shows the error a machine without a GPU gets: it Is gpu.ErrUnavailable.
func ExampleOpen() {
	n, err := gpu.Open(gpu.Options{Library: "/nonexistent/libnvidia-ml.so.1"})
	if err != nil {
		fmt.Println(errors.Is(err, gpu.ErrUnavailable))
		return
	}
	defer n.Close()
	// Output: true
}

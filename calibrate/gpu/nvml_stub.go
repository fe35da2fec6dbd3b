//go:build !cgo

package gpu

import "github.com/airansim/airansim/calibrate"

// NVML is an open NVML library. Without cgo it cannot be opened: Open always fails.
type NVML struct{}

// Open reports ErrUnavailable: a binary built without cgo cannot load NVML.
func Open(Options) (*NVML, error) { return nil, &unavailable{msgNoCgo} }

// Inventory returns an error: without cgo there is no NVML.
func (*NVML) Inventory() (calibrate.Inventory, error) { return calibrate.Inventory{}, errClosed }

// Read returns an error: without cgo there is no NVML.
func (*NVML) Read(dst []calibrate.GPUSample, _ float64) ([]calibrate.GPUSample, error) {
	return dst, errClosed
}

// Close does nothing.
func (*NVML) Close() error { return nil }

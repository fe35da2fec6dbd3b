//go:build cgo

package gpu

import (
	"fmt"
	"math"
	"sync"

	"github.com/NVIDIA/go-nvml/pkg/nvml"

	"github.com/airansim/airansim/calibrate"
)

// NVML is an open NVML library with the handles of every GPU. It implements Reader and is safe for
// concurrent use; after Close its methods return an error and never call into NVML.
type NVML struct {
	mu     sync.Mutex
	lib    nvml.Interface
	devs   []nvml.Device
	mig    bool // the MIG entry points exist in the loaded library
	closed bool
}

// Open loads and initialises NVML and takes a handle on every GPU. Without a driver, NVML library
// or device it returns an error that Is ErrUnavailable and whose message says what to install.
func Open(o Options) (*NVML, error) {
	var opts []nvml.LibraryOption
	if o.Library != "" {
		opts = append(opts, nvml.WithLibraryPath(o.Library))
	}
	return OpenInterface(nvml.New(opts...))
}

// OpenInterface is Open on a given NVML implementation, e.g. a mock of go-nvml's pkg/nvml/mock.
//
// When lib.Init fails it returns at once and calls nothing else on lib: with go-nvml, any call after
// the library failed to load ends the process with a symbol lookup error that recover cannot catch.
func OpenInterface(lib nvml.Interface) (*NVML, error) {
	switch ret := lib.Init(); ret {
	case nvml.SUCCESS:
	case nvml.ERROR_LIBRARY_NOT_FOUND:
		return nil, &unavailable{msgNoLibrary}
	case nvml.ERROR_DRIVER_NOT_LOADED:
		return nil, &unavailable{msgNoDriver}
	default:
		return nil, &unavailable{fmt.Sprintf("gpu: NVML failed to initialise (%s): check the driver with `nvidia-smi`, or refit saved samples with --from-samples FILE", ret)}
	}
	n := &NVML{lib: lib}
	if err := n.handles(); err != nil {
		lib.Shutdown()
		return nil, err
	}
	ext := lib.Extensions()
	n.mig = ext.LookupSymbol("nvmlDeviceGetMaxMigDeviceCount") == nil &&
		ext.LookupSymbol("nvmlDeviceGetMigDeviceHandleByIndex") == nil && ext.LookupSymbol("nvmlDeviceGetMigMode") == nil
	return n, nil
}

func (n *NVML) handles() error {
	count, ret := n.lib.DeviceGetCount()
	if ret != nvml.SUCCESS {
		return fmt.Errorf("gpu: counting GPUs: %s", ret)
	}
	if count == 0 {
		return &unavailable{msgNoDevice}
	}
	for i := range count {
		d, ret := n.lib.DeviceGetHandleByIndex(i)
		if ret != nvml.SUCCESS {
			return fmt.Errorf("gpu: handle of GPU %d: %s", i, ret)
		}
		n.devs = append(n.devs, d)
	}
	return nil
}

// Close shuts NVML down. Calling it again is a no-op.
func (n *NVML) Close() error {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return nil
	}
	n.closed = true
	if ret := n.lib.Shutdown(); ret != nvml.SUCCESS {
		return fmt.Errorf("gpu: NVML shutdown: %s", ret)
	}
	return nil
}

// Read appends one sample per GPU at time t: utilisation (%), memory used (GB), power (W) and SM
// clock (MHz); a value the device does not report is NaN.
func (n *NVML) Read(dst []calibrate.GPUSample, t float64) ([]calibrate.GPUSample, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return dst, errClosed
	}
	for i, d := range n.devs {
		s := calibrate.GPUSample{TimeS: t, GPU: i, UtilPct: math.NaN(), MemUsedGB: math.NaN(), PowerW: math.NaN(), SMClockMHz: math.NaN()}
		if u, ret := d.GetUtilizationRates(); ret == nvml.SUCCESS {
			s.UtilPct = float64(u.Gpu)
		}
		if m, ret := d.GetMemoryInfo(); ret == nvml.SUCCESS {
			s.MemUsedGB = gb(m.Used)
		}
		if p, ret := d.GetPowerUsage(); ret == nvml.SUCCESS {
			s.PowerW = float64(p) / 1000
		}
		s.SMClockMHz = clock(d.GetClockInfo(nvml.CLOCK_SM))
		dst = append(dst, s)
	}
	return dst, nil
}

// gb converts bytes to GB (10⁹ bytes).
func gb(b uint64) float64 { return float64(b) / 1e9 }

// clock returns a clock reading in MHz, NaN when not reported.
func clock(v uint32, ret nvml.Return) float64 {
	if ret != nvml.SUCCESS {
		return math.NaN()
	}
	return float64(v)
}

package gpu

import (
	"errors"

	"github.com/airansim/airansim/calibrate"
)

// ErrUnavailable is wrapped (errors.Is) by every error that means "no GPU can be measured here":
// no NVIDIA driver or NVML library, a driver that is not loaded, no device, or a binary built
// without cgo. The error's message is one sentence saying what to install or do.
var ErrUnavailable = errors.New("gpu: no NVIDIA GPU available")

// errClosed is returned by the methods of a closed NVML.
var errClosed = errors.New("gpu: NVML is closed")

// Reader is what the sampler and the calibration command need from NVML. *NVML implements it;
// tests plug in fakes.
type Reader interface {
	// Inventory describes every GPU.
	Inventory() (calibrate.Inventory, error)
	// Read appends to dst one sample per GPU, stamped with time t (s), and returns the extended
	// slice. A value the device does not report is NaN; an error means no further reads will work.
	Read(dst []calibrate.GPUSample, t float64) ([]calibrate.GPUSample, error)
}

// Options configures Open. The zero value loads the NVML library the driver installs.
type Options struct {
	// Library is the path or name of the NVML shared library; default "libnvidia-ml.so.1".
	Library string
}

// unavailable is an error that Is ErrUnavailable with its own message.
type unavailable struct{ msg string }

func (e *unavailable) Error() string        { return e.msg }
func (e *unavailable) Is(target error) bool { return target == ErrUnavailable }

// Messages of the ErrUnavailable errors, one sentence each.
const (
	msgNoLibrary = "gpu: no NVIDIA driver or NVML library found (libnvidia-ml.so.1 could not be loaded): " +
		"install the NVIDIA driver (e.g. `sudo apt-get install nvidia-driver-550`, or your distribution's package; " +
		"`nvidia-smi` must work), or refit saved samples with --from-samples FILE"
	msgNoDriver = "gpu: the NVIDIA kernel driver is not loaded (NVML found the library but not the driver): " +
		"install or load it (`sudo modprobe nvidia`, check with `nvidia-smi`), or refit saved samples with --from-samples FILE"
	msgNoDevice = "gpu: NVML found no GPU (check CUDA_VISIBLE_DEVICES, the container's GPU access, and `nvidia-smi`), " +
		"or refit saved samples with --from-samples FILE"
	msgNoCgo = "gpu: this binary was built without cgo (CGO_ENABLED=0), so it cannot load NVML: " +
		"rebuild with cgo and a C compiler (e.g. `sudo apt-get install gcc`, then `CGO_ENABLED=1 go run ./experiments/calibrate …`), " +
		"or refit saved samples with --from-samples FILE"
)

package gpu

import (
	"errors"
	"strings"
	"testing"
)

// TestOpenWithoutGPU opens a library that does not exist: with cgo NVML cannot load it, without cgo
// there is no NVML at all. Either way the error Is ErrUnavailable and is one sentence saying what to
// do, and the process is still alive to report it.
func TestOpenWithoutGPU(t *testing.T) {
	for _, o := range []Options{{Library: "/nonexistent/libnvidia-ml.so.1"}, {}} {
		n, err := Open(o)
		if err == nil {
			n.Close()
			if o.Library == "" {
				t.Skip("this machine has an NVIDIA GPU")
			}
			t.Fatalf("Open(%+v) succeeded", o)
		}
		msg := err.Error()
		if !errors.Is(err, ErrUnavailable) || !strings.HasPrefix(msg, "gpu: ") || strings.Contains(msg, "\n") ||
			!strings.Contains(msg, "--from-samples") || !strings.Contains(msg, "install") {
			t.Errorf("Open(%+v): %v", o, err)
		}
	}
}

//go:build cgo

package gpu

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock"
	"github.com/NVIDIA/go-nvml/pkg/nvml/mock/dgxa100"
)

// mockServer returns go-nvml's mock DGX A100 (8 GPUs) with the readings the mock leaves unset:
// clocks, power, utilisation; GPU 0 is in MIG mode with two MIG devices, GPU 7 reports no power.
func mockServer() *dgxa100.Server {
	s := dgxa100.New()
	for i, d := range s.Devices {
		dev := d.(*dgxa100.Device)
		dev.GetClockInfoFunc = func(c nvml.ClockType) (uint32, nvml.Return) {
			return map[nvml.ClockType]uint32{nvml.CLOCK_SM: 1410, nvml.CLOCK_MEM: 1215}[c], nvml.SUCCESS
		}
		dev.GetMaxClockInfoFunc = func(c nvml.ClockType) (uint32, nvml.Return) {
			return map[nvml.ClockType]uint32{nvml.CLOCK_SM: 1410, nvml.CLOCK_MEM: 1215}[c] + 5, nvml.SUCCESS
		}
		dev.GetPowerManagementLimitFunc = func() (uint32, nvml.Return) { return 400000, nvml.SUCCESS }
		dev.GetUtilizationRatesFunc = func() (nvml.Utilization, nvml.Return) {
			return nvml.Utilization{Gpu: uint32(10 * i), Memory: 5}, nvml.SUCCESS
		}
		dev.GetPowerUsageFunc = func() (uint32, nvml.Return) { return 61500, nvml.SUCCESS }
		dev.GetMaxMigDeviceCountFunc = func() (int, nvml.Return) { return 7, nvml.SUCCESS }
		dev.GetMigDeviceHandleByIndexFunc = func(j int) (nvml.Device, nvml.Return) {
			if j > 1 {
				return nil, nvml.ERROR_NOT_FOUND
			}
			return migDevice(j), nvml.SUCCESS
		}
		dev.MemoryInfo.Used = 3e9
	}
	s.Devices[0].SetMigMode(nvml.DEVICE_MIG_ENABLE)
	s.Devices[7].(*dgxa100.Device).GetPowerUsageFunc = func() (uint32, nvml.Return) { return 0, nvml.ERROR_NOT_SUPPORTED }
	return s
}

func migDevice(j int) nvml.Device {
	return &mock.Device{
		GetUUIDFunc:              func() (string, nvml.Return) { return "MIG-" + string(rune('a'+j)), nvml.SUCCESS },
		GetNameFunc:              func() (string, nvml.Return) { return "NVIDIA A100-SXM4-40GB MIG 3g.20gb", nvml.SUCCESS },
		GetGpuInstanceIdFunc:     func() (int, nvml.Return) { return 1 + j, nvml.SUCCESS },
		GetComputeInstanceIdFunc: func() (int, nvml.Return) { return 0, nvml.SUCCESS },
		GetMemoryInfoFunc:        func() (nvml.Memory, nvml.Return) { return nvml.Memory{Total: 20e9}, nvml.SUCCESS },
	}
}

func TestInventoryMock(t *testing.T) {
	s := mockServer()
	n, err := OpenInterface(s)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	inv, err := n.Inventory()
	if err != nil {
		t.Fatal(err)
	}
	if inv.DriverVersion != "550.54.15" || inv.CUDAVersion != "12.4" || inv.NVMLVersion != "12.550.54.15" || len(inv.Devices) != 8 {
		t.Fatalf("inventory %+v", inv)
	}
	d0, d1 := inv.Devices[0], inv.Devices[1]
	if d1.Name != "Mock NVIDIA A100-SXM4-40GB" || !strings.HasPrefix(d1.UUID, "GPU-") || d1.Index != 1 ||
		d1.MemoryTotalGB != 40960*1024*1024/1e9 || d1.MemoryUsedGB != 3 || d1.SMClockMHz != 1410 || d1.MemClockMHz != 1215 ||
		d1.MaxSMClockMHz != 1415 || d1.MaxMemClockMHz != 1220 || d1.PowerLimitW != 400 || d1.MIGEnabled || d1.MIG != nil {
		t.Errorf("device 1 %+v", d1)
	}
	if !d0.MIGEnabled || !d0.MIGPending || len(d0.MIG) != 2 || d0.MIG[1].UUID != "MIG-b" || d0.MIG[1].GPUInstanceID != 2 || d0.MIG[0].MemoryTotalGB != 20 {
		t.Errorf("device 0 MIG %+v", d0)
	}
	if names := inv.GPUNames(); len(names) != 1 {
		t.Errorf("names %v", names)
	}
}

func TestReadMock(t *testing.T) {
	n, err := OpenInterface(mockServer())
	if err != nil {
		t.Fatal(err)
	}
	got, err := n.Read(nil, 1.5)
	if err != nil || len(got) != 8 {
		t.Fatalf("%d samples, %v", len(got), err)
	}
	g := got[3]
	if g.TimeS != 1.5 || g.GPU != 3 || g.UtilPct != 30 || g.MemUsedGB != 3 || g.PowerW != 61.5 || g.SMClockMHz != 1410 {
		t.Errorf("sample %+v", g)
	}
	if !math.IsNaN(got[7].PowerW) {
		t.Errorf("unsupported power read as %v, want NaN", got[7].PowerW)
	}
	if err := n.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := n.Read(nil, 2); err == nil {
		t.Error("Read after Close succeeded")
	}
	if _, err := n.Inventory(); err == nil {
		t.Error("Inventory after Close succeeded")
	}
	n.Close()
}

// TestInitFailure: after a failed Init nothing else may be called (a bare mock.Interface panics on
// any method but InitFunc); the error says what to install.
func TestInitFailure(t *testing.T) {
	tests := []struct {
		ret  nvml.Return
		want string
	}{
		{nvml.ERROR_LIBRARY_NOT_FOUND, "no NVIDIA driver or NVML library found"},
		{nvml.ERROR_DRIVER_NOT_LOADED, "kernel driver is not loaded"},
		{nvml.ERROR_NO_PERMISSION, "failed to initialise"},
	}
	for _, tt := range tests {
		lib := &mock.Interface{InitFunc: func() nvml.Return { return tt.ret }}
		n, err := OpenInterface(lib)
		if n != nil || !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%v: %v", tt.ret, err)
		}
	}
}

func TestOpenNoDeviceOrNoMIG(t *testing.T) {
	s := dgxa100.NewWithGPUs()
	if _, err := OpenInterface(s); !errors.Is(err, ErrUnavailable) || !strings.Contains(err.Error(), "no GPU") {
		t.Errorf("no device: %v", err)
	}
	if len(s.ShutdownCalls()) != 1 {
		t.Errorf("Shutdown called %d times, want 1", len(s.ShutdownCalls()))
	}
	old := mockServer()
	old.LookupSymbolFunc = func(string) error { return errors.New("undefined symbol") }
	n, err := OpenInterface(old)
	if err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	inv, _ := n.Inventory()
	if inv.Devices[0].MIGEnabled || len(old.Devices[0].(*dgxa100.Device).GetMigModeCalls()) != 0 {
		t.Error("MIG queried although the library lacks its entry points")
	}
}

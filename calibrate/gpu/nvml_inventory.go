//go:build cgo

package gpu

import (
	"fmt"
	"math"

	"github.com/NVIDIA/go-nvml/pkg/nvml"

	"github.com/airansim/airansim/calibrate"
)

// Inventory describes every GPU: name, UUID, memory, clocks, power limit, MIG mode and MIG devices,
// and the driver, CUDA and NVML versions. A value NVML does not report is "" or 0.
func (n *NVML) Inventory() (calibrate.Inventory, error) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.closed {
		return calibrate.Inventory{}, errClosed
	}
	var inv calibrate.Inventory
	inv.DriverVersion, _ = str(n.lib.SystemGetDriverVersion())
	inv.NVMLVersion, _ = str(n.lib.SystemGetNVMLVersion())
	if v, ret := n.lib.SystemGetCudaDriverVersion(); ret == nvml.SUCCESS {
		inv.CUDAVersion = fmt.Sprintf("%d.%d", v/1000, v%1000/10)
	}
	for i, d := range n.devs {
		inv.Devices = append(inv.Devices, n.device(i, d))
	}
	return inv, nil
}

func (n *NVML) device(i int, d nvml.Device) calibrate.Device {
	dev := calibrate.Device{Index: i}
	dev.Name, _ = str(d.GetName())
	dev.UUID, _ = str(d.GetUUID())
	if m, ret := d.GetMemoryInfo(); ret == nvml.SUCCESS {
		dev.MemoryTotalGB, dev.MemoryUsedGB = gb(m.Total), gb(m.Used)
	}
	dev.SMClockMHz = zero(clock(d.GetClockInfo(nvml.CLOCK_SM)))
	dev.MemClockMHz = zero(clock(d.GetClockInfo(nvml.CLOCK_MEM)))
	dev.MaxSMClockMHz = zero(clock(d.GetMaxClockInfo(nvml.CLOCK_SM)))
	dev.MaxMemClockMHz = zero(clock(d.GetMaxClockInfo(nvml.CLOCK_MEM)))
	if p, ret := d.GetPowerManagementLimit(); ret == nvml.SUCCESS {
		dev.PowerLimitW = float64(p) / 1000
	}
	if !n.mig {
		return dev
	}
	if cur, pending, ret := d.GetMigMode(); ret == nvml.SUCCESS {
		dev.MIGEnabled, dev.MIGPending = cur == nvml.DEVICE_MIG_ENABLE, pending == nvml.DEVICE_MIG_ENABLE
	}
	if dev.MIGEnabled {
		dev.MIG = migDevices(d)
	}
	return dev
}

// migDevices lists the MIG devices of a GPU in MIG mode.
func migDevices(d nvml.Device) []calibrate.MIGInstance {
	count, ret := d.GetMaxMigDeviceCount()
	if ret != nvml.SUCCESS {
		return nil
	}
	var out []calibrate.MIGInstance
	for j := range count {
		m, ret := d.GetMigDeviceHandleByIndex(j)
		if ret != nvml.SUCCESS {
			continue // an empty slot
		}
		mi := calibrate.MIGInstance{Index: j, GPUInstanceID: -1, ComputeInstanceID: -1}
		mi.UUID, _ = str(m.GetUUID())
		mi.Name, _ = str(m.GetName())
		if v, ret := m.GetGpuInstanceId(); ret == nvml.SUCCESS {
			mi.GPUInstanceID = v
		}
		if v, ret := m.GetComputeInstanceId(); ret == nvml.SUCCESS {
			mi.ComputeInstanceID = v
		}
		if mem, ret := m.GetMemoryInfo(); ret == nvml.SUCCESS {
			mi.MemoryTotalGB = gb(mem.Total)
		}
		out = append(out, mi)
	}
	return out
}

func str(s string, ret nvml.Return) (string, bool) {
	if ret != nvml.SUCCESS {
		return "", false
	}
	return s, true
}

// zero maps NaN to 0, the inventory's "not reported".
func zero(v float64) float64 {
	if math.IsNaN(v) {
		return 0
	}
	return v
}

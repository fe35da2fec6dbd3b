package calibrate

// Inventory describes the GPUs of a machine as NVML reports them. A numeric field NVML does not
// report (e.g. the power limit of some consumer boards) is 0.
type Inventory struct {
	DriverVersion string   `json:"driver_version"` // NVIDIA driver, e.g. "550.54.15"
	CUDAVersion   string   `json:"cuda_version"`   // highest CUDA version the driver supports, e.g. "12.4"
	NVMLVersion   string   `json:"nvml_version"`   // e.g. "12.550.54.15"
	Devices       []Device `json:"devices"`        // by NVML index
}

// Device is one physical GPU. Clocks are the values at inventory time.
type Device struct {
	Index          int           `json:"index"`            // NVML index
	Name           string        `json:"name"`             // e.g. "NVIDIA H100 80GB HBM3"
	UUID           string        `json:"uuid"`             // e.g. "GPU-…"
	MemoryTotalGB  float64       `json:"memory_total_gb"`  // GB (10⁹ bytes)
	MemoryUsedGB   float64       `json:"memory_used_gb"`   // GB (10⁹ bytes)
	SMClockMHz     float64       `json:"sm_clock_mhz"`     // current SM clock, MHz
	MemClockMHz    float64       `json:"mem_clock_mhz"`    // current memory clock, MHz
	MaxSMClockMHz  float64       `json:"max_sm_clock_mhz"` // maximum SM clock, MHz
	MaxMemClockMHz float64       `json:"max_mem_clock_mhz"`
	PowerLimitW    float64       `json:"power_limit_w"` // power management limit, W
	MIGEnabled     bool          `json:"mig_enabled"`   // current MIG mode
	MIGPending     bool          `json:"mig_pending"`   // MIG mode after the next reset
	MIG            []MIGInstance `json:"mig,omitempty"` // MIG devices, when MIG is enabled
}

// MIGInstance is one MIG device (a GPU instance with one compute instance) of a Device.
type MIGInstance struct {
	Index             int     `json:"index"` // MIG device index within its parent
	UUID              string  `json:"uuid"`  // e.g. "MIG-…"
	Name              string  `json:"name"`
	GPUInstanceID     int     `json:"gpu_instance_id"`
	ComputeInstanceID int     `json:"compute_instance_id"`
	MemoryTotalGB     float64 `json:"memory_total_gb"` // GB (10⁹ bytes)
}

// GPUNames returns the distinct device names in index order, e.g. ["NVIDIA H100 80GB HBM3"].
func (inv Inventory) GPUNames() []string {
	var out []string
	seen := map[string]bool{}
	for _, d := range inv.Devices {
		if !seen[d.Name] {
			seen[d.Name] = true
			out = append(out, d.Name)
		}
	}
	return out
}

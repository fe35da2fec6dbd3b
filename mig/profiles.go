package mig

import "slices"

// Sources of the tables below (facts and figures only):
//
//   - Profiles (compute slices as the fraction of SMs ×7, memory slices as the fraction of memory ×8,
//     instances available): NVIDIA Multi-Instance GPU User Guide, section "Supported MIG Profiles",
//     subsections "A100 MIG Profiles", "H100 MIG Profiles" and "H200 MIG Profiles",
//     https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html. The A100-80GB
//     names follow the note in the A100 subsection (same fractions, names scaled to the memory).
//   - Placements (valid start memory slices and the size in memory slices of each GPU instance
//     profile): the same guide, section "Getting Started with MIG", "List GPU Instance Profiles"
//     (`nvidia-smi mig -lgipp`, profile IDs 19, 20, 15, 14, 9, 5, 0), and the NVML type
//     nvmlGpuInstancePlacement_t (start = index of the first occupied memory slice, size = number of
//     memory slices), https://docs.nvidia.com/deploy/nvml-api/structnvmlGpuInstancePlacement__t.html.
//     The placement table is the same on A100, H100 and H200.

// ComputeSlices is the number of compute slices (GPCs) of a MIG GPU of the tables: a profile "Ng" has
// N of them, a fraction N/7 of the GPU's SMs.
const ComputeSlices = 7

// MemorySlices is the number of memory slices of a MIG GPU of the tables: a placement's start and size
// are counted in them.
const MemorySlices = 8

// Slots is the number of partition slots of a MIG GPU on the engine: one per possible start memory
// slice (0…6; no profile starts at slice 7). A layout has at most Slots instances.
const Slots = 7

// Profile is one GPU instance profile of a model.
type Profile struct {
	Name     string  // e.g. "3g.40gb", "1g.10gb+me"
	Compute  int     // compute slices, of ComputeSlices
	Memory   int     // memory slices occupied, of MemorySlices (the placement size)
	MemoryGB float64 // memory, GB: the nominal size in the profile's name
	MaxCount int     // instances of this profile one GPU can hold
	Starts   []int   // memory slices at which an instance of this profile may start, ascending
	// MediaExtensions marks a "+me" profile: the same compute and memory as its base profile plus the
	// GPU's media engines, which the engine does not model (it is the base profile's capacity).
	MediaExtensions bool
}

// Model is the MIG profile table of one GPU product.
type Model struct {
	Name     string    // e.g. "H100-80GB"
	MemoryGB float64   // the GPU's memory, GB
	Profiles []Profile // in the guide's order
}

// Placement start slices per profile size (sources above).
var (
	starts1g   = []int{0, 1, 2, 3, 4, 5, 6} // 1 memory slice
	starts1g2m = []int{0, 2, 4, 6}          // 1 compute slice, 2 memory slices
	starts2g   = []int{0, 2, 4}
	starts3g   = []int{0, 4}
	starts4g   = []int{0}
	starts7g   = []int{0}
)

// table returns a model's table from the GB sizes of its 1-memory-slice, 2-, 4- and 8-slice profiles
// (the name suffixes).
func table(name string, gb1, gb2, gb4, gb8 float64, n1, n2, n4, n8 string) Model {
	return Model{Name: name, MemoryGB: gb8, Profiles: []Profile{
		{Name: "1g." + n1, Compute: 1, Memory: 1, MemoryGB: gb1, MaxCount: 7, Starts: starts1g},
		{Name: "1g." + n1 + "+me", Compute: 1, Memory: 1, MemoryGB: gb1, MaxCount: 1, Starts: starts1g, MediaExtensions: true},
		{Name: "1g." + n2, Compute: 1, Memory: 2, MemoryGB: gb2, MaxCount: 4, Starts: starts1g2m},
		{Name: "2g." + n2, Compute: 2, Memory: 2, MemoryGB: gb2, MaxCount: 3, Starts: starts2g},
		{Name: "3g." + n4, Compute: 3, Memory: 4, MemoryGB: gb4, MaxCount: 2, Starts: starts3g},
		{Name: "4g." + n4, Compute: 4, Memory: 4, MemoryGB: gb4, MaxCount: 1, Starts: starts4g},
		{Name: "7g." + n8, Compute: 7, Memory: 8, MemoryGB: gb8, MaxCount: 1, Starts: starts7g},
	}}
}

// models are the built-in tables, in Models order.
var models = []Model{
	table("A100-40GB", 5, 10, 20, 40, "5gb", "10gb", "20gb", "40gb"),
	table("A100-80GB", 10, 20, 40, 80, "10gb", "20gb", "40gb", "80gb"),
	table("H100-80GB", 10, 20, 40, 80, "10gb", "20gb", "40gb", "80gb"),
	table("H200-141GB", 18, 35, 71, 141, "18gb", "35gb", "71gb", "141gb"),
}

// Models returns the names of the built-in models: "A100-40GB", "A100-80GB", "H100-80GB",
// "H200-141GB".
func Models() []string {
	out := make([]string, len(models))
	for i, m := range models {
		out[i] = m.Name
	}
	return out
}

// Lookup returns a copy of the built-in model named name (case-sensitive) and whether it exists.
func Lookup(name string) (Model, bool) {
	for _, m := range models {
		if m.Name == name {
			m.Profiles = slices.Clone(m.Profiles)
			return m, true
		}
	}
	return Model{}, false
}

// Profile returns the model's profile named name and whether it exists.
func (m Model) Profile(name string) (Profile, bool) {
	for _, p := range m.Profiles {
		if p.Name == name {
			return p, true
		}
	}
	return Profile{}, false
}

// ProfileNames returns the names of the model's profiles in table order.
func (m Model) ProfileNames() []string {
	out := make([]string, len(m.Profiles))
	for i, p := range m.Profiles {
		out[i] = p.Name
	}
	return out
}

// CanStart reports whether an instance of p may start at memory slice start.
func (p Profile) CanStart(start int) bool { return slices.Contains(p.Starts, start) }

// ComputeFraction returns the profile's share of the GPU's compute, Compute/ComputeSlices: the factor
// of the GPU's TFLOP/s and host cores a partition of this profile gets, and the share by which a power
// model may apportion the GPU's power.
func (p Profile) ComputeFraction() float64 { return float64(p.Compute) / ComputeSlices }

package telemetry

// Names of the metrics every node's series carry, with their units and what a sample at time t holds.
// A sample at t covers the step (t_prev, t], t_prev the previous sample time (0 for the first).
const (
	// GPUUtilisation is the GPU utilisation over the step: the GPU work the node served over the GPU
	// capacity it offered (∫ G_n dt while up), in [0, 1]; at constant capacity the mean of the fraction
	// of G_n allocated to instances with requests in their GPU phase (docs/power.md §1). 0 when the
	// node offered none (failed, or an empty MIG slot).
	GPUUtilisation = "gpu_utilisation"
	// CPUUtilisation is the CPU utilisation over the step, likewise, in [0, 1].
	CPUUtilisation = "cpu_utilisation"
	// VRAMUsedGB is the VRAM in use at t: resident weights plus held KV cache, GB.
	VRAMUsedGB = "vram_used_gb"
	// Throughput is the requests that finished on the node during the step, per second of the step,
	// requests/s (a request is on the node of the last instance that served it, sim.Record.Node).
	Throughput = "throughput_rps"
	// RequestsMet is the requests on the node that ended during the step and met their deadline.
	RequestsMet = "requests_met"
	// RequestsMissed is the requests on the node that ended during the step and missed their deadline
	// (finished late, unfinished at the horizon, or dropped).
	RequestsMissed = "requests_missed"
	// PowerW is the mean power over the step, W: the energy of the step (power.Model.Energy) over its
	// length, exact.
	PowerW = "power_w"
	// EnergyJ is the energy the node used from the start of the run to t, J (a counter).
	EnergyJ = "energy_j"
)

// metricNames are the metric names in the order a recorder stores them.
var metricNames = [...]string{GPUUtilisation, CPUUtilisation, VRAMUsedGB, Throughput, RequestsMet, RequestsMissed, PowerW, EnergyJ}

const numMetrics = len(metricNames)

// Metrics returns the names of the metrics every node's series carry, in storage order.
func Metrics() []string { return append([]string(nil), metricNames[:]...) }

// metricIndex returns the storage index of metric name, or -1.
func metricIndex(name string) int {
	for i, m := range metricNames {
		if m == name {
			return i
		}
	}
	return -1
}

// Label names of every series.
const (
	LabelName    = "__name__" // the metric name
	LabelNode    = "node"     // the node's name
	LabelCluster = "cluster"  // the name of the node's cluster (sim.ClusterSpec.Name)
)

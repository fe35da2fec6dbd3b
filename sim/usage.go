package sim

import "fmt"

// NodeUsage is a node's use integrated exactly from the start of the run to a time t. Allocations are
// constant between events, so every integral is a sum of rate × duration over the intervals between
// the node's reallocations; the engine keeps it in O(1) per reallocation, without allocating.
//
// A resource is busy at the rate an instance is allocated while that instance has requests in the
// resource's phase: capacity allocated to an instance with nothing to serve in that phase is idle.
type NodeUsage struct {
	GPUWork float64 // ∫ busy GPU rate dt over [0, t]: GPU work served on the node, TFLOP
	CPUWork float64 // ∫ busy CPU rate dt over [0, t]: CPU work served on the node, core-s
	OffS    float64 // time the node spent failed (NodeFail until NodeRecover) in [0, t], s
	// GPUOffered and CPUOffered are ∫ G_n dt and ∫ C_n dt over [0, t] while the node is not failed,
	// the capacities in force (they change with Resize and Reconfigure): the work the node could have
	// served, TFLOP and core-s. GPUWork/GPUOffered over an interval is its utilisation over that
	// interval (mean utilisation at constant capacity); power models integrate over both.
	GPUOffered float64
	CPUOffered float64

	GPUBusy    float64 // busy GPU rate at t, TFLOP/s
	CPUBusy    float64 // busy CPU rate at t, cores
	GPUUtil    float64 // u_g at t: busy GPU rate / G_n, capped to 1 (0 when G_n = 0 or failed), fraction
	CPUUtil    float64 // u_c at t: busy CPU rate / C_n, likewise, fraction
	Failed     bool    // the node is failed at t
	VRAMUsedGB float64 // resident weights plus held KV cache at t, GB
}

// nodeUse is the running state of a node's NodeUsage: the integrals up to time t and the rates that
// hold from t until the node's next reallocation.
type nodeUse struct {
	t     float64    // time the integrals reach, s
	rate  [2]float64 // busy GPU (TFLOP/s) and CPU (cores) rates since t
	cap   [2]float64 // capacities since t (0 while failed)
	off   bool       // failed since t
	work  [2]float64 // ∫ rate dt over [0, t]
	offer [2]float64 // ∫ cap dt over [0, t]
	offS  float64    // ∫ [off] dt over [0, t]
}

// accrue brings the integrals of u to time now under the rates that held since u.t.
func (u *nodeUse) accrue(now float64) {
	dt := now - u.t
	if dt <= 0 {
		return
	}
	u.work[0] += u.rate[0] * dt
	u.work[1] += u.rate[1] * dt
	u.offer[0] += u.cap[0] * dt
	u.offer[1] += u.cap[1] * dt
	if u.off {
		u.offS += dt
	}
	u.t = now
}

// set records the busy rates gpu (TFLOP/s) and cpu (cores) that hold from now on (after accrue) on a
// node of capacities spec, failed or not.
func (u *nodeUse) set(gpu, cpu float64, spec *NodeSpec, failed bool) {
	u.rate = [2]float64{gpu, cpu}
	u.cap = [2]float64{spec.GPU, spec.CPU}
	u.off = failed
	if failed {
		u.cap = [2]float64{}
	}
}

// utilOf returns the utilisation a/c capped to 1, or 0 when c is 0.
func utilOf(a, c float64) float64 {
	if c <= 0 {
		return 0
	}
	return min(a/c, 1)
}

// Usage returns node n's use integrated over [0, t]. t must not be before Now (a Sampler passes its
// sample time); on a run that has ended, t is capped to its end. It panics if n is out of range or t
// is before Now.
func (s *Sim) Usage(n int, t float64) NodeUsage {
	if t < s.now {
		panic(fmt.Sprintf("sim: Usage at t=%g before now=%g", t, s.now))
	}
	if s.stopped {
		t = min(t, s.stats.End)
	}
	nd := &s.nodes[n]
	u := nd.use
	u.accrue(t)
	return NodeUsage{GPUWork: u.work[0], CPUWork: u.work[1], OffS: u.offS, GPUOffered: u.offer[0], CPUOffered: u.offer[1],
		GPUBusy: u.rate[0], CPUBusy: u.rate[1], GPUUtil: utilOf(u.rate[0], u.cap[0]), CPUUtil: utilOf(u.rate[1], u.cap[1]), Failed: u.off,
		VRAMUsedGB: nd.weights + nd.kv}
}

// NumNodes returns the number of nodes of the run.
func (s *Sim) NumNodes() int { return len(s.nodes) }

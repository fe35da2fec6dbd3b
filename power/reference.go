package power

import "github.com/airansim/airansim/sim"

// Reference gives the default model of a node from its capacities: GPU figures per effective TFLOP/s
// of a reference GPU and CPU figures per core of a reference CPU, so that power scales with capacity
// (a node of G TFLOP/s is G / GPUTFLOPS of the reference GPU).
type Reference struct {
	GPUTFLOPS    float64 // effective (prefill-equivalent) capacity of the reference GPU, TFLOP/s (> 0)
	GPUIdleW     float64 // its idle power, W
	GPUMaxW      float64 // its power at full utilisation, W
	CPUCoreIdleW float64 // idle power of the reference CPU per core, W
	CPUCoreMaxW  float64 // power of the reference CPU per core at full utilisation, W
}

// Default is the reference of every node's default model (docs/power.md gives the sources):
//
//   - GPU: one NVIDIA H100 SXM5 80 GB. 445 effective TFLOP/s, the cost model's basis (989.5 TFLOP/s
//     dense BF16 × 0.45 prefill MFU, docs/scenario.md); 700 W at full load, its TDP (NVIDIA H100
//     datasheet; also the "prompt" power of SplitwiseSim's constant power model); 75 W idle
//     (SplitwiseSim, Patel et al., ISCA 2024, configs/power_model/constant.yaml).
//   - CPU: one AMD EPYC 7763 (64 cores). 280 W TDP at full load (AMD's specification), ≈ 100 W package
//     power idle (AnandTech's measurement of Milan, "AMD EPYC Milan review", page 5): 4.375 W and
//     1.5625 W per core.
var Default = Reference{GPUTFLOPS: 445, GPUIdleW: 75, GPUMaxW: 700, CPUCoreIdleW: 100.0 / 64, CPUCoreMaxW: 280.0 / 64}

// For returns the model of a node of capacities spec: the reference GPU's figures × spec.GPU /
// GPUTFLOPS and the reference CPU's per-core figures × spec.CPU. A MIG partition node whose capacity
// is the fraction f of its GPU's thus gets f × the GPU's GPU figures, as Model.Partition gives.
func (r Reference) For(spec sim.NodeSpec) Model {
	g := spec.GPU / r.GPUTFLOPS
	return Model{GPUTFLOPS: spec.GPU, GPUIdleW: g * r.GPUIdleW, GPUMaxW: g * r.GPUMaxW,
		CPUCores: spec.CPU, CPUIdleW: spec.CPU * r.CPUCoreIdleW, CPUMaxW: spec.CPU * r.CPUCoreMaxW}
}

// ForNodes returns r.For of every node, by node index.
func (r Reference) ForNodes(nodes []sim.NodeSpec) []Model {
	out := make([]Model, len(nodes))
	for n, spec := range nodes {
		out[n] = r.For(spec)
	}
	return out
}

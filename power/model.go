package power

import (
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// ErrModel is wrapped by every error of Model.Validate.
var ErrModel = errors.New("power: invalid model")

// Model is the power draw of one node, W, given for the node at capacities GPUTFLOPS and CPUCores:
// at GPU and CPU utilisations u_g, u_c ∈ [0, 1] it draws
//
//	P = GPUIdleW + (GPUMaxW − GPUIdleW)·u_g + CPUIdleW + (CPUMaxW − CPUIdleW)·u_c
//
// while it is up, and 0 while it is failed (powered off). Its figures scale with its capacities in
// force: at G(t) TFLOP/s the GPU terms are G(t)/GPUTFLOPS × the above (likewise for the CPU), so a node
// that a Resize halves, or a MIG partition whose share of its GPU a reconfiguration changes, draws in
// proportion (docs/power.md §1). A resource whose capacity figure is 0 draws nothing. The zero Model
// draws nothing.
type Model struct {
	GPUTFLOPS float64 `json:"gpu_tflops"` // GPU capacity the GPU figures are for, TFLOP/s (≥ 0)
	GPUIdleW  float64 `json:"gpu_idle_w"` // GPU power at u_g = 0, W (≥ 0)
	GPUMaxW   float64 `json:"gpu_max_w"`  // GPU power at u_g = 1, W (≥ GPUIdleW)
	CPUCores  float64 `json:"cpu_cores"`  // CPU capacity the CPU figures are for, cores (≥ 0)
	CPUIdleW  float64 `json:"cpu_idle_w"` // CPU power at u_c = 0, W (≥ 0)
	CPUMaxW   float64 `json:"cpu_max_w"`  // CPU power at u_c = 1, W (≥ CPUIdleW)
}

// Validate reports whether every figure is finite, ≥ 0, and each maximum at least its idle figure.
func (m Model) Validate() error {
	ok := func(v float64) bool { return v >= 0 && v <= math.MaxFloat64 }
	switch {
	case !ok(m.GPUTFLOPS) || !ok(m.CPUCores) || !ok(m.GPUIdleW) || !ok(m.GPUMaxW) || !ok(m.CPUIdleW) || !ok(m.CPUMaxW):
		return fmt.Errorf("%w: %+v: every capacity and figure must be finite and ≥ 0", ErrModel, m)
	case m.GPUMaxW < m.GPUIdleW || m.CPUMaxW < m.CPUIdleW:
		return fmt.Errorf("%w: %+v: a maximum below its idle figure", ErrModel, m)
	}
	return nil
}

// IdleW returns the power of the node up and idle at the model's capacities, W.
func (m Model) IdleW() float64 { return m.GPUIdleW + m.CPUIdleW }

// MaxW returns the power of the node up with both utilisations at 1 at the model's capacities, W.
func (m Model) MaxW() float64 { return m.GPUMaxW + m.CPUMaxW }

// Power returns P at GPU and CPU utilisations gpu, cpu ∈ [0, 1] (fractions; not clamped) at the
// model's capacities, W.
func (m Model) Power(gpu, cpu float64) float64 {
	return m.GPUIdleW + (m.GPUMaxW-m.GPUIdleW)*gpu + m.CPUIdleW + (m.CPUMaxW-m.CPUIdleW)*cpu
}

// Energy returns ∫ P dt over [0, t] for a node whose use over [0, t] is u (sim.Sim.Usage(n, t)), J:
//
//	E = (GPUIdleW·u.GPUOffered + (GPUMaxW − GPUIdleW)·u.GPUWork) / GPUTFLOPS
//	  + (CPUIdleW·u.CPUOffered + (CPUMaxW − CPUIdleW)·u.CPUWork) / CPUCores
//
// (a term with a zero capacity is 0): exact, since P is linear in the utilisations and the capacities,
// and the engine integrates the capacities in force while the node is up (GPUOffered) and the work it
// serves (GPUWork = ∫ u_g·G dt) exactly. At constant capacities G = GPUTFLOPS and C = CPUCores it is
// IdleW()·(t − u.OffS) + (GPUMaxW − GPUIdleW)·∫u_g dt + (CPUMaxW − CPUIdleW)·∫u_c dt. t is s (unused:
// u holds the integrals up to t).
func (m Model) Energy(u sim.NodeUsage, t float64) float64 {
	return term(m.GPUIdleW, m.GPUMaxW, m.GPUTFLOPS, u.GPUOffered, u.GPUWork) + term(m.CPUIdleW, m.CPUMaxW, m.CPUCores, u.CPUOffered, u.CPUWork)
}

// term returns (idle·offered + (max − idle)·work) / capacity, 0 for a zero capacity.
func term(idle, max, capacity, offered, work float64) float64 {
	if capacity <= 0 {
		return 0
	}
	return (idle*offered + (max-idle)*work) / capacity
}

// Partition returns the model of a MIG partition that holds the fraction f ∈ [0, 1] of a GPU's
// compute slices (e.g. 3/7 for an A100 3g.20gb instance): f × every capacity and figure of m, the
// whole GPU's model. The partitions of one GPU thus add up to the GPU: Σ f_i = 1 gives idle power
// m.IdleW() and, at utilisations u_i, GPUIdleW + (GPUMaxW − GPUIdleW)·Σ f_i·u_i. Since a model scales
// with the capacities in force, a partition node may as well carry m itself: its energy is the same,
// and stays right when a reconfiguration changes f. It panics if f is outside [0, 1].
func (m Model) Partition(f float64) Model {
	if !(f >= 0 && f <= 1) {
		panic(fmt.Sprintf("power: partition fraction %g outside [0, 1]", f))
	}
	return Model{GPUTFLOPS: f * m.GPUTFLOPS, GPUIdleW: f * m.GPUIdleW, GPUMaxW: f * m.GPUMaxW,
		CPUCores: f * m.CPUCores, CPUIdleW: f * m.CPUIdleW, CPUMaxW: f * m.CPUMaxW}
}

package power

import (
	"errors"
	"fmt"
	"math"

	"github.com/airansim/airansim/sim"
)

// ErrModel is wrapped by every error of Model.Validate.
var ErrModel = errors.New("power: invalid model")

// Model is the power draw of one node (or one MIG partition), W, as a function of its GPU and CPU
// utilisation u_g, u_c ∈ [0, 1]:
//
//	P = GPUIdleW + (GPUMaxW − GPUIdleW)·u_g + CPUIdleW + (CPUMaxW − CPUIdleW)·u_c
//
// while the node is up, and 0 while it is failed (powered off). The zero Model draws nothing.
type Model struct {
	GPUIdleW float64 `json:"gpu_idle_w"` // GPU power at u_g = 0, W (≥ 0)
	GPUMaxW  float64 `json:"gpu_max_w"`  // GPU power at u_g = 1, W (≥ GPUIdleW)
	CPUIdleW float64 `json:"cpu_idle_w"` // CPU power at u_c = 0, W (≥ 0)
	CPUMaxW  float64 `json:"cpu_max_w"`  // CPU power at u_c = 1, W (≥ CPUIdleW)
}

// Validate reports whether every figure is finite, ≥ 0, and each maximum at least its idle figure.
func (m Model) Validate() error {
	ok := func(v float64) bool { return v >= 0 && v <= math.MaxFloat64 }
	switch {
	case !ok(m.GPUIdleW) || !ok(m.GPUMaxW) || !ok(m.CPUIdleW) || !ok(m.CPUMaxW):
		return fmt.Errorf("%w: %+v: every figure must be finite and ≥ 0 W", ErrModel, m)
	case m.GPUMaxW < m.GPUIdleW || m.CPUMaxW < m.CPUIdleW:
		return fmt.Errorf("%w: %+v: a maximum below its idle figure", ErrModel, m)
	}
	return nil
}

// IdleW returns the power of the node up and idle, W.
func (m Model) IdleW() float64 { return m.GPUIdleW + m.CPUIdleW }

// MaxW returns the power of the node up with both utilisations at 1, W.
func (m Model) MaxW() float64 { return m.GPUMaxW + m.CPUMaxW }

// Power returns P at GPU and CPU utilisations gpu, cpu ∈ [0, 1] (fractions; not clamped), W.
func (m Model) Power(gpu, cpu float64) float64 {
	return m.GPUIdleW + (m.GPUMaxW-m.GPUIdleW)*gpu + m.CPUIdleW + (m.CPUMaxW-m.CPUIdleW)*cpu
}

// Energy returns ∫ P dt over [0, t] for a node whose use over [0, t] is u (sim.Sim.Usage(n, t)), J:
//
//	E = (GPUIdleW + CPUIdleW)·(t − u.OffS) + (GPUMaxW − GPUIdleW)·u.GPUUtilS + (CPUMaxW − CPUIdleW)·u.CPUUtilS
//
// exact, because P is linear in the utilisations and the engine integrates them exactly (a failed
// node serves nothing, so its utilisation is 0 while off). t is s.
func (m Model) Energy(u sim.NodeUsage, t float64) float64 {
	return m.IdleW()*(t-u.OffS) + (m.GPUMaxW-m.GPUIdleW)*u.GPUUtilS + (m.CPUMaxW-m.CPUIdleW)*u.CPUUtilS
}

// Partition returns the model of a MIG partition that holds the fraction f ∈ [0, 1] of a GPU's
// compute slices (e.g. 3/7 for an A100 3g.20gb instance): f × every figure of m, the whole GPU's
// model. The partitions of one GPU thus add up to the GPU: Σ f_i = 1 gives idle power m.IdleW() and,
// at utilisations u_i, GPUIdleW + (GPUMaxW − GPUIdleW)·Σ f_i·u_i. It panics if f is outside [0, 1].
func (m Model) Partition(f float64) Model {
	if !(f >= 0 && f <= 1) {
		panic(fmt.Sprintf("power: partition fraction %g outside [0, 1]", f))
	}
	return Model{GPUIdleW: f * m.GPUIdleW, GPUMaxW: f * m.GPUMaxW, CPUIdleW: f * m.CPUIdleW, CPUMaxW: f * m.CPUMaxW}
}

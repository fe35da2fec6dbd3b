package sim

import "math"

// Topology gives the transport between nodes: the one-way delay of the path from node a to node b
// and, where the topology knows it, the path's bottleneck link rate. The engine reads it once, in New,
// into a Paths matrix, so an implementation need not be fast. Delay(a, a) must be 0. A topology that
// also has a method Len() int (Tree, Paths) must have as many nodes as Config.Nodes.
type Topology interface {
	// Delay returns the one-way delay of the path from node a to node b, s (≥ 0, finite).
	Delay(a, b int) float64
	// Rate returns the smallest link rate on the path from a to b, Gb/s (> 0); +Inf when not given or
	// a == b.
	Rate(a, b int) float64
}

// FullMesh is the default topology: every pair of distinct nodes is one hop of HopDelay seconds apart,
// with no link rate given.
type FullMesh struct {
	HopDelay float64 // δ, one-way per hop, s.
}

// Delay returns HopDelay for a ≠ b and 0 for a = b.
func (m FullMesh) Delay(a, b int) float64 {
	if a == b {
		return 0
	}
	return m.HopDelay
}

// Rate returns +Inf: a full mesh has no link rates.
func (FullMesh) Rate(a, b int) float64 { return math.Inf(1) }

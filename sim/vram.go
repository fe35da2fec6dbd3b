package sim

// VRAMTolerance is the slack, GB, by which reserved VRAM (resident weights plus held KV cache) may
// exceed a node's V_n in every feasibility check: it absorbs the rounding of sums of GB-sized floats.
const VRAMTolerance = 1e-9

// FitsVRAM is the one VRAM-feasibility rule (eq. 4), used by the engine and by every policy: need GB
// fit in capacity GB up to VRAMTolerance.
func FitsVRAM(need, capacity float64) bool { return need <= capacity+VRAMTolerance }

// Fits reports whether gb more GB fit on the node next to its resident weights and held KV, by
// FitsVRAM: the check the engine makes when it applies a migration or a new replica there.
func (n NodeView) Fits(gb float64) bool { return FitsVRAM(gb, n.VRAMFree()) }

// fits reports whether gb more GB fit on node n next to its resident weights and held KV now.
func (s *Sim) fits(n int32, gb float64) bool {
	nd := &s.nodes[n]
	return FitsVRAM(nd.weights+nd.kv+gb, s.nodes[n].spec.VRAMGB)
}

// everFits reports whether gb GB could ever fit on node n next to its resident weights (all KV freed).
func (s *Sim) everFits(n int32, gb float64) bool {
	return FitsVRAM(gb, s.nodes[n].spec.VRAMGB-s.nodes[n].weights)
}

// vramFree returns V_n minus resident weights and held KV, GB.
func (s *Sim) vramFree(n int32) float64 {
	nd := &s.nodes[n]
	return s.nodes[n].spec.VRAMGB - nd.weights - nd.kv
}

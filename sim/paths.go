package sim

import (
	"fmt"
	"math"
)

// Paths is a Topology read into two n×n matrices: the one-way delay (s) and the bottleneck rate
// (Gb/s) of the path between every ordered pair of nodes. It is immutable, so the engine shares one
// Paths between a simulation, its forks and its snapshots.
type Paths struct {
	n     int
	delay []float64 // row a, column b: Delay(a, b), s
	rate  []float64 // row a, column b: Rate(a, b), Gb/s
	// code, when there are at most 256 distinct delays, holds delay's matrix as indices into values:
	// every AI request reads two delays at random pairs, and at hundreds of nodes a float64 matrix
	// (2 MB at 500 nodes) misses the caches where a byte matrix fits (the values are the same).
	code   []uint8
	values []float64
	// uniform: every pair of distinct nodes is offDiag apart (a full mesh of one hop delay), so the
	// engine reads no matrix at all.
	uniform bool
	offDiag float64
}

// NewPaths reads t for nodes 0 … n−1 and validates it: every delay finite and ≥ 0, Delay(a, a) = 0,
// every rate > 0 (+Inf allowed), and t's Len() equal to n if it has one. Errors wrap ErrConfig.
func NewPaths(t Topology, n int) (*Paths, error) {
	return readPaths(t, n, func(i int) string { return fmt.Sprint("node ", i) })
}

// readPaths is NewPaths with node names in the errors.
func readPaths(t Topology, n int, name func(int) string) (*Paths, error) {
	if l, ok := t.(interface{ Len() int }); ok && l.Len() != n {
		return nil, cfgErr("topology: %T has %d nodes, the configuration %d", t, l.Len(), n)
	}
	p := &Paths{n: n, delay: make([]float64, n*n), rate: make([]float64, n*n)}
	for a := range n {
		for b := range n {
			d, r := t.Delay(a, b), t.Rate(a, b)
			switch {
			case !finiteNonNeg(d):
				return nil, cfgErr("topology: delay from %s to %s is %g s: must be finite and ≥ 0", name(a), name(b), d)
			case a == b && d != 0:
				return nil, cfgErr("topology: delay from %s to itself is %g s: must be 0", name(a), d)
			case !(r > 0):
				return nil, cfgErr("topology: rate from %s to %s is %g Gb/s: must be > 0 (+Inf: not given)", name(a), name(b), r)
			}
			p.delay[a*n+b], p.rate[a*n+b] = d, r
		}
	}
	p.encodeDelays()
	return p, nil
}

// encodeDelays fills code and values if the delays take at most 256 distinct values, and notes a
// uniform mesh.
func (p *Paths) encodeDelays() {
	index := map[uint64]uint8{} // by bits, so that −0 and +0 stay apart
	code := make([]uint8, len(p.delay))
	var values []float64
	for i, d := range p.delay {
		k, ok := index[math.Float64bits(d)]
		if !ok {
			if len(values) == 256 {
				return
			}
			k = uint8(len(values))
			index[math.Float64bits(d)] = k
			values = append(values, d)
		}
		code[i] = k
	}
	p.code, p.values = code, values
	if p.uniform = p.uniformMesh(); p.uniform {
		p.offDiag = p.values[p.code[1]]
	}
}

// uniformMesh reports whether, by the codes, every node is +0 s from itself and two distinct nodes
// are always the same other value apart.
func (p *Paths) uniformMesh() bool {
	if p.n < 2 || len(p.values) != 2 || math.Float64bits(p.values[p.code[0]]) != 0 {
		return false
	}
	for a := range p.n {
		for b := range p.n {
			if (a == b) != (p.code[a*p.n+b] == p.code[0]) {
				return false
			}
		}
	}
	return true
}

// hop returns the delay from node a to node b, s, as Delay does, reading as little memory as the
// delays allow.
func (p *Paths) hop(a, b int) float64 {
	switch {
	case p.uniform:
		if a == b {
			return 0
		}
		return p.offDiag
	case p.code != nil:
		return p.values[p.code[a*p.n+b]]
	}
	return p.delay[a*p.n+b]
}

// Len returns the number of nodes.
func (p *Paths) Len() int { return p.n }

// Delay returns the one-way delay of the path from node a to node b, s. It panics if a or b is out
// of range.
func (p *Paths) Delay(a, b int) float64 { return p.delay[p.index(a, b)] }

// Rate returns the bottleneck rate of the path from node a to node b, Gb/s (+Inf: not given). It
// panics if a or b is out of range.
func (p *Paths) Rate(a, b int) float64 { return p.rate[p.index(a, b)] }

func (p *Paths) index(a, b int) int {
	if a < 0 || a >= p.n || b < 0 || b >= p.n {
		panic(fmt.Sprintf("sim: paths: node pair (%d, %d) out of range [0, %d)", a, b, p.n))
	}
	return a*p.n + b
}

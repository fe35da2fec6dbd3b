package sim

import (
	"fmt"
	"math"
)

// Partitioner is implemented by policies that, besides placement, divide each node's capacity
// between the RAN functions and the AI services resident on it (the α-split of CAORA). The engine calls
// RANShares right after every Decide and keeps the shares until the next epoch.
type Partitioner interface {
	Policy
	// RANShares returns one share α_n ∈ [0, 1] per node: the fraction of node n's GPU and of its CPU
	// given to its RAN instances (DU, CU-UP) when both classes reside there; the AI instances get the
	// rest. The RAN part is raised to the RAN floors (eq. 15) when α_n·C is below them. NaN leaves a
	// node unpartitioned (one allocator call over all its instances); nil leaves every share unchanged.
	RANShares() []float64
}

// setShares installs the shares returned by a Partitioner, validating them, and marks every node
// whose share changed for reallocation.
func (s *Sim) setShares(shares []float64) error {
	if shares == nil {
		return nil
	}
	if len(shares) != len(s.nodes) {
		return fmt.Errorf("sim: RAN shares: got %d, want one per node (%d)", len(shares), len(s.nodes))
	}
	for n, a := range shares {
		if !math.IsNaN(a) && !(a >= 0 && a <= 1) {
			return fmt.Errorf("sim: RAN share of node %d is %g, want a value in [0, 1] or NaN", n, a)
		}
	}
	for n, a := range shares {
		old := s.nodes[n].ranShare
		if a != old && !(math.IsNaN(a) && math.IsNaN(old)) {
			s.nodes[n].ranShare = a
			s.markDirty(int32(n))
		}
	}
	return nil
}

// splitClasses reports whether node n's allocation is split by class: the node has a RAN share
// and both RAN instances (DU, CU-UP) and AI instances reside there. If so it leaves in s.sc.isRAN
// one flag per resident instance, for allocate.
func (s *Sim) splitClasses(n int32) bool {
	nd := &s.nodes[n]
	if math.IsNaN(nd.ranShare) {
		return false
	}
	s.sc.isRAN = s.sc.isRAN[:0]
	for _, i := range nd.insts {
		c := s.insts[i].cat
		s.sc.isRAN = append(s.sc.isRAN, c == DU || c == CUUP)
	}
	return mixed(s.sc.isRAN)
}

// allocate divides one resource of a node among its instances (d, out indexed like the node's
// instances). When split (see splitClasses) the allocator is called once per class: RAN gets
// max(α·C, Σ RAN floors) capped at C, AI the rest.
func (s *Sim) allocate(split bool, a, capacity float64, d []Demand, out []float64) bool {
	if !split {
		return s.cfg.Allocator.Allocate(capacity, d, out)
	}
	floors := 0.0
	for j, v := range d {
		if s.sc.isRAN[j] {
			floors += math.Max(v.Floor, 0)
		}
	}
	capRAN := math.Min(math.Max(a*capacity, floors), capacity)
	okR := s.allocateClass(capRAN, true, d, out)
	okA := s.allocateClass(math.Max(capacity-capRAN, 0), false, d, out)
	return okR && okA
}

// allocateClass runs the allocator over the instances of one class (RAN or AI) of the current node.
func (s *Sim) allocateClass(capacity float64, ranClass bool, d []Demand, out []float64) bool {
	sub, so := s.sc.subD[:0], s.sc.subO[:0]
	for j, v := range d {
		if s.sc.isRAN[j] == ranClass {
			sub, so = append(sub, v), append(so, 0)
		}
	}
	ok := s.cfg.Allocator.Allocate(capacity, sub, so)
	k := 0
	for j := range d {
		if s.sc.isRAN[j] == ranClass {
			out[j] = so[k]
			k++
		}
	}
	s.sc.subD, s.sc.subO = sub, so
	return ok
}

// mixed reports whether both classes are present among the flags.
func mixed(ran []bool) bool {
	var r, a bool
	for _, v := range ran {
		r, a = r || v, a || !v
	}
	return r && a
}

package sim

import "math"

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
			floors += max(v.Floor, 0)
		}
	}
	capRAN := min(max(a*capacity, floors), capacity)
	okR := s.allocateClass(capRAN, true, d, out)
	okA := s.allocateClass(max(capacity-capRAN, 0), false, d, out)
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

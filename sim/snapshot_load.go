package sim

// Derived quantities that placement policies, agents and the critic read from a Snapshot. They are
// estimates from the last window's arrivals and the current backlog, not model parameters.

// Dominant returns the resource an instance of category c mainly uses: 1 (CPU) for CU-UP, 0 (GPU)
// otherwise.
func Dominant(c Category) int {
	if c == CUUP {
		return 1
	}
	return 0
}

// Demand returns instance i's demand on resource r (0 GPU, 1 CPU) in TFLOP/s or cores: the work that
// arrived over the last window divided by its length, plus the current backlog spread over horizon
// seconds (so that work already queued counts as demand to be cleared within horizon).
func (s *Snapshot) Demand(i, r int, horizon float64) float64 {
	in := &s.Instances[i]
	w, backlog := in.LastEpoch.Work.GPU, in.BacklogGPU
	if r == 1 {
		w, backlog = in.LastEpoch.Work.CPU, in.BacklogCPU
	}
	d := 0.0
	if s.Window > 0 {
		d = w / s.Window
	}
	if horizon > 0 {
		d += backlog / horizon
	}
	return d
}

// Capacity returns node n's capacity of resource r (TFLOP/s or cores).
func (s *Snapshot) Capacity(n, r int) float64 {
	if r == 1 {
		return s.Nodes[n].Spec.CPU
	}
	return s.Nodes[n].Spec.GPU
}

// Load returns node n's utilisation of resource r implied by Demand: Σ demand of its resident
// instances / capacity. Above 1 the node cannot keep up. A node without capacity reports 0 when idle
// and 1e9 otherwise (finite, so that it can be written as JSON and used as a feature).
func (s *Snapshot) Load(n, r int, horizon float64) float64 {
	d := 0.0
	for _, i := range s.Nodes[n].Inst {
		d += s.Demand(i, r, horizon)
	}
	return ratio(d, s.Capacity(n, r))
}

// FloorUse returns the share of node n's resource r reserved by RAN floors right now (eq. 15).
func (s *Snapshot) FloorUse(n, r int) float64 {
	f := s.Nodes[n].GPUFloor
	if r == 1 {
		f = s.Nodes[n].CPUFloor
	}
	return ratio(f, s.Capacity(n, r))
}

// ratio returns a/b, 0 for 0/0 and a huge value for a/0 with a > 0.
func ratio(a, b float64) float64 {
	switch {
	case b > 0:
		return a / b
	case a > 0:
		return 1e9
	}
	return 0
}

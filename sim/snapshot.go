package sim

import "math"

// Snapshot is a read-only copy of the state a placement policy decides on. Policies may keep it;
// the engine never changes it after handing it out.
type Snapshot struct {
	Time      float64        // s
	Epoch     int            // calls of the deciding controller, this one included (1 for the first)
	Paths     *Paths         // inter-node delays and rates (shared, immutable); nil in a hand-built snapshot: no delays
	Window    float64        // length of the window the LastEpoch counters cover (since the controller's previous call), s
	Nodes     []NodeView     // by node index
	Instances []InstanceView // by instance index
	Services  []ServiceSpec  // by service index
	Cells     []CellSpec     // by cell index
	// Clusters are the run's managed clusters by cluster index (Sim.Clusters; shared, read-only); nil
	// in a hand-built snapshot: NodeView.Cluster is then 0 for every node.
	Clusters []ClusterSpec
}

// Delay returns the one-way delay of the path from node a to node b, s (0 for a == b, and for every
// pair when Paths is nil). It panics if a or b is out of range.
func (s *Snapshot) Delay(a, b int) float64 {
	if s.Paths == nil {
		return 0
	}
	return s.Paths.Delay(a, b)
}

// Rate returns the bottleneck link rate of the path from node a to node b, Gb/s (+Inf: not given,
// and for every pair when Paths is nil). It panics if a or b is out of range.
func (s *Snapshot) Rate(a, b int) float64 {
	if s.Paths == nil {
		return math.Inf(1)
	}
	return s.Paths.Rate(a, b)
}

// NodeView is a node's capacities and current use.
type NodeView struct {
	Spec     NodeSpec // current capacities (after run-time changes)
	Cluster  int      // index into Snapshot.Clusters of the node's cluster
	Down     bool     // failed or resizing: its instances do not serve
	GPUAlloc float64  // Σ current GPU allocations, TFLOP/s
	CPUAlloc float64  // Σ current CPU allocations, cores
	GPUFloor float64  // Σ current RAN (DU and CU-UP) GPU floors, TFLOP/s
	CPUFloor float64  // Σ current RAN (DU and CU-UP) CPU floors, cores
	Weights  float64  // Σ M_s of resident instances, GB
	KV       float64  // Σ KV cache held, GB
	Inst     []int    // resident instances, ascending
	// RANShare is the share α of the node's capacity set aside for RAN by a SetShare action
	// (meaningful when Partitioned).
	RANShare    float64
	Partitioned bool
}

// VRAMFree returns V_n minus weights and held KV, GB.
func (n NodeView) VRAMFree() float64 { return n.Spec.VRAMGB - n.Weights - n.KV }

// InstanceView is one instance's state.
type InstanceView struct {
	Service       int
	Category      Category
	Node          int
	State         InstanceState // active, starting, reconfiguring, draining, retired or down
	Reconfiguring bool          // unavailable: migrating or starting (AvailableAt gives the end)
	AvailableAt   float64       // end of the current reconfiguration, s (meaningful when Reconfiguring)
	Active        int           // requests in the active set A_{n,s}
	Waiting       int           // requests waiting for VRAM or for the reconfiguration to end
	BacklogGPU    float64       // residual GPU work of active and waiting requests, TFLOP
	BacklogCPU    float64       // residual CPU work of active requests, core-s
	KV            float64       // KV cache held, GB
	GPUAlloc      float64       // TFLOP/s
	CPUAlloc      float64       // cores
	Floor         [2]float64    // current GPU and CPU RAN floors
	LastEpoch     InstanceCount // arrivals, completions and arrived work over the snapshot's Window (since the controller's previous call)
}

// Snapshot returns a copy of the current state with the counters of the first controller (since its
// previous call; without controllers, since the start).
func (s *Sim) Snapshot() *Snapshot { return s.snapshotFor(0) }

// snapshotFor returns a copy of the current state with controller c's counters.
func (s *Sim) snapshotFor(c int) *Snapshot {
	var st ctrlState
	if c < len(s.ctrls) {
		st = s.ctrls[c]
	}
	snap := &Snapshot{Time: s.now, Epoch: st.calls, Paths: s.paths, Window: s.now - st.last,
		Services: append([]ServiceSpec(nil), s.cfg.Services...), Cells: append([]CellSpec(nil), s.cfg.Cells...),
		Clusters: s.clusters}
	snap.Nodes = make([]NodeView, len(s.nodes))
	for n := range s.nodes {
		nd := &s.nodes[n]
		v := NodeView{Spec: nd.spec, Cluster: s.clusterOf[n], Weights: nd.weights, KV: nd.kv, Down: nd.down()}
		if !math.IsNaN(nd.ranShare) {
			v.RANShare, v.Partitioned = nd.ranShare, true
		}
		for _, i := range nd.insts {
			in := &s.insts[i]
			v.Inst = append(v.Inst, int(i))
			v.GPUAlloc += in.q[0].rate
			v.CPUAlloc += in.q[1].rate
			v.GPUFloor += in.floor[0]
			v.CPUFloor += in.floor[1]
		}
		snap.Nodes[n] = v
	}
	snap.Instances = make([]InstanceView, len(s.insts))
	for i := range s.insts {
		in := &s.insts[i]
		snap.Instances[i] = InstanceView{Service: int(in.svc), Category: in.cat, Node: int(in.node),
			State: s.state(int32(i)), Reconfiguring: in.reconfiguring, AvailableAt: in.availableAt,
			Active: in.q[0].len() + in.q[1].len(), Waiting: len(in.wait),
			BacklogGPU: in.q[0].residualAt(s.now) + in.waitGPU, BacklogCPU: in.q[1].residualAt(s.now), KV: in.kvHeld,
			GPUAlloc: in.q[0].rate, CPUAlloc: in.q[1].rate, Floor: in.floor, LastEpoch: s.counts[c][i]}
	}
	return snap
}

// Movable reports whether a controller may migrate the instance now: it is not reconfiguring or
// starting, and neither draining nor retired (an instance on a node that is down may move away).
func (v InstanceView) Movable() bool {
	return !v.Reconfiguring && v.State != StateDraining && v.State != StateRetired
}

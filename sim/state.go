package sim

// Request stages and work phases.
const (
	stageDU uint8 = iota
	stageCU
	stageAI
)

const (
	phaseGPU = 0
	phaseCPU = 1
)

// reqState is a request in the system. Requests live in a slab indexed by slot.
type reqState struct {
	r     Request
	stage uint8
	phase uint8
	kv    bool    // holds KV cache at its instance's node
	inst  int32   // instance it is at or travelling to
	node  int32   // node of the last instance that served it, -1 if none
	rem   float64 // residual work of the current phase while outside a processor-sharing queue
	down  float64 // DU stage: transport to the CU-UP plus its minimum processing time, s (the α̂^down of eq. 15 plus δ)
	live  bool
}

// deadline returns the absolute deadline a_q + τ_q.
func (r *reqState) deadline() float64 { return r.r.Arrival + r.r.Deadline }

// stageWork returns the work of the request's current stage.
func (r *reqState) stageWork() Work {
	switch r.stage {
	case stageDU:
		return r.r.DU
	case stageCU:
		return r.r.CU
	}
	return r.r.AIWork
}

// instState is a placed replica of a service. Its fields are in two groups: what every reallocation of
// its node reads and writes comes first (three cache lines when the slab is 64-byte aligned), the rest
// after, so that an event on a large cluster brings fewer lines into the cache (BenchmarkEngineScale).
type instState struct {
	q             [2]psQueue // GPU and CPU processor-sharing queues (the active set A_{n,s}); q[p].rate is the allocation
	due           [2]float64 // completion time of the head of each queue at its current rate, s
	dueSeq        [2]uint64  // its place among events at the same time (the queue's sequence number); 0: none due
	floor         [2]float64 // current RAN floors
	node          int32
	cat           Category
	reconfiguring bool

	svc         int32
	draining    bool    // RemoveReplica: no new requests; retired when empty
	retired     bool    // drained and removed: holds no VRAM, serves nothing
	starting    bool    // AddReplica: reconfiguring until its first availability
	inbound     int32   // AI requests routed here and still in transport
	availableAt float64 // end of the current reconfiguration, s
	waitGPU     float64 // Σ GPU work of waiting requests, TFLOP
	kvHeld      float64 // KV cache held by its active requests, GB
	wait        []int32 // FIFO of requests not yet active (no VRAM for their KV, or instance reconfiguring)
	waitBase    []int32 // the backing array wait is a window of (see pushWait)
}

// pushWait appends slot to the wait FIFO. Popping slices the front off wait, so its capacity shrinks;
// the backing array is kept in waitBase and the live window is moved back to its start when the room
// in front is at least the window's length, so that a FIFO that keeps cycling allocates nothing.
func (in *instState) pushWait(slot int32) {
	if len(in.wait) == cap(in.wait) && 2*len(in.wait) <= cap(in.waitBase) {
		base := in.waitBase[:cap(in.waitBase)]
		in.wait = base[:copy(base, in.wait)]
	}
	c := cap(in.wait)
	in.wait = append(in.wait, slot)
	if cap(in.wait) != c {
		in.waitBase = in.wait
	}
}

// popWait removes the head of the wait FIFO; an emptied FIFO restarts at the front of its array.
func (in *instState) popWait() {
	in.wait = in.wait[1:]
	if len(in.wait) == 0 {
		in.wait = in.waitBase[:0]
	}
}

// InstanceCount counts an instance's request outcomes over a window.
type InstanceCount struct {
	Arrived int  // requests that reached the instance
	Done    int  // requests that completed their stage at the instance
	Work    Work // work the arrived requests brought to the instance (TFLOP, core-s)
}

func (in *instState) clone() instState {
	c := *in
	c.q[0], c.q[1] = in.q[0].clone(), in.q[1].clone()
	c.wait = append([]int32(nil), in.wait...)
	c.waitBase = c.wait
	return c
}

// nodeState is the mutable part of a node.
type nodeState struct {
	insts    []int32  // resident instances, ascending
	weights  float64  // Σ M_s of resident instances, GB
	kv       float64  // Σ γ_q held on the node, GB
	dirty    bool     // needs reallocation after the current event
	spec     NodeSpec // current capacities (Config.Nodes, then run-time changes)
	failed   bool     // NodeFail until NodeRecover
	resizing bool     // Resize with a Delay, until it ends
	// ranShare is the α of the last SetShare action: the share of the node's capacity for its RAN
	// instances when AI instances also reside there; NaN: unpartitioned.
	ranShare float64
	use      nodeUse // busy rates and their integrals (NodeUsage)
	timer    int32   // persistent event: the earliest due completion among the node's instances
	dueInst  int32   // the instance and phase the timer stands for
	duePhase uint8
}

// down reports whether the node's instances stop serving: it failed or is resizing.
func (n *nodeState) down() bool { return n.failed || n.resizing }

func (n *nodeState) clone() nodeState {
	c := *n
	c.insts = append([]int32(nil), n.insts...)
	return c
}

func (n *nodeState) add(i int32) {
	k := len(n.insts)
	n.insts = append(n.insts, i)
	for k > 0 && n.insts[k-1] > i {
		n.insts[k], n.insts[k-1] = n.insts[k-1], i
		k--
	}
}

func (n *nodeState) removeInst(i int32) {
	for k, v := range n.insts {
		if v == i {
			n.insts = append(n.insts[:k], n.insts[k+1:]...)
			return
		}
	}
}

// Stats are a run's counters.
type Stats struct {
	Events        int64                           // events processed
	Arrived       int64                           // requests taken from the Source
	Ended         int64                           // records emitted (finished, unfinished or dropped)
	Dropped       int64                           // AI requests ended unserved (Record.Dropped): KV cache never fits their node, Refused or Crashed
	Refused       int64                           // of Dropped: AI requests a Router's Associate refused
	Crashed       int64                           // of Dropped: AI requests ended by a Crash action
	Crashes       int                             // Crash actions applied
	Migrations    [4]int                          // committed migrations by category (index by Category)
	Rejected      int                             // actions of the controllers' plans rejected as infeasible (all kinds)
	Rejections    [NumActionKinds][NumReasons]int // rejected actions by kind and reason
	Epochs        int                             // controller calls (all controllers)
	Added         int                             // replicas added (AddReplica applied)
	Removed       int                             // replicas set draining (RemoveReplica applied)
	Resizes       int                             // Resize actions applied with a reconfiguration delay
	NodeChanges   int64                           // node events applied: scheduled Changes, ends of Resizes and Reconfigures
	RANInfeasible int64                           // node allocations whose RAN floors exceed a capacity beyond RANFloorTolerance, or with a RAN slack < −MetTolerance
	RANRounding   int64                           // node allocations whose RAN floors exceed a capacity (or a slack ≤ 0) only within those tolerances: rounding, not in RANInfeasible
	Allocations   int64                           // node reallocations
	InSystemArea  float64                         // ∫ (requests in the system) dt, request·s (Little's law)
	End           float64                         // time the run ended, s
	Horizon       float64                         // the horizon used, s

	// Reconfigurations counts the Reconfigure actions applied that changed at least one node;
	// ReconfigureNodeS sums their Delay over the nodes they changed (node·s spent reconfiguring).
	Reconfigurations int
	ReconfigureNodeS float64
}

// MigrationsTotal returns the number of committed migrations.
func (s Stats) MigrationsTotal() int {
	t := 0
	for _, m := range s.Migrations {
		t += m
	}
	return t
}

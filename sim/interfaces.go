package sim

// Demand is what one resident instance asks of one resource (GPU or CPU) of its node.
type Demand struct {
	Work    float64 // Ψ: residual work of active requests in this resource's phase (TFLOP or core-s), ≥ 0.
	Urgency float64 // ω = Σ 1/max(slack, ε) over the instance's active requests, 1/s, ≥ 0.
	Floor   float64 // Minimum share for RAN deadline protection (TFLOP/s or cores), ≥ 0.
}

// Allocator divides one resource of one node among its instances. It writes out[i] for d[i] with
// Σ out ≤ capacity and returns false when the floors alone exceed capacity (then floors are scaled
// down proportionally). It must not allocate memory and must not retain d or out. The engine does not
// call it for a resource no instance needs (every Demand with zero Work and Floor): each instance then
// gets 0.
type Allocator interface {
	Allocate(capacity float64, d []Demand, out []float64) (floorsFeasible bool)
}

// UrgencyIgnorer is implemented by an Allocator whose allocations never depend on Demand.Urgency. When
// IgnoresUrgency returns true the engine passes Urgency 0 and does not compute ω, which costs a pass over
// the node's active requests at every reallocation.
type UrgencyIgnorer interface {
	IgnoresUrgency() bool
}

// Source yields requests in non-decreasing arrival order. Next returns ok=false at the end.
type Source interface {
	Next() (r Request, ok bool, err error)
}

// SourceFiller is a Source that can also write its next request in place. NextInto either writes the
// whole next request into *r and returns true with a nil error, or returns false (at the end with a nil
// error, or with an error) leaving *r unspecified; it yields the same requests as Next would. The
// engine reads a SourceFiller through NextInto, which saves copying a Request (about 140 bytes) at
// every level of a chain of sources and once more into the engine.
type SourceFiller interface {
	Source
	NextInto(r *Request) (ok bool, err error)
}

// ForkableSource is a Source that can be duplicated: the copy yields the same remaining requests
// without disturbing the original. Sim.Fork needs it.
type ForkableSource interface {
	Source
	Fork() (Source, error)
}

// Sink receives each request's Record exactly once.
type Sink interface {
	Record(r Record)
}

// Router is implemented by controllers that choose the replica of each AI request themselves. Without it
// the engine routes to the available replica with the smallest backlog (ties: lowest instance index).
// The engine calls Route when the service has several routable replicas, and for a request with a
// Flow also when it has one (so that a router keeping flow associations sees every flow).
type Router interface {
	// Route returns an index into replicas. r and replicas are valid only during the call (r points into
	// the engine's own storage): a Router must not retain or modify them.
	Route(r *Request, replicas []ReplicaView) int
}

// Associator is an optional extension of a Router for flows whose association costs time or may be
// refused (an xApp's SCTP association: ORAN-HAutoscaling's Bull-and-Bear and admission). The engine
// calls Associate right after Route, for the same request and the replica instance Route chose.
type Associator interface {
	// Associate returns the time, s (finite, ≥ 0), the request spends before it reaches its replica on
	// top of the fabric delays (e.g. re-establishing a moved association), or refuse true: the request
	// ends at once, recorded unfinished and dropped (Record.Dropped, Stats.Refused). A delay that is
	// negative, NaN or infinite ends the run with an error.
	Associate(r *Request, instance int) (delay float64, refuse bool)
}

// ReplicaView is what a Router sees of one replica.
type ReplicaView struct {
	Instance  int     // Instance index.
	Node      int     // Node index.
	BacklogG  float64 // Residual GPU work of all its requests (active and waiting), TFLOP.
	BacklogC  float64 // Residual CPU work of its requests in their CPU phase, core-s.
	InFlight  int     // Requests routed to it and not finished: in transit, waiting or active.
	Available bool    // false while reconfiguring after a migration, starting, or on a node that is down.
}

// Forker is implemented by controllers (and sinks) that hold state and can duplicate themselves, so
// that a caller of Sim.Fork can give the copy its own controllers.
type Forker interface {
	Fork() any
}

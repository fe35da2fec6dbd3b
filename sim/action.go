package sim

import (
	"errors"
	"fmt"

	"github.com/airansim/airansim/internal/names"
)

// Action is one typed decision of a Controller: Migrate, AddReplica, RemoveReplica, SetShare,
// Resize, Reconfigure or Crash. The set is closed (the interface is sealed); the engine validates every action when it
// applies it and counts a rejected one in Stats.Rejections by kind and reason.
type Action interface {
	// Kind returns the action's kind.
	Kind() ActionKind
	sealed()
}

// Plan is a controller's decision: actions applied in order at the decision's instant (those with a
// Delay later, each validated when it is applied).
type Plan []Action

// Migrate moves an instance to another node (section II of the paper). Its VRAM (M_s) is reserved at
// the destination and freed at the source at once; the instance is unavailable for R_s; its requests
// keep their residual work, release their KV cache and resume at the destination.
type Migrate struct {
	Instance int     // Index of the instance.
	To       int     // Destination node index.
	Delay    float64 // Seconds after the decision at which to apply it (e.g. the agent's decision latency), ≥ 0; 0: at once.
}

// AddReplica starts a new instance of an AI service on a node. Its weights (M_s) are reserved at once;
// it serves after Startup seconds. The new instance's index is the number of instances before it
// (indices are never reused).
type AddReplica struct {
	Service int     // Index into Config.Services (an AI service).
	Node    int     // Node index.
	Startup float64 // Seconds before it serves, ≥ 0; 0: the service's R_s.
}

// RemoveReplica drains an AI instance: no new request is routed to it, the requests already there
// finish there, and when it is empty its VRAM is freed and it is retired. The last routable replica
// of a service cannot be removed.
type RemoveReplica struct {
	Instance int // Index of the instance.
}

// SetShare sets node Node's RAN share α (the CAORA split): the fraction of its GPU and of its CPU given
// to its RAN instances (DU, CU-UP) when RAN and AI instances both reside there; the AI instances get
// the rest. The RAN part is raised to the RAN floors (eq. 15) when α·C is below them. NaN leaves the
// node unpartitioned (one allocator call over all its instances). The share holds until changed.
type SetShare struct {
	Node int     // Node index.
	RAN  float64 // α ∈ [0, 1], or NaN.
}

// Resize changes node Node's capacities. The node is unavailable for Delay seconds (its instances stop
// serving, as during a failure) and then serves at the new capacities. A VRAM below what is resident
// and held there is rejected.
type Resize struct {
	Node   int     // Node index.
	GPU    float64 // New G_n, TFLOP/s (≥ 0).
	CPU    float64 // New C_n, cores (≥ 0).
	VRAMGB float64 // New V_n, GB (≥ 0).
	Delay  float64 // Reconfiguration time, s (≥ 0).
}

// Crash is an overload crash of an AI instance (ORAN-HAutoscaling's crashed RIC pod, whose xApps
// must reconnect): every request at the instance, active or waiting, ends at once, recorded
// unfinished and dropped (Stats.Crashed), in request-ID order, and the instance is unavailable for
// Restart seconds (StateReconfiguring; requests routed to it meanwhile wait). A draining, retired or
// already unavailable instance is rejected.
type Crash struct {
	Instance int     // Index of the AI instance.
	Restart  float64 // Seconds before it serves again, ≥ 0 and finite; 0: the service's R_s.
}

// ActionKind names the kind of an Action; it indexes Stats.Rejections.
type ActionKind uint8

// Action kinds.
const (
	KindMigrate ActionKind = iota
	KindAddReplica
	KindRemoveReplica
	KindSetShare
	KindResize
	KindReconfigure
	KindCrash
	NumActionKinds // number of action kinds
)

var actionKindNames = [...]string{"migrate", "add-replica", "remove-replica", "set-share", "resize", "reconfigure", "crash"}

// String returns the kind's name ("migrate", "add-replica", …).
func (k ActionKind) String() string { return names.Of(actionKindNames[:], k) }

// Kind returns KindMigrate.
func (Migrate) Kind() ActionKind { return KindMigrate }

// Kind returns KindAddReplica.
func (AddReplica) Kind() ActionKind { return KindAddReplica }

// Kind returns KindRemoveReplica.
func (RemoveReplica) Kind() ActionKind { return KindRemoveReplica }

// Kind returns KindSetShare.
func (SetShare) Kind() ActionKind { return KindSetShare }

// Kind returns KindResize.
func (Resize) Kind() ActionKind { return KindResize }

// Kind returns KindCrash.
func (Crash) Kind() ActionKind { return KindCrash }

func (Migrate) sealed()       {}
func (AddReplica) sealed()    {}
func (RemoveReplica) sealed() {}
func (SetShare) sealed()      {}
func (Resize) sealed()        {}
func (Crash) sealed()         {}

// Reason is why the engine rejected an action; it indexes Stats.Rejections.
type Reason uint8

// Rejection reasons.
const (
	ReasonRange       Reason = iota // an instance, node or service index out of range
	ReasonSameNode                  // a migration to the node the instance is on
	ReasonUnavailable               // the instance or node is reconfiguring, starting or down
	ReasonVRAM                      // the node's VRAM cannot hold it
	ReasonLastReplica               // it would remove a cell's DU/CU-UP or a service's last routable replica
	ReasonRetired                   // the instance is draining or retired
	ReasonHorizon                   // a delayed action would land after the horizon
	ReasonValue                     // a value is invalid (negative, NaN, out of [0, 1], wrong category)
	NumReasons                      // number of reasons
)

var reasonNames = [...]string{"range", "same-node", "unavailable", "vram", "last-replica", "retired", "horizon", "value"}

// String returns the reason's name ("range", "same-node", …).
func (r Reason) String() string { return names.Of(reasonNames[:], r) }

// ErrInfeasible is wrapped by every error Check and Apply return for an action they reject.
var ErrInfeasible = errors.New("sim: infeasible action")

// RejectError is the error for a rejected action: its kind, the reason, and a readable detail. It
// wraps ErrInfeasible.
type RejectError struct {
	Kind   ActionKind
	Reason Reason
	Detail string
}

// Error returns "sim: infeasible action: KIND (REASON): DETAIL".
func (e *RejectError) Error() string {
	return fmt.Sprintf("%v: %v (%v): %s", ErrInfeasible, e.Kind, e.Reason, e.Detail)
}

// Unwrap returns ErrInfeasible.
func (e *RejectError) Unwrap() error { return ErrInfeasible }

// PlanOf returns the actions as a plan, in order; nil for none.
func PlanOf[A Action](as []A) Plan {
	if len(as) == 0 {
		return nil
	}
	p := make(Plan, len(as))
	for i, a := range as {
		p[i] = a
	}
	return p
}

// RejectionSummary returns the non-zero counts of Stats.Rejections as "kind/reason=n" joined by ";",
// in kind then reason order; "" when no action was rejected.
func (s Stats) RejectionSummary() string {
	var b []byte
	for k := range s.Rejections {
		for r, n := range s.Rejections[k] {
			if n == 0 {
				continue
			}
			if len(b) > 0 {
				b = append(b, ';')
			}
			b = fmt.Appendf(b, "%v/%v=%d", ActionKind(k), Reason(r), n)
		}
	}
	return string(b)
}

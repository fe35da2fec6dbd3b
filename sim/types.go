package sim

import "github.com/airansim/airansim/internal/names"

// Category is the kind of a service: the paper's S^D, S^U, S^L and S^S.
type Category uint8

// The four service categories of the paper.
const (
	DU      Category = iota // GPU-bound distributed unit (PHY/MAC), one per cell.
	CUUP                    // CPU-bound central unit user plane (PDCP, forwarding), one per cell.
	LargeAI                 // Large AI service (LLM), multi-GB weights, second-scale reload.
	SmallAI                 // Small AI service (vision, embedding), sub-GB weights.
)

var categoryNames = [...]string{"du", "cu-up", "large-ai", "small-ai"}

// String returns the category's name as used in scenario files and output columns.
func (c Category) String() string { return names.Of(categoryNames[:], c) }

// ParseCategory returns the category named s ("du", "cu-up", "large-ai", "small-ai").
func ParseCategory(s string) (Category, bool) { return names.Parse[Category](categoryNames[:], s) }

// IsAI reports whether c is an AI category.
func (c Category) IsAI() bool { return c == LargeAI || c == SmallAI }

// Class is the traffic class of a request.
type Class uint8

// Request classes: RAN-only requests are URLLC or eMBB; AI requests are the paper's Q^e.
const (
	URLLC Class = iota // RAN-only, ultra-reliable low latency (deadline 1 ms by default).
	EMBB               // RAN-only, enhanced mobile broadband (deadline 4 ms by default).
	AI                 // AI service request, traverses the RAN as a fixed delay, then an AI instance.
)

var classNames = [...]string{"urllc", "embb", "ai"}

// String returns the class name used in traces and output columns.
func (c Class) String() string { return names.Of(classNames[:], c) }

// ParseClass returns the class named s ("urllc", "embb", "ai").
func ParseClass(s string) (Class, bool) { return names.Parse[Class](classNames[:], s) }

// IsRAN reports whether c is a RAN-only class.
func (c Class) IsRAN() bool { return c == URLLC || c == EMBB }

// Work is the work a request brings to one instance: a GPU phase followed by a CPU phase.
type Work struct {
	GPU float64 // GPU work, TFLOP.
	CPU float64 // CPU work, core-seconds.
}

// Request is one arriving request as a Source produces it.
//
// A RAN-only request (URLLC, EMBB) is served by its cell's DU (work DU) and then by its cell's CU-UP
// (work CU). An AI request is served by one replica of Service (work AIWork) and holds KVGB of VRAM
// from admission to completion.
type Request struct {
	ID       int64   // Unique, increasing in arrival order.
	Class    Class   // Traffic class.
	Cell     int     // Serving cell index into Config.Cells.
	Service  int     // AI only: index into Config.Services.
	Arrival  float64 // Arrival time at the cell, s.
	Deadline float64 // Relative deadline τ_q, s.
	DU       Work    // RAN-only: work at the cell's DU.
	CU       Work    // RAN-only: work at the cell's CU-UP.
	AIWork   Work    // AI only: work at the AI instance.
	KVGB     float64 // AI only: KV cache held while active, GB.
	Prompt   int     // AI only: prompt tokens (informative).
	Output   int     // AI only: output tokens (informative).
	// Flow is the long-lived stream the request belongs to (an xApp's association with its replica,
	// traces/xapp), for sticky routing and per-flow metrics; 0: none. The engine only copies it.
	Flow int
}

// NodeSpec describes a compute node. GPU and CPU may not both be 0, except in an empty node (GPU, CPU
// and VRAM all 0: an unused MIG partition slot, package mig), which serves nothing and may hold no
// instance until a Reconfigure gives it capacity.
type NodeSpec struct {
	Name   string  // Unique name.
	GPU    float64 // G_n, effective GPU capacity, TFLOP/s (≥ 0).
	VRAMGB float64 // V_n, GPU memory, GB (≥ 0).
	CPU    float64 // C_n, CPU capacity, cores (≥ 0).
}

// ServiceSpec describes a service; its replicas are instances.
type ServiceSpec struct {
	Name      string   // Unique name.
	Category  Category // Service category.
	WeightsGB float64  // M_s, resident VRAM while placed, GB (0 for CU-UP).
	ReconfigS float64  // R_s, unavailability after a migration, s.
}

// InstanceSpec places one replica of a service on a node at time 0.
type InstanceSpec struct {
	Service int // Index into Config.Services.
	Node    int // Index into Config.Nodes.
}

// CellSpec ties a cell to its DU and CU-UP instances.
type CellSpec struct {
	Name string // Unique name.
	DU   int    // Instance index of the cell's DU.
	CU   int    // Instance index of the cell's CU-UP.
}

// Record is the outcome of one request, emitted exactly once.
type Record struct {
	ID       int64
	Class    Class
	Category Category // LargeAI or SmallAI for AI requests; DU for RAN-only requests.
	Service  int      // AI only; -1 for RAN-only.
	Cell     int
	Node     int     // Node of the last instance that served it, -1 if none.
	Arrival  float64 // s
	Finish   float64 // s; the horizon when unfinished.
	Deadline float64 // relative deadline, s
	Finished bool    // false: still in the system at the horizon, or dropped.
	Dropped  bool    // true: could never be admitted (KV larger than the node can ever hold).
	Flow     int     // the request's Flow (0: none).
}

// Latency returns Finish − Arrival in seconds.
func (r Record) Latency() float64 { return r.Finish - r.Arrival }

// MetTolerance is the slack, in seconds, by which a latency may exceed its deadline and still count
// as met. RAN floors (eq. 15) are sized to finish work exactly at the deadline, so floating-point
// rounding alone (≈1e-13 s at t ≈ 500 s) would otherwise turn just-in-time completions into misses.
const MetTolerance = 1e-9

// Met reports whether the request finished within its deadline (up to MetTolerance).
func (r Record) Met() bool { return r.Finished && r.Finish-r.Arrival <= r.Deadline+MetTolerance }

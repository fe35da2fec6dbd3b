package sim

import "github.com/airansim/airansim/internal/names"

// ChangeKind is the kind of a scheduled run-time change of a node.
type ChangeKind uint8

// Scheduled node changes (docs/model.md, "Run-time changes").
const (
	// NodeFail stops node Node at Time: its capacity becomes 0 and its instances stop serving; their
	// requests keep their residual work and wait (KV cache released) until the node recovers or a
	// controller moves the instance away. Resident weights stay reserved.
	NodeFail ChangeKind = iota + 1
	// NodeRecover brings a failed node back with its capacities before the failure; its instances
	// reload (unavailable for their R_s) and then resume.
	NodeRecover
	// SetCapacity sets node Node's capacities to GPU, CPU and VRAMGB at Time. A VRAM below what is
	// resident and held there is rejected and counted.
	SetCapacity
)

var changeKindNames = [...]string{NodeFail: "fail", NodeRecover: "recover", SetCapacity: "capacity"}

// String returns the name used in scenario files: "fail", "recover" or "capacity".
func (k ChangeKind) String() string { return names.Of(changeKindNames[:], k) }

// ParseChangeKind returns the change kind named s ("fail", "recover", "capacity").
func ParseChangeKind(s string) (ChangeKind, bool) {
	return names.Parse[ChangeKind](changeKindNames[:], s)
}

// Change is one scheduled run-time change of a node (Config.Changes).
type Change struct {
	Time   float64    // When it happens, s (≥ 0).
	Kind   ChangeKind // What happens.
	Node   int        // Index into Config.Nodes.
	GPU    float64    // SetCapacity: new G_n, TFLOP/s (≥ 0).
	CPU    float64    // SetCapacity: new C_n, cores (≥ 0).
	VRAMGB float64    // SetCapacity: new V_n, GB (≥ 0).
}

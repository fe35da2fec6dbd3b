package xapp

import (
	"math"

	"github.com/airansim/airansim/internal/names"
)

// Class is the timing class of an O-RAN application.
type Class uint8

// Application classes (O-RAN control loops).
const (
	XApp Class = iota // near-RT RIC application: ≈ 1 s control window.
	DApp              // distributed unit application: ≤ 10 ms.
	RApp              // non-RT RIC application: no deadline unless given.
)

var classNames = [...]string{"xapp", "dapp", "rapp"}

// String returns "xapp", "dapp" or "rapp".
func (c Class) String() string { return names.Of(classNames[:], c) }

// ParseClass returns the class named s ("xapp", "dapp", "rapp").
func ParseClass(s string) (Class, bool) { return names.Parse[Class](classNames[:], s) }

// NoDeadline is the deadline of a request without one, s: the largest finite float64 (the engine
// requires a finite deadline), so every finished request meets it.
const NoDeadline = math.MaxFloat64

// DefaultDeadline returns the class's deadline L_APP when the tenant gives none, s: 1 s for an xApp,
// 10 ms for a dApp, NoDeadline for an rApp (the paper's Section 5 table, ORAN-HAutoscaling,
// Information 16(4) 259, 2025).
func (c Class) DefaultDeadline() float64 {
	switch c {
	case DApp:
		return 0.010
	case RApp:
		return NoDeadline
	}
	return 1
}

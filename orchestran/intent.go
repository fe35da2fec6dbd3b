package orchestran

import (
	"fmt"
	"math"
)

// Item is one requested tuple (i, f, d) of an intent: τ_{i,f,d} = 1 with its requirements.
type Item struct {
	Func int // f, an index into Catalog.Functions
	Node int // d, the node the function is requested on
	// Pi is π_{i,f,d}, the required performance score.
	Pi float64
	// Chi is χ_{i,f,d}: +1 (or 0, the default) means the score must be ≥ Pi, -1 that it must be ≤ Pi.
	Chi int
	// DeltaMs is δ_{i,f,d}, the largest tolerated data-collection plus execution time in ms (≥ 0).
	DeltaMs float64
	// Sources is 𝒟^IN_{i,f,d}: the nodes whose data feed the function; not empty, each reachable from
	// Node (c_{d,d''} = 1), no repeats.
	Sources []int
}

// Intent is one request i: the tuples ℱ_i with π, δ, 𝒟^IN, and the value v_i ≥ 0 earned if every
// tuple is served.
type Intent struct {
	Value float64
	Items []Item
}

// validateIntent reports the first problem of intent i against the tree and the catalogue.
func validateIntent(i int, in Intent, t *Tree, c *Catalog) error {
	key := fmt.Sprintf("intent %d", i)
	if !(in.Value >= 0) || math.IsInf(in.Value, 0) {
		return fmt.Errorf("%w: %s: value %v (want finite ≥ 0)", ErrNegative, key, in.Value)
	}
	if len(in.Items) == 0 {
		return fmt.Errorf("%w: %s: no items", ErrInvalid, key)
	}
	seen := map[[2]int]bool{}
	for j, it := range in.Items {
		ik := fmt.Sprintf("%s item %d", key, j)
		if it.Func < 0 || it.Func >= len(c.Functions) {
			return fmt.Errorf("%w: %s: function %d", ErrUnknownFunction, ik, it.Func)
		}
		if it.Node < 0 || it.Node >= len(t.Nodes) {
			return fmt.Errorf("%w: %s: node %d", ErrUnknownNode, ik, it.Node)
		}
		if seen[[2]int{it.Func, it.Node}] {
			return fmt.Errorf("%w: %s: function %d on node %d requested twice", ErrInvalid, ik, it.Func, it.Node)
		}
		seen[[2]int{it.Func, it.Node}] = true
		if err := validateItem(ik, it, t); err != nil {
			return err
		}
	}
	return nil
}

func validateItem(ik string, it Item, t *Tree) error {
	if !(it.DeltaMs >= 0) || math.IsNaN(it.Pi) || math.IsInf(it.Pi, 0) {
		return fmt.Errorf("%w: %s: δ %v ms, π %v", ErrNegative, ik, it.DeltaMs, it.Pi)
	}
	if it.Chi < -1 || it.Chi > 1 {
		return fmt.Errorf("%w: %s: χ %d (want -1, 0 or +1)", ErrInvalid, ik, it.Chi)
	}
	if len(it.Sources) == 0 {
		return fmt.Errorf("%w: %s: no data source", ErrInvalid, ik)
	}
	seen := map[int]bool{}
	for _, s := range it.Sources {
		if s < 0 || s >= len(t.Nodes) {
			return fmt.Errorf("%w: %s: source %d", ErrUnknownNode, ik, s)
		}
		if seen[s] {
			return fmt.Errorf("%w: %s: source %d listed twice", ErrInvalid, ik, s)
		}
		seen[s] = true
		if !t.Reachable(it.Node, s) {
			return fmt.Errorf("%w: %s: source %d not reachable from node %d", ErrUnreachable, ik, s, it.Node)
		}
	}
	return nil
}

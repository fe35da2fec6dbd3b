package placement

import "fmt"

// validateToleration refuses what OCM's taint-toleration filter reports as Misconfigured (an empty
// key with an operator other than Exists; Exists with a value) and what its CRD refuses (an effect
// outside NoSelect, PreferNoSelect, NoSelectIfNew). An operator other than Equal and Exists is
// refused too.
func validateToleration(t Toleration) error {
	switch t.Operator {
	case "", TolerationEqual, TolerationExists:
	default:
		return fmt.Errorf("%w: key %q: unknown operator %q", ErrToleration, t.Key, t.Operator)
	}
	if t.Key == "" && t.Operator != TolerationExists {
		return fmt.Errorf("%w: an empty key needs operator Exists", ErrToleration)
	}
	if t.Operator == TolerationExists && t.Value != "" {
		return fmt.Errorf("%w: key %q: operator Exists takes no value", ErrToleration, t.Key)
	}
	switch t.Effect {
	case "", NoSelect, PreferNoSelect, NoSelectIfNew:
	default:
		return fmt.Errorf("%w: key %q: unknown effect %q", ErrToleration, t.Key, t.Effect)
	}
	return nil
}

// tolerated reports whether every taint of c is tolerated at time now (OCM
// plugins/tainttoleration isClusterTolerated). inDecision says whether c is in the placement's
// current decisions.
func tolerated(c *Candidate, tols []Toleration, inDecision bool, now float64) bool {
	for _, taint := range c.Taints {
		if !taintTolerated(taint, tols, inDecision, now) {
			return false
		}
	}
	return true
}

// taintTolerated: PreferNoSelect is always admitted; NoSelectIfNew is admitted for a candidate
// already decided; otherwise some toleration must match.
func taintTolerated(taint Taint, tols []Toleration, inDecision bool, now float64) bool {
	if taint.Effect == PreferNoSelect {
		return true
	}
	if taint.Effect == NoSelectIfNew && inDecision {
		return true
	}
	for _, tol := range tols {
		if tolerates(tol, taint, now) {
			return true
		}
	}
	return false
}

// tolerates: the effect (when set) and key (when set) must equal the taint's; Equal (or empty)
// compares values, Exists matches any; a matching toleration with TolerationSeconds holds only
// while now is before TimeAdded + TolerationSeconds.
func tolerates(tol Toleration, taint Taint, now float64) bool {
	if tol.Effect != "" && tol.Effect != taint.Effect {
		return false
	}
	if tol.Key != "" && tol.Key != taint.Key {
		return false
	}
	switch tol.Operator {
	case "", TolerationEqual:
		if tol.Value != taint.Value {
			return false
		}
	case TolerationExists:
	default:
		return false
	}
	if tol.TolerationSeconds == nil {
		return true
	}
	return now < taint.TimeAdded+*tol.TolerationSeconds
}

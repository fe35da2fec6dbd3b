package placement

import (
	"fmt"
	"slices"
)

// validateRequirement refuses what Kubernetes' labels.NewRequirement refuses: an unknown operator,
// In/NotIn without values, Exists/DoesNotExist with values.
func validateRequirement(r Requirement) error {
	switch r.Operator {
	case In, NotIn:
		if len(r.Values) == 0 {
			return fmt.Errorf("%w: key %q: operator %s needs at least one value", ErrSelector, r.Key, r.Operator)
		}
	case Exists, DoesNotExist:
		if len(r.Values) != 0 {
			return fmt.Errorf("%w: key %q: operator %s takes no values", ErrSelector, r.Key, r.Operator)
		}
	default:
		return fmt.Errorf("%w: key %q: unknown operator %q", ErrSelector, r.Key, r.Operator)
	}
	return nil
}

// matches reports whether the requirement holds on set (Kubernetes labels.Requirement.Matches):
// NotIn holds when the key is absent.
func (r Requirement) matches(set map[string]string) bool {
	v, ok := set[r.Key]
	switch r.Operator {
	case In:
		return ok && slices.Contains(r.Values, v)
	case NotIn:
		return !ok || !slices.Contains(r.Values, v)
	case Exists:
		return ok
	case DoesNotExist:
		return !ok
	}
	return false
}

// validate checks every requirement of the predicate.
func (p Predicate) validate() error {
	for _, r := range p.Labels.MatchExpressions {
		if err := validateRequirement(r); err != nil {
			return fmt.Errorf("label selector: %w", err)
		}
	}
	for _, r := range p.Claims.MatchExpressions {
		if err := validateRequirement(r); err != nil {
			return fmt.Errorf("claim selector: %w", err)
		}
	}
	return nil
}

// matches reports whether c satisfies the label selector and the claim selector (ANDed; OCM
// helpers.ClusterSelector.Matches). An empty selector matches everything.
func (p Predicate) matches(c *Candidate) bool {
	for k, v := range p.Labels.MatchLabels { // order does not matter: all must hold
		if got, ok := c.Labels[k]; !ok || got != v {
			return false
		}
	}
	for _, r := range p.Labels.MatchExpressions {
		if !r.matches(c.Labels) {
			return false
		}
	}
	for _, r := range p.Claims.MatchExpressions {
		if !r.matches(c.Claims) {
			return false
		}
	}
	return true
}

// matchesAny applies the predicate filter (OCM plugins/predicate): no predicates admit every
// candidate; otherwise a candidate must match at least one predicate (predicates are ORed).
func matchesAny(preds []Predicate, c *Candidate) bool {
	if len(preds) == 0 {
		return true
	}
	for i := range preds {
		if preds[i].matches(c) {
			return true
		}
	}
	return false
}

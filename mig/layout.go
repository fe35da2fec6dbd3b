package mig

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Placement is one GPU instance of a layout: a profile starting at a memory slice. Its text form is
// "PROFILE@START", e.g. "3g.40gb@4".
type Placement struct {
	Profile string // profile name of the GPU's model
	Start   int    // first memory slice, in [0, MemorySlices)
}

// String returns "PROFILE@START".
func (p Placement) String() string { return p.Profile + "@" + strconv.Itoa(p.Start) }

// Layout is a MIG GPU's partitioning: its GPU instances. The empty layout has no instance (the GPU
// serves nothing). Validate checks it against a model.
type Layout []Placement

// String returns the placements joined by "," in start order, e.g. "4g.40gb@0,3g.40gb@4"; "" for the
// empty layout.
func (l Layout) String() string {
	s := l.Sorted()
	parts := make([]string, len(s))
	for i, p := range s {
		parts[i] = p.String()
	}
	return strings.Join(parts, ",")
}

// Sorted returns a copy of the layout sorted by start (then profile name).
func (l Layout) Sorted() Layout {
	s := slices.Clone(l)
	slices.SortFunc(s, func(a, b Placement) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return strings.Compare(a.Profile, b.Profile)
	})
	return s
}

// Equal reports whether the two layouts have the same placements, in any order.
func (l Layout) Equal(o Layout) bool { return slices.Equal(l.Sorted(), o.Sorted()) }

// ErrLayout is wrapped by every error ParsePlacement, ParseLayout and Validate return.
var ErrLayout = errors.New("mig: invalid layout")

// Layout rules, named in a LayoutError.
const (
	RuleSyntax    = "syntax"    // a placement is not PROFILE@START
	RuleModel     = "model"     // the GPU model is not in the tables
	RuleProfile   = "profile"   // the profile is not one of the model's
	RuleRange     = "range"     // the instance's memory slices are not all within the GPU's MemorySlices
	RulePlacement = "placement" // the profile may not start at that memory slice
	RuleOverlap   = "overlap"   // two instances share a memory slice
	RuleCount     = "count"     // more instances of a profile than the GPU can hold
	RuleCompute   = "compute"   // more compute slices than the GPU has
)

// LayoutError is a layout that breaks a rule: the GPU, its model, the rule and a readable detail. It
// wraps ErrLayout.
type LayoutError struct {
	GPU    string // the GPU's name ("" when not given)
	Model  string // its model
	Rule   string // one of the Rule constants
	Detail string
}

// Error returns "mig: invalid layout: GPU NAME (MODEL): rule RULE: DETAIL".
func (e *LayoutError) Error() string {
	return fmt.Sprintf("%v: GPU %s (%s): rule %s: %s", ErrLayout, e.GPU, e.Model, e.Rule, e.Detail)
}

// Unwrap returns ErrLayout.
func (e *LayoutError) Unwrap() error { return ErrLayout }

// ParsePlacement parses "PROFILE@START" (spaces around the parts are ignored). It checks the syntax
// only; Validate checks the rest.
func ParsePlacement(s string) (Placement, error) {
	name, start, ok := strings.Cut(s, "@")
	name, start = strings.TrimSpace(name), strings.TrimSpace(start)
	k, err := strconv.Atoi(start)
	if !ok || name == "" || err != nil {
		return Placement{}, &LayoutError{Rule: RuleSyntax, Detail: fmt.Sprintf("%q: want PROFILE@START, e.g. 3g.40gb@4", s)}
	}
	return Placement{Profile: name, Start: k}, nil
}

// ParseLayout parses placements in text form (see ParsePlacement).
func ParseLayout(ss []string) (Layout, error) {
	l := make(Layout, 0, len(ss))
	for _, s := range ss {
		p, err := ParsePlacement(s)
		if err != nil {
			return nil, err
		}
		l = append(l, p)
	}
	return l, nil
}

// Validate checks layout l for the GPU named gpu (used in errors) of model m. The rules, checked in
// this order per instance (in the layout's order) and then over the layout: the profile is one of the
// model's (RuleProfile); its memory slices [Start, Start+Memory) lie in [0, MemorySlices) (RuleRange);
// the profile may start there (RulePlacement); no two instances share a memory slice (RuleOverlap); no
// profile has more than MaxCount instances (RuleCount); the compute slices sum to at most
// ComputeSlices (RuleCompute). The first broken rule is returned as a *LayoutError.
func (m Model) Validate(gpu string, l Layout) error {
	fail := func(rule, format string, args ...any) error {
		return &LayoutError{GPU: gpu, Model: m.Name, Rule: rule, Detail: fmt.Sprintf(format, args...)}
	}
	var owner [MemorySlices]int // 1 + index of the instance occupying each memory slice, 0: free
	count := map[string]int{}
	compute := 0
	for i, pl := range l {
		p, ok := m.Profile(pl.Profile)
		switch {
		case !ok:
			return fail(RuleProfile, "%v: %q is not a profile of %s (%s)", pl, pl.Profile, m.Name, strings.Join(m.ProfileNames(), ", "))
		case pl.Start < 0 || pl.Start+p.Memory > MemorySlices:
			return fail(RuleRange, "%v occupies memory slices %d–%d, outside 0–%d", pl, pl.Start, pl.Start+p.Memory-1, MemorySlices-1)
		case !p.CanStart(pl.Start):
			return fail(RulePlacement, "%v: %s may start only at memory slices %v", pl, p.Name, p.Starts)
		}
		for k := pl.Start; k < pl.Start+p.Memory; k++ {
			if owner[k] != 0 {
				return fail(RuleOverlap, "%v and %v share memory slice %d", l[owner[k]-1], pl, k)
			}
			owner[k] = i + 1
		}
		if count[p.Name]++; count[p.Name] > p.MaxCount {
			return fail(RuleCount, "%d instances of %s, at most %d", count[p.Name], p.Name, p.MaxCount)
		}
		compute += p.Compute
	}
	if compute > ComputeSlices {
		return fail(RuleCompute, "%d compute slices, the GPU has %d", compute, ComputeSlices)
	}
	return nil
}

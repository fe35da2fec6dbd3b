package placement

import (
	"cmp"
	"fmt"
	"slices"
)

// Filter names, as OCM's scheduler records them.
const (
	FilterPredicate       = "Predicate"
	FilterTaintToleration = "TaintToleration"
)

// Reasons of the PlacementSatisfied condition (OCM scheduling_controller newSatisfiedCondition).
const (
	// ReasonAllScheduled: the wanted number of candidates (or every feasible one) was selected.
	ReasonAllScheduled = "AllDecisionsScheduled"
	// ReasonNotAllScheduled: fewer feasible candidates than NumberOfClusters.
	ReasonNotAllScheduled = "NotAllDecisionsScheduled"
	// ReasonNoMatch: no candidate passed the filters.
	ReasonNoMatch = "NoManagedClusterMatched"
	// ReasonNoCandidates: there were no candidates at all.
	ReasonNoCandidates = "AllManagedClusterSetsEmpty"
)

// Ranked is one feasible candidate with its scores.
type Ranked struct {
	Name string
	// Total is Σ weight × score over Result.Prioritizers.
	Total int
	// Scores[i] is the unweighted score, in [MinScore, MaxScore], of Result.Prioritizers[i].
	Scores []int
	// States[i] says where Scores[i] came from.
	States []ScoreState
}

// Excluded is one candidate a filter removed.
type Excluded struct {
	Name string
	// Filter is FilterPredicate or FilterTaintToleration.
	Filter string
}

// Result is one scheduling round's decision and its explanation.
type Result struct {
	// Selected names the chosen candidates in rank order (highest total first, ties by name).
	Selected []string
	// Ranking lists every feasible candidate in rank order, with per-prioritizer scores.
	Ranking []Ranked
	// Prioritizers are the prioritizers that ran, in resolution order (defaults, then
	// configurations); Ranked.Scores is indexed like it.
	Prioritizers []Weighted
	// Excluded lists the candidates filtered out, sorted by name.
	Excluded []Excluded
	// Unscheduled is NumberOfClusters − len(Selected) when NumberOfClusters is set, else 0.
	Unscheduled int
	// Reason is the PlacementSatisfied condition reason (Reason* constants).
	Reason string
	// Warnings report expired add-on scores (OCM's Warning status), by prioritizer then candidate
	// name.
	Warnings []string
}

// Satisfied reports whether the placement got every decision it asked for (OCM's
// PlacementSatisfied condition is True).
func (r Result) Satisfied() bool { return r.Reason == ReasonAllScheduled }

// DecisionNames returns the selected names sorted by name, the order OCM writes them into its
// PlacementDecision.
func (r Result) DecisionNames() []string {
	out := slices.Clone(r.Selected)
	slices.Sort(out)
	return out
}

// Schedule runs one scheduling round of spec over in, as OCM's placement scheduler does
// (pkg/placement/controllers/scheduling/schedule.go): the predicate filter, then the
// taint-toleration filter, then every prioritizer of nonzero weight over the feasible candidates,
// each candidate's total being Σ weight × score; candidates are sorted by total, descending, ties
// by name ascending (byte order), and the first NumberOfClusters (all when 0) are selected. A
// misconfigured spec or bad input yields an error wrapping one of the Err* sentinels and no
// decision. Schedule does not retain or modify its arguments.
func Schedule(spec Spec, in Input) (Result, error) {
	if err := validate(spec, in); err != nil {
		return Result{}, err
	}
	prios, err := weights(spec.Prioritizers)
	if err != nil {
		return Result{}, err
	}
	res := Result{Prioritizers: prios}
	feasible := filter(spec, in, &res)

	ranking := make([]Ranked, len(feasible))
	for i, c := range feasible {
		ranking[i] = Ranked{Name: c.Name, Scores: make([]int, len(prios)), States: make([]ScoreState, len(prios))}
	}
	for j, p := range prios {
		scores, states, warnings, err := score(p.Coordinate, feasible, in)
		if err != nil {
			return Result{}, err
		}
		res.Warnings = append(res.Warnings, warnings...)
		for i := range ranking {
			ranking[i].Scores[j] = scores[i]
			if states != nil {
				ranking[i].States[j] = states[i]
			}
			ranking[i].Total += scores[i] * p.Weight
		}
	}
	slices.SortStableFunc(ranking, func(a, b Ranked) int {
		if a.Total != b.Total {
			return cmp.Compare(b.Total, a.Total)
		}
		return cmp.Compare(a.Name, b.Name)
	})
	res.Ranking = ranking

	n := len(ranking)
	if spec.NumberOfClusters > 0 && spec.NumberOfClusters < n {
		n = spec.NumberOfClusters
	}
	res.Selected = make([]string, n)
	for i := range n {
		res.Selected[i] = ranking[i].Name
	}
	if spec.NumberOfClusters > 0 {
		res.Unscheduled = spec.NumberOfClusters - n
	}
	res.Reason = reason(len(in.Candidates), n, res.Unscheduled)
	return res, nil
}

// validate checks the candidates and the parts of the spec the filters read.
func validate(spec Spec, in Input) error {
	if spec.NumberOfClusters < 0 {
		return fmt.Errorf("%w: %d", ErrNumber, spec.NumberOfClusters)
	}
	seen := make(map[string]bool, len(in.Candidates))
	for i, c := range in.Candidates {
		if c.Name == "" {
			return fmt.Errorf("%w: candidate %d has no name", ErrCandidate, i)
		}
		if seen[c.Name] {
			return fmt.Errorf("%w: name %q used twice", ErrCandidate, c.Name)
		}
		seen[c.Name] = true
	}
	for i, p := range spec.Predicates {
		if err := p.validate(); err != nil {
			return fmt.Errorf("predicate %d: %w", i, err)
		}
	}
	for i, t := range spec.Tolerations {
		if err := validateToleration(t); err != nil {
			return fmt.Errorf("toleration %d: %w", i, err)
		}
	}
	return nil
}

// filter applies the predicate filter then the taint-toleration filter (OCM NewPluginScheduler's
// filter order), recording exclusions in res, and returns the feasible candidates sorted by name,
// so that nothing downstream depends on the order of in.Candidates.
func filter(spec Spec, in Input, res *Result) []*Candidate {
	own := make(map[string]bool, len(in.Current.Own))
	for _, n := range in.Current.Own {
		own[n] = true
	}
	all := make([]*Candidate, len(in.Candidates))
	for i := range in.Candidates {
		all[i] = &in.Candidates[i]
	}
	slices.SortFunc(all, func(a, b *Candidate) int { return cmp.Compare(a.Name, b.Name) })
	var feasible []*Candidate
	for _, c := range all {
		switch {
		case !matchesAny(spec.Predicates, c):
			res.Excluded = append(res.Excluded, Excluded{Name: c.Name, Filter: FilterPredicate})
		case !tolerated(c, spec.Tolerations, own[c.Name], in.Now):
			res.Excluded = append(res.Excluded, Excluded{Name: c.Name, Filter: FilterTaintToleration})
		default:
			feasible = append(feasible, c)
		}
	}
	return feasible
}

// score runs one prioritizer over the feasible candidates; states is nil when every score is set.
func score(c Coordinate, cands []*Candidate, in Input) ([]int, []ScoreState, []string, error) {
	switch c.Type {
	case CoordinateAddOn:
		return addOnScores(cands, c, in.Scores, in.Now)
	}
	switch c.BuiltIn {
	case Balance:
		return balanceScores(cands, in.Current), nil, nil, nil
	case Steady:
		return steadyScores(cands, in.Current), nil, nil, nil
	case ResourceAllocatableCPU:
		s, st := resourceScores(cands, ResourceCPU)
		return s, st, nil, nil
	case ResourceAllocatableMemory:
		s, st := resourceScores(cands, ResourceMemory)
		return s, st, nil, nil
	}
	return nil, nil, nil, fmt.Errorf("%w: unknown built-in prioritizer %q", ErrCoordinate, c.BuiltIn)
}

// reason picks the PlacementSatisfied reason as OCM's newSatisfiedCondition does.
func reason(candidates, selected, unscheduled int) string {
	switch {
	case candidates == 0:
		return ReasonNoCandidates
	case selected == 0:
		return ReasonNoMatch
	case unscheduled == 0:
		return ReasonAllScheduled
	}
	return ReasonNotAllScheduled
}

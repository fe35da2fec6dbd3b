package placement

import "fmt"

// ScoreState says where a prioritizer's score for one candidate came from.
type ScoreState uint8

// Score states.
const (
	// ScoreSet: the prioritizer computed or found a score.
	ScoreSet ScoreState = iota
	// ScoreMissing: no add-on score, or no allocatable/capacity for the resource; the score is 0.
	ScoreMissing
	// ScoreExpired: the add-on score's validUntil has passed; the score is 0.
	ScoreExpired
)

// String names the state.
func (s ScoreState) String() string {
	switch s {
	case ScoreSet:
		return "set"
	case ScoreMissing:
		return "missing"
	case ScoreExpired:
		return "expired"
	}
	return fmt.Sprintf("ScoreState(%d)", uint8(s))
}

// balanceScores implements OCM plugins/balance: every candidate starts at MaxScore; a candidate
// that other placements select count times, where maxCount is the largest such count over all
// candidates named in other decisions, scores 2 × int(100 × (0.5 − count/maxCount)), truncated
// toward zero before doubling; this placement's own decisions are not counted.
func balanceScores(cands []*Candidate, cur Current) []int {
	count := map[string]int{}
	maxCount := 0
	for _, d := range cur.Others {
		for _, name := range d.Selected {
			count[name]++
			if count[name] > maxCount {
				maxCount = count[name]
			}
		}
	}
	out := make([]int, len(cands))
	for i, c := range cands {
		out[i] = MaxScore
		if n, ok := count[c.Name]; ok {
			usage := float64(n) / float64(maxCount)
			out[i] = 2 * int(float64(MaxScore)*(0.5-usage))
		}
	}
	return out
}

// steadyScores implements OCM plugins/steady: MaxScore for a candidate in this placement's current
// decisions, 0 otherwise.
func steadyScores(cands []*Candidate, cur Current) []int {
	own := make(map[string]bool, len(cur.Own))
	for _, n := range cur.Own {
		own[n] = true
	}
	out := make([]int, len(cands))
	for i, c := range cands {
		if own[c.Name] {
			out[i] = MaxScore
		}
	}
	return out
}

// resourceScores implements OCM plugins/resource (algorithm Allocatable): among the candidates that
// have both an allocatable and a capacity entry for the resource, with min and max their
// allocatable, a candidate scores int((ratio − 0.5) × 2 × 100) with ratio = (alloc − min)/(max −
// min), or MaxScore when max = min. Candidates lacking the entries get no score (0, ScoreMissing).
func resourceScores(cands []*Candidate, resource string) ([]int, []ScoreState) {
	out := make([]int, len(cands))
	states := make([]ScoreState, len(cands))
	first := true
	var lo, hi float64
	for i, c := range cands {
		a, ok := allocatable(c, resource)
		if !ok {
			states[i] = ScoreMissing
			continue
		}
		if first || a < lo {
			lo = a
		}
		if first || a > hi {
			hi = a
		}
		first = false
	}
	for i, c := range cands {
		if states[i] == ScoreMissing {
			continue
		}
		a, _ := allocatable(c, resource)
		if hi-lo != 0 {
			ratio := (a - lo) / (hi - lo)
			out[i] = int((ratio - 0.5) * 2.0 * 100.0)
		} else {
			out[i] = MaxScore
		}
	}
	return out, states
}

// allocatable returns the candidate's allocatable amount of resource, provided it also states a
// capacity for it (OCM getClusterResource needs both).
func allocatable(c *Candidate, resource string) (float64, bool) {
	a, ok := c.Allocatable[resource]
	if !ok {
		return 0, false
	}
	if _, ok := c.Capacity[resource]; !ok {
		return 0, false
	}
	return a, true
}

// addOnScores implements OCM plugins/addon: a candidate's score is the named score of its
// AddOnPlacementScore; a missing score counts 0, and so does an expired one (Expires and now >
// ValidUntil), which also yields a warning. A value outside [MinScore, MaxScore] is refused.
func addOnScores(cands []*Candidate, c Coordinate, s Scores, now float64) ([]int, []ScoreState, []string, error) {
	out := make([]int, len(cands))
	states := make([]ScoreState, len(cands))
	var warnings []string
	for i, cand := range cands {
		if s == nil {
			states[i] = ScoreMissing
			continue
		}
		sc, ok := s.Score(cand.Name, c.Resource, c.ScoreName, now)
		if !ok {
			states[i] = ScoreMissing
			continue
		}
		if sc.Value < MinScore || sc.Value > MaxScore {
			return nil, nil, nil, fmt.Errorf("%w: %s of %s is %d", ErrScore, c.name(), cand.Name, sc.Value)
		}
		if sc.Expires && now > sc.ValidUntil {
			states[i] = ScoreExpired
			warnings = append(warnings, fmt.Sprintf("%s: score of %s expired at %g s (now %g s)",
				c.name(), cand.Name, sc.ValidUntil, now))
			continue
		}
		out[i] = sc.Value
	}
	return out, states, warnings, nil
}

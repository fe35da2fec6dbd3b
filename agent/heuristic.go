package agent

import (
	"context"
	"sort"
)

// HeuristicOptions tunes the Heuristic agent. The zero value selects every default.
type HeuristicOptions struct {
	Target     float64 // load above which a node counts as overloaded; default 0.9
	FloorAlarm float64 // share of a node's GPU or CPU held by RAN floors above which AI should leave it; default 0.5
	Payback    float64 // seconds over which a move must repay its R_s; default 30
}

func (o HeuristicOptions) withDefaults() HeuristicOptions {
	if o.Target <= 0 {
		o.Target = 0.9
	}
	if o.FloorAlarm <= 0 {
		o.FloorAlarm = 0.5
	}
	if o.Payback <= 0 {
		o.Payback = 30
	}
	return o
}

// Heuristic is the deterministic rule-based agent, following the same system policy as the LLM
// prompt (SystemPolicy). A migration is scored by how much it lowers the more loaded of its source
// and destination nodes on the instance's dominant resource, minus its reconfiguration cost R_s spread
// over the payback time; AI instances on a node whose RAN floors exceed FloorAlarm get that floor share
// as a bonus. Only moves off overloaded (or RAN-critical) nodes with a positive score are shortlisted,
// best first (ties: candidate order); with none, the shortlist is the no-op alone.
type Heuristic struct{ o HeuristicOptions }

// NewHeuristic returns a Heuristic agent.
func NewHeuristic(o HeuristicOptions) *Heuristic { return &Heuristic{o.withDefaults()} }

// Name returns "heuristic".
func (*Heuristic) Name() string { return "heuristic" }

// Shortlist returns up to K positive-score migrations, or the no-op.
func (a *Heuristic) Shortlist(_ context.Context, q *Query) (Reply, error) {
	type scored struct {
		id    string
		score float64
	}
	var best []scored
	for _, c := range q.Candidates {
		if s, ok := a.score(q, c); ok {
			best = append(best, scored{c.ID, s})
		}
	}
	sort.SliceStable(best, func(i, j int) bool { return best[i].score > best[j].score })
	out := []string{NoOpID}
	if len(best) > 0 {
		out = out[:0]
		for i := 0; i < len(best) && i < q.K; i++ {
			out = append(out, best[i].id)
		}
	}
	return Reply{Shortlist: out}, nil
}

// score rates candidate c; ok is false when c is the no-op or not worth shortlisting.
func (a *Heuristic) score(q *Query, c Candidate) (float64, bool) {
	if c.NoOp() {
		return 0, false
	}
	s := q.Snapshot
	e := EffectOf(s, c, horizonFactor*q.Interval)
	if e.DstVRAMFree < 0 || e.Demand <= 0 {
		return 0, false
	}
	bonus := 0.0
	if c.Category.IsAI() {
		bonus = max(s.FloorUse(c.From, 0), s.FloorUse(c.From, 1))
		if bonus <= a.o.FloorAlarm {
			bonus = 0
		}
	}
	if e.SrcBefore <= a.o.Target && bonus == 0 {
		return 0, false
	}
	gain := max(e.SrcBefore, e.DstBefore) - max(e.SrcAfter, e.DstAfter)
	score := gain + bonus - s.Services[s.Instances[c.Instance].Service].ReconfigS/a.o.Payback
	return score, score > 0
}

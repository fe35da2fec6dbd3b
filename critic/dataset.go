package critic

import (
	"context"
	"math/rand/v2"

	"github.com/airansim/airansim/policy/haf"
	"github.com/airansim/airansim/rng"
	"github.com/airansim/airansim/sim"
)

// Sample is one (state, action, outcome) triple: the exact counterfactual outcome of applying one
// candidate at one epoch and holding the placement for one interval.
type Sample struct {
	Run       string              // run label (load and seed)
	Epoch     int                 // epoch number within the run
	TimeS     float64             // epoch time, s
	Candidate string              // readable candidate, e.g. "m7: llm-b gpu-heavy-0→gpu-heavy-1"
	Features  []float64           // Features(state, action)
	N         [sim.Groups]int     // requests arriving in the interval, by group
	Met       [sim.Groups]int     // of those, met their deadline
	Realised  float64             // r̄ realised (haf.Realised with the collector's weights)
	Chosen    bool                // the collector committed this candidate
	Target    [sim.Groups]float64 // Met/N (0 where N = 0)
}

// Mask reports which target components are defined (N > 0).
func (s Sample) Mask() [sim.Groups]bool {
	var m [sim.Groups]bool
	for g := range m {
		m[g] = s.N[g] > 0
	}
	return m
}

// Collector is a sim.Controller that, at every epoch, rolls every candidate forward exactly,
// records one Sample each, and commits the best realised candidate (with probability Explore a
// uniformly random one instead, so that the data also covers states off the best trajectory).
type Collector struct {
	Run      string
	Interval float64             // Δ, s
	Eligible []sim.Category      // nil: all
	Weights  [sim.Groups]float64 // all zero: equal
	Explore  float64             // probability of a random commit, in [0,1]
	// Scores, when set, returns the scores valid at the epoch (e.g. a scoring hub advanced to it) and
	// the samples' features are FeaturesScores' (a scores critic's dataset); nil: Features'.
	Scores  func(ctx context.Context, s *sim.Snapshot) (ScoreSource, error)
	Samples []Sample
	rng     *rand.Rand
}

// NewCollector returns a collector seeded for its exploration.
func NewCollector(run string, interval, explore float64, seed uint64) *Collector {
	return &Collector{Run: run, Interval: interval, Explore: explore, Weights: [sim.Groups]float64{1, 1, 1},
		rng: rng.New(seed, "critic/collector")}
}

// Name returns "collector".
func (*Collector) Name() string { return "collector" }

// Decide records the epoch's samples, each candidate rolled out exactly by r, and commits one candidate.
func (c *Collector) Decide(ctx context.Context, s *sim.Snapshot, r sim.Env) (sim.Plan, error) {
	cs := haf.Candidates(s, c.Eligible)
	outs, err := haf.RolloutAll(ctx, r, cs, c.Interval)
	if err != nil {
		return nil, err
	}
	var scores ScoreSource
	if c.Scores != nil {
		if scores, err = c.Scores(ctx, s); err != nil {
			return nil, err
		}
	}
	best, bestV := 0, -1.0
	first := len(c.Samples)
	for i, cand := range cs {
		v := haf.Realised(outs[i], c.Weights)
		var x []float64
		if c.Scores != nil {
			x = FeaturesScores(s, cand, c.Interval, scores, nil)
		} else {
			x = Features(s, cand, c.Interval, nil)
		}
		sm := Sample{Run: c.Run, Epoch: s.Epoch, TimeS: s.Time, Candidate: cand.String(),
			Features: x, N: outs[i].N, Met: outs[i].Met, Realised: v}
		for g := range sm.Target {
			if sm.N[g] > 0 {
				sm.Target[g] = float64(sm.Met[g]) / float64(sm.N[g])
			}
		}
		c.Samples = append(c.Samples, sm)
		if v > bestV {
			best, bestV = i, v
		}
	}
	if c.rng.Float64() < c.Explore {
		best = c.rng.IntN(len(cs))
	}
	c.Samples[first+best].Chosen = true
	m, ok := cs[best].Migration()
	if !ok {
		return nil, nil
	}
	return sim.Plan{m}, nil
}
